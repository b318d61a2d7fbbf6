import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** The request id (X-Request-Id, kept from the caller when sane): see app.factory.ts. */
export const RequestId = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | null => {
  return ctx.switchToHttp().getRequest<FastifyRequest>().id ?? null;
});
