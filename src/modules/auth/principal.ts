import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { ActingContext } from '../audit/audit-trail.js';
import type { Permission, Role } from './domain/permissions.js';

/** The organisations a caller may see; every query is limited to them. */
export interface Scope {
  readonly organisationIds: readonly string[];
}

/** The authenticated caller, attached to the request by the AuthGuard. */
export interface Principal extends Scope {
  readonly userId: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  readonly via: 'token' | 'session';
  /** The token's or the session's id. */
  readonly credentialId: string;
  readonly passwordChangeRequired: boolean;
}

export interface AuthenticatedRequest extends FastifyRequest {
  principal?: Principal;
}

export const PUBLIC_ROUTE = 'breach-clock:public';
export const REQUIRED_PERMISSION = 'breach-clock:permission';
export const ALLOWED_BEFORE_PASSWORD_CHANGE = 'breach-clock:before-password-change';

/** No credentials needed (health, login). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/** The permission a route needs; every non-public route must declare one. */
export const Requires = (permission: Permission): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_PERMISSION, permission);

/** Usable while a one-time password still has to be changed. */
export const AllowedBeforePasswordChange = (): MethodDecorator => SetMetadata(ALLOWED_BEFORE_PASSWORD_CHANGE, true);

export function principalOf(ctx: ExecutionContext): Principal {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('No principal on an authenticated route: is the AuthGuard installed?');
  return principal;
}

export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => principalOf(ctx));

/** Who acts, for the timeline and the audit trail: the authenticated user and the request id. */
export const Acting = createParamDecorator((_data: unknown, ctx: ExecutionContext): ActingContext => {
  const principal = principalOf(ctx);
  return { actor: principal.email, userId: principal.userId, requestId: ctx.switchToHttp().getRequest<FastifyRequest>().id ?? null };
});

export function inScope(scope: Scope, organisationId: string): boolean {
  return scope.organisationIds.includes(organisationId);
}
