import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** The request id (X-Request-Id, kept from the caller when sane): see app.factory.ts. */
export const RequestId = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | null => {
  return ctx.switchToHttp().getRequest<FastifyRequest>().id ?? null;
});

const ACTOR = /^[\p{L}\p{N} ._@+'-]{1,200}$/u;

/**
 * Who is acting. Until accounts exist (issue 6 replaces this with the authenticated user),
 * the caller names itself in the `X-Actor` header; anything unusable falls back to "api".
 */
export const Actor = createParamDecorator((_data: unknown, ctx: ExecutionContext): string => {
  const header = ctx.switchToHttp().getRequest<FastifyRequest>().headers['x-actor'];
  const value = typeof header === 'string' ? header.trim() : undefined;
  return value && ACTOR.test(value) ? value : 'api';
});
