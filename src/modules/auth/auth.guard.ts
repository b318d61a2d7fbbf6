import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainError } from '../../shared/domain/domain-error.js';
import { AuthenticationService } from './authentication.service.js';
import { can, type Permission } from './domain/permissions.js';
import { credentialsOf, SAFE_METHODS } from './credentials.js';
import { ALLOWED_BEFORE_PASSWORD_CHANGE, type AuthenticatedRequest, type Principal, PUBLIC_ROUTE, REQUIRED_PERMISSION } from './principal.js';
import { assertRouteInScope } from './tenancy.js';

/**
 * Every route but those marked @Public: who is calling (401), whether the record is theirs
 * (404, never 403, for another organisation's), then whether their role may do this (403
 * naming the permission). A route that declares no permission is refused: fail closed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthenticationService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.authenticate(request);
    request.principal = principal;

    if (principal.passwordChangeRequired && !this.reflector.get<boolean>(ALLOWED_BEFORE_PASSWORD_CHANGE, ctx.getHandler())) {
      throw new DomainError('AUTH.PASSWORD_CHANGE_REQUIRED', 'Change the one-time password first (PUT /api/users/me/password)', 'forbidden');
    }
    await assertRouteInScope(this.db, request.routeOptions.url ?? request.url, request.params as Record<string, string>, principal);

    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets);
    if (!permission) throw new Error(`Route ${request.method} ${request.routeOptions.url} declares no permission`);
    if (!can(principal.role, permission)) {
      throw new DomainError('AUTH.FORBIDDEN', `Your role (${principal.role}) lacks the permission "${permission}"`, 'forbidden', { permission });
    }
    return true;
  }

  private async authenticate(request: AuthenticatedRequest): Promise<Principal> {
    const credentials = credentialsOf(request);
    if (credentials.bearer !== undefined) {
      const principal = await this.auth.byToken(credentials.bearer);
      if (!principal) throw new DomainError('AUTH.INVALID_TOKEN', 'The API token is unknown, revoked or expired', 'unauthenticated');
      return principal;
    }
    if (credentials.session !== undefined) {
      const session = await this.auth.bySession(credentials.session);
      if (!session) throw new DomainError('AUTH.SESSION_EXPIRED', 'The session has ended; sign in again', 'unauthenticated');
      if (!SAFE_METHODS.has(request.method) && credentials.csrf !== session.csrfToken) {
        throw new DomainError('AUTH.CSRF_TOKEN_INVALID', 'The CSRF token is missing or wrong: send the X-CSRF-Token given at sign-in', 'forbidden');
      }
      return session;
    }
    throw new DomainError('AUTH.UNAUTHENTICATED', 'Authentication required: send Authorization: Bearer <token>, or sign in', 'unauthenticated');
  }
}
