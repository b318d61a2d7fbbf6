import {
  classifyHttpStatus,
  mayRetry,
  MAX_DELIVERY_ATTEMPTS,
  RETRY_CAP_MS,
  retryDelayMs,
  type HttpStatusClass,
} from './delivery-policy.js';
import * as format from './alert-format.js';

const S = 1000;

describe('retryDelayMs', () => {
  // random() = 0 gives the ceiling: 5 s doubling, capped at 1 h.
  it.each([
    [1, 5 * S],
    [2, 10 * S],
    [3, 20 * S],
    [4, 40 * S],
    [5, 80 * S],
    [6, 160 * S],
    [7, 320 * S],
    [8, 640 * S],
    [9, 1280 * S],
    [10, 2560 * S],
    [11, 3600 * S],
    [40, 3600 * S],
    [10_000, 3600 * S],
  ])('attempt %p waits at most %p ms', (attempt, ceiling) => {
    expect(retryDelayMs(attempt, () => 0)).toBe(ceiling);
    expect(retryDelayMs(attempt, () => 0.5)).toBe(Math.round(ceiling * 0.9));
    expect(retryDelayMs(attempt, () => 0.999999)).toBeGreaterThanOrEqual(Math.floor(ceiling * 0.8));
  });

  it('stays within [0.8 x ceiling, ceiling] with real jitter, and never above 1 h', () => {
    for (let attempt = 1; attempt <= 60; attempt += 1) {
      const ceiling = Math.min(RETRY_CAP_MS, 5 * S * 2 ** (attempt - 1));
      for (let i = 0; i < 50; i += 1) {
        const delay = retryDelayMs(attempt);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling * 0.8));
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('jitters: the same attempt does not always wait the same', () => {
    const seen = new Set(Array.from({ length: 20 }, () => retryDelayMs(6)));
    expect(seen.size).toBeGreaterThan(1);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses attempt %p', (attempt) => {
    expect(() => retryDelayMs(attempt)).toThrow(RangeError);
  });

  it('retries within the gap between the closest default rungs (1 h)', () => {
    let total = 0;
    for (let attempt = 1; attempt < MAX_DELIVERY_ATTEMPTS; attempt += 1) total += retryDelayMs(attempt, () => 0);
    expect(MAX_DELIVERY_ATTEMPTS).toBe(10);
    expect(total).toBe(2555 * S);
    expect(total).toBeLessThan(3600 * S);
  });

  it('is re-exported by alert-format', () => {
    expect(format.retryDelayMs).toBe(retryDelayMs);
    expect(format.MAX_DELIVERY_ATTEMPTS).toBe(MAX_DELIVERY_ATTEMPTS);
  });
});

describe('mayRetry', () => {
  it.each([
    [1, true],
    [MAX_DELIVERY_ATTEMPTS - 1, true],
    [MAX_DELIVERY_ATTEMPTS, false],
    [MAX_DELIVERY_ATTEMPTS + 1, false],
  ])('after %p attempts -> %p', (attempts, expected) => {
    expect(mayRetry(attempts)).toBe(expected);
  });
});

describe('classifyHttpStatus', () => {
  const table: Array<[number, HttpStatusClass]> = [
    [200, 'ok'],
    [202, 'ok'],
    [204, 'ok'],
    [301, 'redirect'],
    [302, 'redirect'],
    [307, 'redirect'],
    [308, 'redirect'],
    [400, 'permanent'],
    [401, 'permanent'],
    [403, 'permanent'],
    [404, 'permanent'],
    [410, 'permanent'],
    [413, 'permanent'],
    [408, 'retryable'],
    [425, 'retryable'],
    [429, 'retryable'],
    [500, 'retryable'],
    [502, 'retryable'],
    [503, 'retryable'],
    [504, 'retryable'],
  ];
  it.each(table)('%p -> %p', (status, expected) => {
    expect(classifyHttpStatus(status)).toBe(expected);
  });
});
