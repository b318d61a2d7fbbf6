import type {} from '@fastify/cookie';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Sessions end after 12 hours in any case (AuthenticationService also enforces 2 hours idle). */
export const SESSION_LIFETIME_MS = 12 * 3600_000;

export const SESSION_COOKIE = 'breach_clock_session';
export const CSRF_HEADER = 'x-csrf-token';
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface Credentials {
  /** The bearer token when an Authorization header is present (even a malformed one). */
  readonly bearer?: string;
  readonly session?: string;
  /** From the X-CSRF-Token header or a form's `_csrf` field. */
  readonly csrf?: string;
}

/** What the caller presented. A present Authorization header wins over a cookie. */
export function credentialsOf(request: FastifyRequest): Credentials {
  const header = request.headers.authorization;
  if (typeof header === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return { bearer: match ? match[1] : '' };
  }
  const session = cookiesOf(request)[SESSION_COOKIE];
  if (!session) return {};
  const fromHeader = request.headers[CSRF_HEADER];
  const body = request.body as Record<string, unknown> | undefined;
  const fromForm = body && typeof body === 'object' && typeof body._csrf === 'string' ? body._csrf : undefined;
  return { session, csrf: typeof fromHeader === 'string' ? fromHeader : fromForm };
}

/** The session cookie: httpOnly, SameSite=Lax, Secure when the request came over TLS. */
export function setSessionCookie(reply: FastifyReply, request: FastifyRequest, secret: string): void {
  void reply.setCookie(SESSION_COOKIE, secret, { path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', maxAge: SESSION_LIFETIME_MS / 1000 });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/**
 * Login CSRF (a foreign site signing the victim into the attacker's account, so that what the
 * victim then records lands there): the sign-in page sets a random token in a cookie of its own
 * (SameSite=Strict, only sent to /login) and in the form; the form post must bring both, equal.
 * Double submit: there is no session yet to tie the token to.
 */
export const LOGIN_COOKIE = 'breach_clock_login';
const LOGIN_TOKEN = /^[A-Za-z0-9_-]{43}$/;
const LOGIN_COOKIE_OPTIONS = { path: '/login', httpOnly: true, sameSite: 'strict', maxAge: 2 * 3600 } as const;

/** The sign-in form's token: the one the browser already holds, or a new one set now. */
export function loginFormToken(reply: FastifyReply, request: FastifyRequest): string {
  const held = cookiesOf(request)[LOGIN_COOKIE];
  if (held && LOGIN_TOKEN.test(held)) return held;
  const token = randomBytes(32).toString('base64url');
  void reply.setCookie(LOGIN_COOKIE, token, { ...LOGIN_COOKIE_OPTIONS, secure: request.protocol === 'https' });
  return token;
}

/** The form post brought the token its page set. */
export function loginFormTokenMatches(request: FastifyRequest, submitted: unknown): boolean {
  const held = cookiesOf(request)[LOGIN_COOKIE];
  if (!held || !LOGIN_TOKEN.test(held) || typeof submitted !== 'string' || submitted.length !== held.length) return false;
  return timingSafeEqual(Buffer.from(held), Buffer.from(submitted));
}

export function clearLoginFormToken(reply: FastifyReply): void {
  void reply.clearCookie(LOGIN_COOKIE, { path: '/login' });
}

function cookiesOf(request: FastifyRequest): Record<string, string | undefined> {
  return (request as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies ?? {};
}
