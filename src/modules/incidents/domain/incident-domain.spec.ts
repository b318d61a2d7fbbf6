import type { DomainError } from '../../../shared/domain/domain-error.js';
import { assertTransition, INCIDENT_STATUSES, type IncidentStatus } from './incident-status.js';
import { formatReference, parseReference } from './incident-reference.js';
import { assertValidTimestamps, timestampViolations } from './incident-timestamps.js';

const aware = new Date('2026-11-20T10:00:00Z');
const codeOf = (fn: () => void): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as DomainError).code;
  }
};

describe('incident status machine', () => {
  const allowed: Array<[IncidentStatus, IncidentStatus]> = [
    ['investigating', 'confirmed'],
    ['investigating', 'not_a_breach'],
    ['confirmed', 'notified'],
    ['confirmed', 'closed'],
    ['confirmed', 'not_a_breach'],
    ['notified', 'closed'],
    ['notified', 'not_a_breach'],
    ['not_a_breach', 'investigating'],
  ];
  const isAllowed = (from: IncidentStatus, to: IncidentStatus) => allowed.some(([f, t]) => f === from && t === to);
  const everyPair = INCIDENT_STATUSES.flatMap((from) => INCIDENT_STATUSES.map((to) => [from, to] as const));

  it.each(everyPair)('%s -> %s is allowed only if listed', (from, to) => {
    const code = codeOf(() => assertTransition({ from, to, awareAt: aware, reason: 'not personal data at all' }));
    expect(code).toBe(isAllowed(from, to) ? undefined : 'INCIDENT.INVALID_TRANSITION');
  });

  it('refuses to confirm a breach without awareAt', () => {
    expect(codeOf(() => assertTransition({ from: 'investigating', to: 'confirmed', awareAt: null, reason: undefined }))).toBe(
      'INCIDENT.AWARE_AT_REQUIRED',
    );
  });

  it.each([undefined, '', '   short   '])('refuses not_a_breach without reasoning (%p)', (reason) => {
    expect(codeOf(() => assertTransition({ from: 'investigating', to: 'not_a_breach', awareAt: null, reason }))).toBe(
      'INCIDENT.REASON_REQUIRED',
    );
  });
});

describe('incident timestamps', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  const at = (iso: string) => new Date(iso);

  it('accepts occurred <= detected <= aware, all equal included', () => {
    const t = at('2026-11-20T10:00:00Z');
    expect(timestampViolations({ occurredAt: t, detectedAt: t, awareAt: t }, now)).toEqual([]);
    expect(timestampViolations({ occurredAt: null, detectedAt: t, awareAt: null }, now)).toEqual([]);
  });

  it.each([
    ['detected before occurred', { occurredAt: at('2026-11-21T00:00:00Z'), detectedAt: at('2026-11-20T00:00:00Z'), awareAt: null }, 'detectedAt', 'BEFORE_OCCURRED'],
    ['aware before detected', { occurredAt: null, detectedAt: at('2026-11-20T00:00:00Z'), awareAt: at('2026-11-19T23:59:59Z') }, 'awareAt', 'BEFORE_DETECTED'],
    ['aware in the future', { occurredAt: null, detectedAt: at('2026-11-20T00:00:00Z'), awareAt: at('2026-11-23T12:05:00Z') }, 'awareAt', 'IN_FUTURE'],
    ['occurred in the future', { occurredAt: at('2026-11-24T00:00:00Z'), detectedAt: at('2026-11-24T00:00:00Z'), awareAt: null }, 'occurredAt', 'IN_FUTURE'],
  ] as const)('flags %s', (_label, moments, field, code) => {
    expect(timestampViolations(moments, now)).toContainEqual(expect.objectContaining({ field, code }));
  });

  it('tolerates a minute of client clock skew', () => {
    const skewed = at('2026-11-23T12:00:30Z');
    expect(timestampViolations({ occurredAt: null, detectedAt: skewed, awareAt: skewed }, now)).toEqual([]);
  });

  it('throws one error listing every violation', () => {
    let error: DomainError | undefined;
    try {
      assertValidTimestamps({ occurredAt: at('2026-12-01T00:00:00Z'), detectedAt: at('2026-11-01T00:00:00Z'), awareAt: at('2026-10-01T00:00:00Z') }, now);
    } catch (caught) {
      error = caught as DomainError;
    }
    expect(error?.code).toBe('INCIDENT.INVALID_TIMESTAMPS');
    expect((error?.details?.violations as unknown[]).length).toBe(3);
  });
});

describe('incident reference', () => {
  it.each([
    [2026, 1, 'BR-2026-0001'],
    [2026, 42, 'BR-2026-0042'],
    [2027, 9999, 'BR-2027-9999'],
    [2027, 10000, 'BR-2027-10000'],
  ])('formats %i/%i as %s and parses it back', (year, sequence, reference) => {
    expect(formatReference(year, sequence)).toBe(reference);
    expect(parseReference(reference)).toEqual({ year, sequence });
  });

  it.each([0, -1, 1.5])('refuses sequence %p', (sequence) => {
    expect(() => formatReference(2026, sequence)).toThrow(RangeError);
  });

  it.each(['BR-26-0001', 'br-2026-0001', 'BR-2026-001', 'XX-2026-0001'])('does not parse %s', (reference) => {
    expect(parseReference(reference)).toBeUndefined();
  });
});
