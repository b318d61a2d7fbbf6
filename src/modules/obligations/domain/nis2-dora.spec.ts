import { computeObligations } from './compute-obligations.js';
import type { ObligationInput, ObligationKind, ObligationSpec } from './obligation.types.js';

const AWARE = new Date('2026-05-04T08:00:00Z');
function input(o: {
  incident?: Partial<ObligationInput['incident']>;
  organisation?: Partial<ObligationInput['organisation']>;
  filedAt?: ObligationInput['filedAt'];
}): ObligationInput {
  return {
    incident: { role: 'controller', awareAt: AWARE, classifiedAt: null, affectedCountries: ['FI'], ...o.incident },
    organisation: {
      timeZone: 'Europe/Helsinki', nis2Entity: false, trustServiceProvider: false, doraFinancialEntity: false,
      controllerNoticeWindowHours: 24, subjectNoticeHours: 72, ...o.organisation,
    },
    decision: null,
    filedAt: o.filedAt ?? {},
  };
}
const find = (specs: ObligationSpec[], kind: ObligationKind) => {
  const spec = specs.find((s) => s.kind === kind);
  if (spec === undefined) throw new Error(`no ${kind}`);
  return spec;
};
const due = (spec: ObligationSpec) => spec.dueAt?.toISOString() ?? null;
const codes = (spec: ObligationSpec) => spec.reasons.map((r) => r.code);

describe('NIS2 Art. 23(4)', () => {
  const nis2 = { nis2Entity: true };

  it.each([
    ['an essential or important entity', false, '2026-05-07T08:00:00.000Z', 'nis2_notification@2024-10-18'],
    ['a trust service provider (24 h)', true, '2026-05-05T08:00:00.000Z', 'nis2_notification_tsp@2024-10-18'],
  ])('early warning 24 h; notification for %s', (_label, tsp, notificationDue, ruleId) => {
    const specs = computeObligations(input({ organisation: { ...nis2, trustServiceProvider: tsp } }));
    expect(due(find(specs, 'nis2_early_warning'))).toBe('2026-05-05T08:00:00.000Z');
    expect(due(find(specs, 'nis2_notification'))).toBe(notificationDue);
    expect(find(specs, 'nis2_notification').ruleId).toBe(ruleId);
    expect(codes(find(specs, 'nis2_notification')).includes('OBLIGATION.NIS2_TSP_24H')).toBe(tsp);
  });

  it('a trust service provider flag alone (not an NIS2 entity) adds nothing', () => {
    expect(computeObligations(input({ organisation: { trustServiceProvider: true } })).some((s) => s.regime === 'nis2')).toBe(false);
  });

  it('is required by default, for significant incidents only', () => {
    for (const spec of computeObligations(input({ organisation: nis2 })).filter((s) => s.regime === 'nis2')) {
      expect(spec.required).toBe(true);
      expect(spec.recipient).toBe('csirt');
      expect(codes(spec)[0]).toBe('OBLIGATION.NIS2_SIGNIFICANT_ONLY');
    }
  });

  it.each([
    ['not filed yet: no due time', undefined, null, null],
    // Filed late on 31 January (Helsinki): one calendar month = end of February.
    ['filed 31 January 2026', '2026-01-31T16:00:00+02:00', '2026-01-31T14:00:00.000Z', '2026-02-28T14:00:00.000Z'],
    ['filed 31 January 2028 (leap year)', '2028-01-31T16:00:00+02:00', '2028-01-31T14:00:00.000Z', '2028-02-29T14:00:00.000Z'],
    // Filed on 20 March (+02:00), due 20 April at the same local time (+03:00).
    ['filed before the DST change', '2026-03-20T09:00:00+02:00', '2026-03-20T07:00:00.000Z', '2026-04-20T06:00:00.000Z'],
  ])('final report = actual filing of the notification + 1 month: %s', (_label, filed, anchor, expected) => {
    const aware = filed === undefined ? AWARE : new Date(new Date(filed).getTime() - 10 * 3_600_000);
    const filedAt = filed === undefined ? {} : { nis2_notification: new Date(filed) };
    const spec = find(computeObligations(input({ incident: { awareAt: aware }, organisation: nis2, filedAt })), 'nis2_final_report');
    expect({ anchorAt: spec.anchorAt?.toISOString() ?? null, dueAt: due(spec) }).toEqual({ anchorAt: anchor, dueAt: expected });
    expect(spec.anchor).toEqual({ type: 'filed', kind: 'nis2_notification' });
    expect(codes(spec).includes('OBLIGATION.AWAITS_FILING')).toBe(filed === undefined);
  });
});

describe('DORA: RTS (EU) 2025/301 Art. 5', () => {
  const dora = { doraFinancialEntity: true };

  it.each([
    ['classified 2 h after awareness: classified + 4 h', '2026-05-04T10:00:00Z', '2026-05-04T14:00:00.000Z', 'OBLIGATION.DORA_INITIAL_EARLIER_OF'],
    ['classified 22 h after awareness: capped at awareness + 24 h', '2026-05-05T06:00:00Z', '2026-05-05T08:00:00.000Z', 'OBLIGATION.DORA_INITIAL_EARLIER_OF'],
    ['classified exactly 24 h after awareness: due at once', '2026-05-05T08:00:00Z', '2026-05-05T08:00:00.000Z', 'OBLIGATION.DORA_INITIAL_EARLIER_OF'],
    ['classified 48 h after awareness: classified + 4 h (Art. 5(2))', '2026-05-06T08:00:00Z', '2026-05-06T12:00:00.000Z', 'OBLIGATION.DORA_LATE_CLASSIFICATION'],
    ['not classified yet: awareness + 24 h, classify', null, '2026-05-05T08:00:00.000Z', 'OBLIGATION.DORA_CLASSIFY'],
  ])('initial notification, %s', (_label, classified, expected, code) => {
    const classifiedAt = classified === null ? null : new Date(classified);
    const spec = find(computeObligations(input({ incident: { classifiedAt }, organisation: dora })), 'dora_initial');
    expect(due(spec)).toBe(expected);
    expect(spec.anchorAt).toEqual(classifiedAt);
    expect(spec.required).toBe(true);
    expect(codes(spec)).toEqual(['OBLIGATION.DORA_MAJOR_ONLY', code]);
  });

  it.each([
    ['nothing filed', AWARE, {}, null, null],
    // 72 h from the actual initial filing, not from awareness (DORA-12).
    ['initial filed', AWARE, { dora_initial: new Date('2026-05-04T13:00:00Z') }, '2026-05-07T13:00:00.000Z', null],
    [
      'initial and intermediate filed (31 January -> end of February)',
      new Date('2026-01-30T06:00:00Z'),
      { dora_initial: new Date('2026-01-30T09:00:00Z'), dora_intermediate: new Date('2026-01-31T10:00:00+02:00') },
      '2026-02-02T09:00:00.000Z',
      '2026-02-28T08:00:00.000Z',
    ],
  ])('intermediate and final reports run from actual filings: %s', (_label, awareAt, filedAt, intermediate, final) => {
    const specs = computeObligations(input({ incident: { awareAt }, organisation: dora, filedAt }));
    expect({ intermediate: due(find(specs, 'dora_intermediate')), final: due(find(specs, 'dora_final')) }).toEqual({ intermediate, final });
    expect(codes(find(specs, 'dora_final')).includes('OBLIGATION.AWAITS_FILING')).toBe(final === null);
  });

  it('keeps both NIS2 and DORA for an entity flagged for both (displacement UNVERIFIED)', () => {
    const specs = computeObligations(input({ organisation: { ...dora, nis2Entity: true } }));
    const regimes = new Set(specs.map((s) => s.regime));
    expect([...regimes]).toEqual(['gdpr', 'nis2', 'dora']);
    for (const spec of specs.filter((s) => s.regime !== 'gdpr')) expect(codes(spec)).toContain('OBLIGATION.NIS2_DORA_OVERLAP');
    const doraOnly = computeObligations(input({ organisation: dora }));
    for (const spec of doraOnly) expect(codes(spec)).not.toContain('OBLIGATION.NIS2_DORA_OVERLAP');
  });
});
