import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticationService } from './authentication.service.js';
import { clearSessionCookie, setSessionCookie } from './credentials.js';
import { CurrentSessionView, LoginDto, SessionView } from './dto/user.dto.js';
import { AllowedBeforePasswordChange, type AuthenticatedRequest, CurrentPrincipal, type Principal, Public, Requires } from './principal.js';
import { UsersService } from './users.service.js';

/** Sessions for the web pages (the API itself takes bearer tokens). */
@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthenticationService,
    private readonly users: UsersService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: SessionView, description: 'Sets the session cookie (httpOnly, SameSite=Lax, Secure behind TLS)' })
  @ApiUnauthorizedResponse({ description: 'AUTH.INVALID_CREDENTIALS: the same for an unknown user and a wrong password' })
  @ApiTooManyRequestsResponse({ description: 'AUTH.TOO_MANY_ATTEMPTS, with Retry-After' })
  async login(@Body() dto: LoginDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionView> {
    const { secret, session, user } = await this.auth.login(dto.email, dto.password, request.ip, request.id ?? null);
    setSessionCookie(reply, request, secret);
    return { user: await this.users.view(user.id, { userId: user.id, organisationIds: [] }), csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() };
  }

  @Post('logout')
  @Requires('read')
  @AllowedBeforePasswordChange()
  @HttpCode(204)
  async logout(@CurrentPrincipal() principal: Principal, @Req() request: AuthenticatedRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.logout(principal, request.id ?? null);
    clearSessionCookie(reply);
  }

  @Get('session')
  @Requires('read')
  @AllowedBeforePasswordChange()
  @ApiOkResponse({ type: CurrentSessionView, description: 'Who you are and, for a session, the CSRF token to send back' })
  async session(@CurrentPrincipal() principal: Principal & { csrfToken?: string }): Promise<CurrentSessionView> {
    return { user: await this.users.view(principal.userId, principal), via: principal.via, csrfToken: principal.csrfToken ?? null };
  }
}
