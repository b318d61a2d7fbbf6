/**
 * The rule table is versioned data. A change to any row, or to the behaviour of the
 * predicates, must bump DEADLINE_RULES_VERSION: two fingerprints are pinned per version.
 * When a test here fails after a rule change, bump the version (date, then a counter) and
 * add a PINNED entry with the fingerprints the failure prints; never edit a released entry.
 */
import { createHash } from 'node:crypto';
import { computeObligations, selectRules, type DeadlineRuleTable } from './compute-obligations.js';
import {
  APPLIES_WHEN,
  APPLIES_WHEN_NAMES,
  DEADLINE_RULES,
  DEADLINE_RULES_VERSION,
  REQUIRED_WHEN,
  REQUIRED_WHEN_NAMES,
  type DeadlineRule,
} from './deadline-rules.js';
import { OBLIGATION_KINDS, type DecisionFacts, type ObligationInput } from './obligation.types.js';

const PINNED: Readonly<Record<string, { readonly rows: string; readonly behaviour: string }>> = {
  '2026-11-23.1': {
    rows: 'df51b4bc9ac092b5f17b4436dfc60cc8db9d280ea033cfd893474bdf8dfcdb5e',
    behaviour: 'f056d42e8fbe3a4c5862483465b8d737d50df4c91cb0362fa63ed8d2d03199fc',
  },
};

function canonical(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const AWARE = new Date('2026-05-04T08:00:00Z');
function input(o: Partial<{ awareAt: Date; role: 'controller' | 'processor'; gb: boolean; nis2: boolean; tsp: boolean; dora: boolean }> = {}): ObligationInput {
  return {
    incident: { role: o.role ?? 'controller', awareAt: o.awareAt ?? AWARE, classifiedAt: null, affectedCountries: o.gb ? ['GB'] : ['FI'] },
    organisation: {
      timeZone: 'Europe/Helsinki', nis2Entity: o.nis2 ?? false, trustServiceProvider: o.tsp ?? false, doraFinancialEntity: o.dora ?? false,
      controllerNoticeWindowHours: 24, subjectNoticeHours: 72,
    },
    decision: null,
    filedAt: {},
  };
}

const bools = [false, true] as const;
const DECISIONS: (DecisionFacts | null)[] = [
  null,
  ...bools.flatMap((notifyAuthority) =>
    (['required', 'not_required', 'public_communication'] as const).map(
      (communicateSubjects): DecisionFacts => ({ assessmentId: 'a', notifyAuthority, communicateSubjects, notifyController: true, overridden: false }),
    ),
  ),
];
const CLASSIFIED = [null, new Date('2026-05-04T10:00:00Z'), new Date('2026-05-06T08:00:00Z')];
const FILED: ObligationInput['filedAt'][] = [
  {},
  { nis2_notification: new Date('2026-05-06T08:00:00Z'), dora_initial: new Date('2026-05-04T12:00:00Z'), dora_intermediate: new Date('2026-05-07T12:00:00Z') },
];

/** computeObligations over every combination of role, flags, decision, classification and filings. */
function behaviourFingerprint(): string {
  const lines: string[] = [];
  for (const role of ['controller', 'processor'] as const)
    for (const gb of bools) for (const nis2 of bools) for (const tsp of bools) for (const dora of bools)
      for (const decision of DECISIONS) for (const classifiedAt of CLASSIFIED) for (const filedAt of FILED) {
        const base = input({ role, gb, nis2, tsp, dora });
        const specs = computeObligations({ ...base, incident: { ...base.incident, classifiedAt }, decision, filedAt });
        lines.push(canonical(specs.map((s) => [s.kind, s.ruleId, s.required, s.anchorAt, s.dueAt, s.reasons.map((r) => r.code)])));
      }
  return sha256(lines.join('\n'));
}

describe('DEADLINE_RULES_VERSION is pinned to the rules', () => {
  it('has the form YYYY-MM-DD.N and a pinned entry', () => {
    expect(DEADLINE_RULES_VERSION).toMatch(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\.[1-9]\d*$/);
    expect(Object.keys(PINNED)).toContain(DEADLINE_RULES_VERSION);
  });

  it('matches the fingerprint of the rows (a changed row needs a new version)', () => {
    expect({ version: DEADLINE_RULES_VERSION, rows: sha256(canonical(DEADLINE_RULES)) }).toEqual({
      version: DEADLINE_RULES_VERSION,
      rows: PINNED[DEADLINE_RULES_VERSION]?.rows,
    });
  });

  it('matches the fingerprint of the behaviour (a changed predicate needs a new version)', () => {
    expect({ version: DEADLINE_RULES_VERSION, behaviour: behaviourFingerprint() }).toEqual({
      version: DEADLINE_RULES_VERSION,
      behaviour: PINNED[DEADLINE_RULES_VERSION]?.behaviour,
    });
  });

  it('notices a change to a single field of a single row', () => {
    const changed = structuredClone(DEADLINE_RULES) as unknown as { period: unknown }[];
    changed[0]!.period = { hours: 96 };
    expect(sha256(canonical(changed))).not.toBe(sha256(canonical(DEADLINE_RULES)));
  });
});

describe('the shipped table is well formed', () => {
  const isoDate = /^\d{4}-\d{2}-\d{2}$/;
  it.each(DEADLINE_RULES.map((r) => [r.id, r] as const))('%s', (id, rule) => {
    expect(id.startsWith(`${rule.kind}`)).toBe(true);
    expect(id.endsWith(`@${rule.effectiveFrom}`)).toBe(true);
    expect(rule.effectiveFrom).toMatch(isoDate);
    if (rule.effectiveTo !== null) expect(rule.effectiveTo > rule.effectiveFrom).toBe(true);
    expect(OBLIGATION_KINDS).toContain(rule.kind);
    expect(APPLIES_WHEN_NAMES).toContain(rule.appliesWhen);
    expect(REQUIRED_WHEN_NAMES).toContain(rule.requiredWhen);
    if (rule.anchor.type === 'filed') expect(DEADLINE_RULES.map((r) => r.kind)).toContain(rule.anchor.kind);
    expect(rule.source).toMatch(/Art\./);
  });

  it('has unique ids and an implementation for every predicate name', () => {
    expect(new Set(DEADLINE_RULES.map((r) => r.id)).size).toBe(DEADLINE_RULES.length);
    expect(Object.keys(APPLIES_WHEN).sort()).toEqual([...APPLIES_WHEN_NAMES].sort());
    expect(Object.keys(REQUIRED_WHEN).sort()).toEqual([...REQUIRED_WHEN_NAMES].sort());
  });

  it('never has two rows governing one kind for any combination of flags', () => {
    for (const role of ['controller', 'processor'] as const)
      for (const gb of bools) for (const nis2 of bools) for (const tsp of bools) for (const dora of bools) {
        expect(() => selectRules(DEADLINE_RULES, input({ role, gb, nis2, tsp, dora }), AWARE)).not.toThrow();
      }
  });
});

describe('rule selection: the law in force at awareness', () => {
  const art33 = DEADLINE_RULES.find((r) => r.id === 'gdpr_art33_1@2018-05-25')!;
  // Hypothetical future change of law, as test data only: a 96-hour GDPR proposal.
  const proposal: DeadlineRule = { ...art33, id: 'gdpr_art33_1@2027-01-01', period: { hours: 96 }, effectiveFrom: '2027-01-01' };
  const table: DeadlineRuleTable = { version: 'test-with-proposal', rules: [...DEADLINE_RULES, proposal] };
  const art33Of = (awareAt: string, t: DeadlineRuleTable = table) => {
    const spec = computeObligations(input({ awareAt: new Date(awareAt) }), t).find((s) => s.kind === 'gdpr_art33_1');
    return spec === undefined ? null : { ruleId: spec.ruleId, dueAt: spec.dueAt?.toISOString(), rulesVersion: spec.rulesVersion };
  };

  it.each([
    ['before the proposal', '2026-12-31T12:00:00Z', 'gdpr_art33_1@2018-05-25', '2027-01-03T12:00:00.000Z'],
    // 22:30Z on 31 December is 00:30 on 1 January in Helsinki: the organisation's date counts.
    ['on its first local day', '2026-12-31T22:30:00Z', 'gdpr_art33_1@2027-01-01', '2027-01-04T22:30:00.000Z'],
    ['just before local midnight', '2026-12-31T21:59:00Z', 'gdpr_art33_1@2018-05-25', '2027-01-03T21:59:00.000Z'],
    ['after the proposal', '2027-03-01T08:00:00Z', 'gdpr_art33_1@2027-01-01', '2027-03-05T08:00:00.000Z'],
  ])('%s', (_label, awareAt, ruleId, dueAt) => {
    expect(art33Of(awareAt)).toEqual({ ruleId, dueAt, rulesVersion: 'test-with-proposal' });
  });

  it('the shipped table still uses 72 h after 2027', () => {
    expect(art33Of('2027-03-01T08:00:00Z', { version: DEADLINE_RULES_VERSION, rules: DEADLINE_RULES })?.dueAt).toBe('2027-03-04T08:00:00.000Z');
  });

  it('honours effectiveTo (exclusive) when the old row is closed', () => {
    const closed = { ...art33, effectiveTo: '2027-01-01' };
    const rules = [...DEADLINE_RULES.filter((r) => r !== art33), closed, proposal];
    expect(art33Of('2026-12-31T21:59:00Z', { version: 'v', rules })?.ruleId).toBe('gdpr_art33_1@2018-05-25');
    expect(art33Of('2026-12-31T22:00:00Z', { version: 'v', rules })?.ruleId).toBe('gdpr_art33_1@2027-01-01');
  });

  it.each([
    ['GDPR before 25 May 2018', '2018-05-24T12:00:00Z', 'gdpr_art33_1', false],
    ['GDPR from 25 May 2018', '2018-05-25T12:00:00Z', 'gdpr_art33_1', true],
    ['UK GDPR before 2021', '2020-12-31T12:00:00Z', 'uk_gdpr_art33', false],
    ['NIS2 before 18 October 2024', '2024-10-17T12:00:00Z', 'nis2_early_warning', false],
    ['NIS2 from 18 October 2024', '2024-10-18T12:00:00Z', 'nis2_early_warning', true],
    ['DORA before 17 January 2025', '2025-01-16T12:00:00Z', 'dora_initial', false],
    ['DORA from 17 January 2025', '2025-01-17T12:00:00Z', 'dora_initial', true],
  ])('%s', (_label, awareAt, kind, present) => {
    const specs = computeObligations(input({ awareAt: new Date(awareAt), gb: true, nis2: true, dora: true }));
    expect(specs.some((s) => s.kind === kind)).toBe(present);
  });

  it('refuses a table where two rows of one kind start on the same day', () => {
    const twin = { ...art33, id: 'gdpr_art33_1_twin@2018-05-25' };
    expect(() => computeObligations(input(), { version: 'broken', rules: [...DEADLINE_RULES, twin] })).toThrow(/both govern gdpr_art33_1/);
  });
});
