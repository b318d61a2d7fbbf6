/**
 * A refusal by the domain: a valid request that the rules do not allow.
 * `code` is stable (clients switch on it); `message` is for people.
 * Mapped to HTTP in exactly one place (shared/http/http-exception.filter.ts).
 */
export type DomainErrorKind = 'not_found' | 'conflict' | 'unprocessable' | 'invalid' | 'unavailable' | 'unauthenticated' | 'forbidden' | 'rate_limited';

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind = 'unprocessable',
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(code: string, message: string): DomainError {
    return new DomainError(code, message, 'not_found');
  }
}
