import type {} from '@fastify/view';
import type { Principal } from '../auth/principal.js';

/** What the layout needs on every page. */
export interface PageContext {
  readonly title: string;
  readonly user: { readonly email: string; readonly displayName: string; readonly role: string } | null;
  readonly csrfToken: string;
  readonly nav: string;
  readonly flash: string | null;
  /** The server's "now": the countdowns count from it, not from the browser's clock. */
  readonly serverNow: string;
}

export function pageContext(principal: (Principal & { csrfToken?: string }) | null, title: string, nav: string, now: Date, flash: string | null = null): PageContext {
  return {
    title,
    user: principal ? { email: principal.email, displayName: principal.displayName, role: principal.role } : null,
    csrfToken: principal?.csrfToken ?? '',
    nav,
    flash,
    serverNow: now.toISOString(),
  };
}

/** Only a path on this site: never `//host` or a scheme (open redirect). */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?!\/)[^\s\\]*$/.test(next) && !next.startsWith('/login') ? next : '/';
}
