import type {} from '@fastify/cookie';
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
  const cookies = (request as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies;
  const session = cookies?.[SESSION_COOKIE];
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
