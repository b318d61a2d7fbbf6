import { computeObligations } from './compute-obligations.js';
import { DEADLINE_RULES_VERSION } from './deadline-rules.js';
import type { DecisionFacts, ObligationInput, ObligationKind, ObligationSpec } from './obligation.types.js';

type Overrides = {
  incident?: Partial<ObligationInput['incident']>;
  organisation?: Partial<ObligationInput['organisation']>;
  decision?: Partial<DecisionFacts> | null;
  filedAt?: ObligationInput['filedAt'];
};
function input(o: Overrides = {}): ObligationInput {
  return {
    incident: { role: 'controller', awareAt: new Date('2026-05-04T08:00:00Z'), classifiedAt: null, affectedCountries: ['FI'], ...o.incident },
    organisation: {
      timeZone: 'Europe/Helsinki', nis2Entity: false, trustServiceProvider: false, doraFinancialEntity: false,
      controllerNoticeWindowHours: 24, subjectNoticeHours: 72, ...o.organisation,
    },
    decision: o.decision === undefined || o.decision === null ? null : {
      assessmentId: 'a-1', notifyAuthority: true, communicateSubjects: 'not_required', notifyController: false, overridden: false, ...o.decision,
    },
    filedAt: o.filedAt ?? {},
  };
}
const kinds = (specs: ObligationSpec[]) => specs.map((s) => s.kind);
const find = (specs: ObligationSpec[], kind: ObligationKind) => {
  const spec = specs.find((s) => s.kind === kind);
  if (spec === undefined) throw new Error(`no ${kind} in ${kinds(specs).join(', ')}`);
  return spec;
};
const codes = (spec: ObligationSpec) => spec.reasons.map((r) => r.code);

describe('no clock before awareness', () => {
  it('returns nothing while awareAt is null, whatever the flags', () => {
    const all = { nis2Entity: true, doraFinancialEntity: true };
    expect(computeObligations(input({ incident: { awareAt: null }, organisation: all }))).toEqual([]);
    expect(computeObligations(input({ organisation: all })).length).toBeGreaterThan(0);
  });
});

describe('which obligations apply, by role and flags', () => {
  it.each<[string, Overrides, ObligationKind[]]>([
    ['controller', {}, ['gdpr_art33_1', 'gdpr_art34']],
    ['processor', { incident: { role: 'processor' } }, ['gdpr_art33_2']],
    ['controller with UK subjects', { incident: { affectedCountries: ['FI', 'GB'] } }, ['gdpr_art33_1', 'gdpr_art34', 'uk_gdpr_art33']],
    ['controller, lower-case gb', { incident: { affectedCountries: ['gb'] } }, ['gdpr_art33_1', 'gdpr_art34', 'uk_gdpr_art33']],
    ['processor with UK subjects (the ICO is the controller\'s duty)', { incident: { role: 'processor', affectedCountries: ['GB'] } }, ['gdpr_art33_2']],
    ['"UK" is not an ISO code', { incident: { affectedCountries: ['UK', 'IE'] } }, ['gdpr_art33_1', 'gdpr_art34']],
    [
      'processor in an NIS2 + DORA organisation',
      { incident: { role: 'processor' }, organisation: { nis2Entity: true, doraFinancialEntity: true } },
      ['gdpr_art33_2', 'nis2_early_warning', 'nis2_notification', 'nis2_final_report', 'dora_initial', 'dora_intermediate', 'dora_final'],
    ],
  ])('%s', (_label, overrides, expected) => {
    expect(kinds(computeObligations(input(overrides)))).toEqual(expected);
  });
});

describe('GDPR Art. 33(1) and UK GDPR: 72 h from awareness', () => {
  it.each([
    ['DST change in Helsinki', '2026-03-27T10:00:00+02:00', '2026-03-30T08:00:00.000Z'],
    ['leap day', '2028-02-28T12:00:00Z', '2028-03-02T12:00:00.000Z'],
    ['Friday 17:00 -> Monday 17:00', '2026-11-20T17:00:00+02:00', '2026-11-23T15:00:00.000Z'],
  ])('%s', (_label, awareAt, due) => {
    const specs = computeObligations(input({ incident: { awareAt: new Date(awareAt), affectedCountries: ['GB'] } }));
    for (const kind of ['gdpr_art33_1', 'uk_gdpr_art33'] as const) {
      expect(find(specs, kind).dueAt?.toISOString()).toBe(due);
      expect(find(specs, kind).anchorAt?.toISOString()).toBe(new Date(awareAt).toISOString());
    }
  });

  it.each<[string, Overrides['decision'], boolean, string[]]>([
    ['no decision yet: the clock runs from awareness', null, true, ['OBLIGATION.ART33_1_REQUIRED', 'OBLIGATION.NO_ASSESSMENT_YET']],
    ['risk', { notifyAuthority: true }, true, ['OBLIGATION.ART33_1_REQUIRED']],
    ['unlikely to result in a risk', { notifyAuthority: false }, false, ['OBLIGATION.ART33_1_NOT_REQUIRED_UNLIKELY']],
    [
      'overridden to not required',
      { notifyAuthority: false, overridden: true },
      false,
      ['OBLIGATION.ART33_1_NOT_REQUIRED_UNLIKELY', 'OBLIGATION.DECISION_OVERRIDDEN'],
    ],
  ])('Art. 33(1) %s', (_label, decision, required, expectedCodes) => {
    const spec = find(computeObligations(input({ decision })), 'gdpr_art33_1');
    expect({ required: spec.required, codes: codes(spec) }).toEqual({ required, codes: expectedCodes });
    expect(spec.dueAt?.toISOString()).toBe('2026-05-07T08:00:00.000Z'); // kept with its deadline
  });

  it.each<[Overrides['decision'], boolean, string]>([
    [null, true, 'OBLIGATION.UK_ART33_REQUIRED'],
    [{ notifyAuthority: false }, false, 'OBLIGATION.UK_ART33_NOT_REQUIRED_UNLIKELY'],
  ])('UK GDPR follows the same decision: %j', (decision, required, code) => {
    const spec = find(computeObligations(input({ decision, incident: { affectedCountries: ['GB'] } })), 'uk_gdpr_art33');
    expect(spec).toMatchObject({ required, recipient: 'ico', regime: 'uk_gdpr', ruleId: 'uk_gdpr_art33@2021-01-01' });
    expect(codes(spec)[0]).toBe(code);
  });
});

describe('GDPR Art. 34: decided by the assessment', () => {
  it.each<[string, Overrides['decision'], boolean, string]>([
    ['no decision yet', null, false, 'OBLIGATION.NO_ASSESSMENT_YET'],
    ['high risk', { communicateSubjects: 'required' }, true, 'OBLIGATION.ART34_REQUIRED'],
    ['disproportionate effort', { communicateSubjects: 'public_communication' }, true, 'OBLIGATION.ART34_PUBLIC_COMMUNICATION'],
    ['not high risk', { communicateSubjects: 'not_required' }, false, 'OBLIGATION.ART34_NOT_REQUIRED'],
  ])('%s', (_label, decision, required, code) => {
    const spec = find(computeObligations(input({ decision })), 'gdpr_art34');
    expect({ required, code }).toEqual({ required: spec.required, code: codes(spec)[0] });
  });

  it('is due subjectNoticeHours after awareness', () => {
    const spec = find(computeObligations(input({ organisation: { subjectNoticeHours: 48 } })), 'gdpr_art34');
    expect(spec.dueAt?.toISOString()).toBe('2026-05-06T08:00:00.000Z');
    expect(spec.reasons[0]?.text).toContain('will be decided by the assessment');
  });
});

describe('GDPR Art. 33(2): processor to controller', () => {
  it.each([
    [24, '2026-05-05T08:00:00.000Z'],
    [72, '2026-05-07T08:00:00.000Z'],
    [12, '2026-05-04T20:00:00.000Z'],
  ])('due controllerNoticeWindowHours (%i h) after awareness', (hours, due) => {
    const spec = find(computeObligations(input({ incident: { role: 'processor' }, organisation: { controllerNoticeWindowHours: hours } })), 'gdpr_art33_2');
    expect(spec.dueAt?.toISOString()).toBe(due);
    expect(spec.recipient).toBe('controller');
  });

  it.each<[string, Overrides['decision']]>([
    ['no decision', null],
    ['even when unlikely to result in a risk', { notifyAuthority: false, communicateSubjects: 'not_required' }],
  ])('is required for every breach: %s', (_label, decision) => {
    const spec = find(computeObligations(input({ incident: { role: 'processor' }, decision })), 'gdpr_art33_2');
    expect(spec.required).toBe(true);
    expect(codes(spec)).toEqual(['OBLIGATION.ART33_2_EVERY_BREACH', 'OBLIGATION.ART33_2_CONTROLLER_CLOCK']);
    expect(spec.reasons[1]?.text).toMatch(/controller's own 72 hours .* run from this notice/);
  });
});

describe('every spec carries its rule and version', () => {
  it('ruleId, rulesVersion, label and a source on every reason', () => {
    const specs = computeObligations(input({ incident: { affectedCountries: ['GB'] }, organisation: { nis2Entity: true, doraFinancialEntity: true } }));
    for (const spec of specs) {
      expect(spec.rulesVersion).toBe(DEADLINE_RULES_VERSION);
      expect(spec.ruleId).toMatch(new RegExp(`^${spec.kind}(_tsp)?@\\d{4}-\\d{2}-\\d{2}$`));
      expect(spec.label.length).toBeGreaterThan(10);
      expect(spec.reasons.length).toBeGreaterThan(0);
      for (const reason of spec.reasons) {
        expect(reason.code).toMatch(/^OBLIGATION\.[A-Z0-9_]+$/);
        expect(reason.source.length).toBeGreaterThan(5);
        expect(reason.text).toMatch(/\.$/);
      }
    }
  });
});
