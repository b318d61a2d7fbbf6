import { randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

export interface RequestWithContext extends Request {
  requestId?: string;
}

const INCOMING_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Gives every request an id (kept from X-Request-Id when sane), echoed in the response. */
export function requestIdMiddleware(req: RequestWithContext, res: Response, next: NextFunction): void {
  const incoming = req.header('x-request-id');
  req.requestId = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', req.requestId);
  next();
}

export const RequestId = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | null => {
  return ctx.switchToHttp().getRequest<RequestWithContext>().requestId ?? null;
});

const ACTOR = /^[\p{L}\p{N} ._@+'-]{1,200}$/u;

/**
 * Who is acting. Until accounts exist (issue 6 replaces this with the authenticated user),
 * the caller names itself in the `X-Actor` header; anything unusable falls back to "api".
 */
export const Actor = createParamDecorator((_data: unknown, ctx: ExecutionContext): string => {
  const header = ctx.switchToHttp().getRequest<Request>().header('x-actor')?.trim();
  return header && ACTOR.test(header) ? header : 'api';
});
