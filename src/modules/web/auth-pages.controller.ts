import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { CLOCK, type Clock } from '../../shared/domain/clock.js';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../shared/domain/domain-error.js';
import { AuthenticationService } from '../auth/authentication.service.js';
import { clearLoginFormToken, clearSessionCookie, loginFormToken, loginFormTokenMatches, setSessionCookie } from '../auth/credentials.js';
import { type AuthenticatedRequest, CurrentPrincipal, type Principal, Public, Requires } from '../auth/principal.js';
import { pageContext, safeNext } from './page-context.js';

interface LoginForm {
  email?: unknown;
  password?: unknown;
  next?: unknown;
  _csrf?: unknown;
}

/** Sign-in and sign-out for the pages; the session itself is the API's (see AuthController). */
/** Strict templates: every field a template names exists, null when there is nothing to say. */
const NO_ERRORS = { email: null, password: null, form: null } as const satisfies Record<string, null>;

@ApiExcludeController()
@Controller()
export class AuthPagesController {
  constructor(
    private readonly auth: AuthenticationService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('login')
  @Public()
  async loginPage(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('next') next?: string): Promise<void> {
    const csrf = loginFormToken(reply, request);
    await reply.view('login', { ...pageContext(null, 'Sign in', 'login', this.clock.now()), next: safeNext(next), email: '', errors: NO_ERRORS, csrf });
  }

  /** A plain form post (no JavaScript needed): errors are shown beside their fields, the e-mail kept. */
  @Post('login')
  @Public()
  @HttpCode(303)
  async login(@Body() form: LoginForm, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const email = typeof form?.email === 'string' ? form.email.slice(0, 254) : '';
    const password = typeof form?.password === 'string' ? form.password.slice(0, 256) : '';
    const next = safeNext(form?.next);
    const errors: Record<keyof typeof NO_ERRORS, string | null> = { ...NO_ERRORS };
    // Checked before the password: a forged post is not a failed sign-in and counts for nothing.
    if (!loginFormTokenMatches(request, form?._csrf)) {
      errors.form = 'This sign-in form has expired or did not come from this site. Please sign in again.';
      void reply.status(403);
      await reply.view('login', { ...pageContext(null, 'Sign in', 'login', this.clock.now()), next, email, errors, csrf: loginFormToken(reply, request) });
      return;
    }
    if (!email.trim()) errors.email = 'Enter your e-mail address.';
    if (!password) errors.password = 'Enter your password.';
    if (!errors.email && !errors.password) {
      try {
        const { secret } = await this.auth.login(email, password, request.ip, request.id ?? null);
        setSessionCookie(reply, request, secret);
        clearLoginFormToken(reply);
        await reply.redirect(next, 303);
        return;
      } catch (error) {
        if (!(error instanceof DomainError) || (error.kind !== 'unauthenticated' && error.kind !== 'rate_limited')) throw error;
        errors.form = error.message;
        void reply.status(error.kind === 'rate_limited' ? 429 : 401);
      }
    } else {
      void reply.status(400);
    }
    await reply.view('login', { ...pageContext(null, 'Sign in', 'login', this.clock.now()), next, email, errors, csrf: loginFormToken(reply, request) });
  }

  @Post('logout')
  @Requires('read')
  async logout(@CurrentPrincipal() principal: Principal, @Req() request: AuthenticatedRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.auth.logout(principal, request.id ?? null);
    clearSessionCookie(reply);
    await reply.redirect('/login', 303);
  }
}
