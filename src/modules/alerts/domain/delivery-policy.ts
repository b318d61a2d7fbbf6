/**
 * How hard a delivery is retried, and which answers are worth retrying. Pure: the delivery
 * worker owns the clock and the outbox row, this file only says what to do next.
 */

/**
 * Attempts per delivery, the first one included, before it is dead-lettered. With the
 * schedule below the retries span about 42.6 min (5 s + 10 s + ... + 1280 s), which is
 * shorter than the closest default rungs (1 h before, at the deadline): a retried alert
 * lands before the next rung fires instead of arriving after it, out of order.
 */
export const MAX_DELIVERY_ATTEMPTS = 10;

/** Delay ceiling after the first failed attempt; it doubles with each further failure. */
export const RETRY_BASE_MS = 5_000;

/** No single wait is ever longer than this, whatever MAX_DELIVERY_ATTEMPTS becomes. */
export const RETRY_CAP_MS = 60 * 60 * 1000;

/**
 * Jitter only shortens a wait, by up to this fraction, so the ceilings above are hard upper
 * bounds; spreading the waits keeps many deliveries failing together (one receiver down)
 * from retrying in lock-step.
 */
export const RETRY_JITTER = 0.2;

/**
 * Wait before the next attempt, given how many attempts have been made so far (1 after the
 * first failure). Bounds: ceiling(n) = min(5 s x 2^(n-1), 1 h); the result lies in
 * [0.8 x ceiling(n), ceiling(n)], i.e. 4-5 s, 8-10 s, 16-20 s, 32-40 s, ... 48-60 min.
 *
 * @param random source of jitter in [0, 1), injectable so callers and tests can pin it
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new RangeError(`attempt must be a positive integer, got ${attempt}`);
  }
  // The exponent is clamped so a huge attempt count cannot overflow to Infinity.
  const ceiling = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.min(attempt - 1, 30));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling * (1 - RETRY_JITTER * r));
}

/** True when another attempt is allowed after `attemptsMade` attempts ended retryable. */
export function mayRetry(attemptsMade: number): boolean {
  return attemptsMade < MAX_DELIVERY_ATTEMPTS;
}

export type HttpStatusClass = 'ok' | 'retryable' | 'permanent' | 'redirect';

/**
 * What an HTTP answer from a webhook or Slack endpoint means for the delivery.
 * 408 (request timeout), 425 (too early), 429 (rate limited) and 5xx are the receiver's
 * passing trouble; any other 4xx says the request itself is refused (bad URL, revoked
 * token, archived channel), which the same request will meet again. Redirects are never
 * followed: the signed body must not be replayed to a host the organisation did not
 * configure, so a 3xx is a configuration error to fix, not something to retry.
 */
export function classifyHttpStatus(status: number): HttpStatusClass {
  if (status >= 200 && status < 300) return 'ok';
  if (status >= 300 && status < 400) return 'redirect';
  if (status === 408 || status === 425 || status === 429) return 'retryable';
  if (status >= 400 && status < 500) return 'permanent';
  // 5xx, and anything outside the defined classes (a confused proxy), may pass.
  return 'retryable';
}
