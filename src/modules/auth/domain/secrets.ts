import { hash, randomBytes } from 'node:crypto';

/** A fresh bearer secret: 256 random bits, URL-safe, with a prefix saying what it is. */
export function newSecret(prefix: 'bct' | 'bcs'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/**
 * Tokens and session secrets are 256-bit random values, so a plain SHA-256 is enough to
 * store them (a slow hash only matters for guessable secrets such as passwords).
 */
export function secretHash(secret: string): string {
  return hash('sha256', secret, 'hex');
}

/** What a person sees of a token after creation: enough to tell tokens apart. */
export function secretPrefix(secret: string): string {
  return secret.slice(0, 10);
}

/** Issued tokens are bct_…; BOOTSTRAP_ADMIN_TOKEN may be any 32 to 256 printable characters. */
export const TOKEN_SHAPE = /^[\x21-\x7e]{32,256}$/;
export const SESSION_SHAPE = /^bcs_[A-Za-z0-9_-]{43}$/;

/** E-mail addresses are compared without case and surrounding space. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
