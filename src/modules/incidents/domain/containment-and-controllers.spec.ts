import type { DomainError } from '../../../shared/domain/domain-error.js';
import { assertControllersFitRole, controllersFor, normaliseControllers } from './incident-controllers.js';
import { timestampViolations, validContainedAt } from './incident-timestamps.js';

const now = new Date('2026-11-23T12:00:00Z');
const at = (iso: string) => new Date(iso);
const detectedAt = at('2026-11-20T09:00:00Z');
const errorOf = (fn: () => unknown): DomainError | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error as DomainError;
  }
};

describe('containedAt', () => {
  it.each([
    ['at the first signal', at('2026-11-20T09:00:00Z')],
    ['before awareness (blocked, then found to have reached personal data)', at('2026-11-20T09:30:00Z')],
    ['within the minute of clock skew', at('2026-11-23T12:00:30Z')],
  ])('accepts a breach contained %s', (_label, containedAt) => {
    expect(timestampViolations({ occurredAt: null, detectedAt, awareAt: at('2026-11-20T10:00:00Z'), containedAt }, now)).toEqual([]);
    expect(validContainedAt(containedAt, detectedAt, now)).toBe(containedAt);
  });

  it.each([
    ['before detectedAt', at('2026-11-20T08:59:59Z'), 'BEFORE_DETECTED'],
    ['in the future', at('2026-11-23T12:05:00Z'), 'IN_FUTURE'],
  ] as const)('refuses a breach contained %s with INCIDENT.INVALID_TIMESTAMPS', (_label, containedAt, code) => {
    expect(timestampViolations({ occurredAt: null, detectedAt, awareAt: null, containedAt }, now)).toEqual([expect.objectContaining({ field: 'containedAt', code })]);
    const error = errorOf(() => validContainedAt(containedAt, detectedAt, now));
    expect(error?.code).toBe('INCIDENT.INVALID_TIMESTAMPS');
    expect(error?.details?.violations).toEqual([expect.objectContaining({ field: 'containedAt', code })]);
  });

  it('null is an ongoing breach, not an error', () => {
    expect(validContainedAt(null, detectedAt, now)).toBeNull();
    expect(timestampViolations({ occurredAt: null, detectedAt, awareAt: null, containedAt: null }, now)).toEqual([]);
  });
});

describe('controllers', () => {
  it('are stored with every key, trimmed, blanks as null', () => {
    expect(normaliseControllers([{ name: ' Kauppa Oy ', contactEmail: ' ', reference: ' DPA-17 ' }, { name: 'Koulu ry' }])).toEqual([
      { name: 'Kauppa Oy', contactEmail: null, reference: 'DPA-17' },
      { name: 'Koulu ry', contactEmail: null, reference: null },
    ]);
    expect(normaliseControllers(null)).toEqual([]);
    expect(normaliseControllers(undefined)).toEqual([]);
  });

  it.each([
    ['processor', [{ name: 'Kauppa Oy' }], undefined],
    ['processor', [], undefined],
    ['controller', [], undefined],
    ['controller', [{ name: 'Kauppa Oy' }], 'INCIDENT.CONTROLLERS_NOT_APPLICABLE'],
  ] as const)('a %s incident with %j: %s', (role, input, code) => {
    expect(errorOf(() => controllersFor(role, input))?.code).toBe(code);
    expect(errorOf(() => assertControllersFitRole(role, normaliseControllers(input)))?.code).toBe(code);
  });

  it('the refusal names the field and the article', () => {
    const error = errorOf(() => assertControllersFitRole('controller', [{ name: 'X', contactEmail: null, reference: null }]));
    expect(error).toMatchObject({ kind: 'unprocessable', details: { field: 'controllers' } });
    expect(error?.message).toContain('GDPR Art. 33(2)');
  });
});
