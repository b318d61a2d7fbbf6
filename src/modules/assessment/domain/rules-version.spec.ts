/**
 * A rule change must bump RULES_VERSION, or stored assessments could not say which rules
 * decided them. Two fingerprints are pinned per version:
 * - `tables`: SHA-256 of RULE_TABLES (every weight, threshold and score);
 * - `behaviour`: SHA-256 of the engine's decisions (levels, duties, exemptions, ENISA
 *   score, reason codes) on a fixed seeded sample of facts, and of the contradictions
 *   findContradictions finds on a second, unconstrained sample, which catches a change of
 *   logic that no table shows (RULE_TABLES also holds the contradiction table).
 * When a test here fails after a rule change: bump RULES_VERSION (date of the change,
 * then a counter) and add a PINNED entry with the new fingerprints the failure prints.
 * Never overwrite the entry of a released version. Only wording (reason texts, sources)
 * may change without a bump; it is deliberately outside both fingerprints.
 */
import { createHash } from 'node:crypto';
import { assessWithTrace } from './assess.js';
import { CONTRADICTION_CODES, CONTRADICTION_RULES, findContradictions } from './consistency.js';
import { RULE_TABLES, RULES_VERSION } from './rules-version.js';
import {
  AVAILABILITY_LOSSES,
  BREACH_TYPES,
  DATA_CATEGORIES,
  DPC_SCORES,
  EXFILTRATION_STATES,
  EXPOSURES,
  IDENTIFIABILITY_LEVELS,
  INTEGRITY_LOSSES,
  PROTECTION_LEVELS,
  type BreachFacts,
} from './types.js';

const PINNED: Readonly<Record<string, { readonly tables: string; readonly behaviour: string }>> = {
  '2026-11-23.1': {
    tables: '01d5d757ab44c23c9c5c2414ccb79aa52600011450d4e76d187eccf3461169c4',
    behaviour: '389b33c8f36f37cb874f652827e07b31f427a7af346e366dbaa2b8ac79150793',
  },
  '2026-11-23.2': {
    tables: 'ef705f465c237aaf526168a4e3f051b20fe0a21213629cec004588774995f4f3',
    behaviour: '31828d8f0e376b234dba2d774025a57281c429c635ede62afb88cf005b288306',
  },
};

/** JSON with object keys sorted, so the fingerprint does not depend on declaration order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A seeded generator (mulberry32) and the draws the samplers make with it. */
function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const subset = <T>(items: readonly T[]): T[] => {
    const chosen = items.filter(() => next() < 0.35);
    return chosen.length > 0 ? chosen : [pick(items)];
  };
  return { next, pick, subset };
}

/** Seeded facts; changing this sampler changes the behaviour pin, not the rules. */
function sampleFacts(seed: number, count: number): BreachFacts[] {
  const { next, pick, subset } = seeded(seed);
  return Array.from({ length: count }, (): BreachFacts => {
    const breachTypes = subset(BREACH_TYPES);
    const availabilityLoss = breachTypes.includes('availability') ? pick(AVAILABILITY_LOSSES) : 'none';
    return {
      role: pick(['controller', 'processor'] as const),
      breachTypes,
      dataCategories: subset(DATA_CATEGORIES),
      ...(next() < 0.1 ? { dpcOverride: { score: pick(DPC_SCORES), reason: 'contextual adjustment' } } : {}),
      subjectsCount: pick([0, 50, 100, 101, 9_999, 10_000, 99_999, 100_000, 300_000]),
      vulnerableSubjects: next() < 0.3,
      identifiability: pick(IDENTIFIABILITY_LEVELS),
      exposure: breachTypes.includes('confidentiality') ? pick(EXPOSURES) : pick(['none', 'possible'] as const),
      integrityLoss: breachTypes.includes('integrity') ? pick(INTEGRITY_LOSSES) : 'none',
      availabilityLoss,
      ...(availabilityLoss !== 'none' && next() < 0.7 ? { unavailableHours: pick([2, 24, 25, 72, 500]) } : {}),
      backupAvailable: next() < 0.5,
      malicious: next() < 0.5,
      exfiltration: pick(EXFILTRATION_STATES),
      protection: pick(PROTECTION_LEVELS),
      recipientDeletionConfirmed: next() < 0.3,
      highRiskMitigated: next() < 0.2,
      disproportionateEffort: next() < 0.2,
    };
  });
}

/** The fields consistency.ts reads, drawn with no regard for consistency. */
type ConsistencyFacts = Parameters<typeof findContradictions>[0];
function sampleConsistencyFacts(seed: number, count: number): ConsistencyFacts[] {
  const { next, pick, subset } = seeded(seed);
  return Array.from({ length: count }, (): ConsistencyFacts => ({
    breachTypes: subset(BREACH_TYPES),
    exposure: pick(EXPOSURES),
    integrityLoss: pick(INTEGRITY_LOSSES),
    availabilityLoss: pick(AVAILABILITY_LOSSES),
    ...(next() < 0.6 ? { unavailableHours: pick([0, 0.5, 2, 24, 25, 500]) } : {}),
  }));
}
const CONSISTENCY_SAMPLE = sampleConsistencyFacts(42_22, 2000);

let assessLines: string[] | undefined;
function behaviourFingerprint(find: typeof findContradictions = findContradictions): string {
  const contradictions = CONSISTENCY_SAMPLE.map((facts) => canonical(find(facts).map((c) => [c.code, c.field])));
  assessLines ??= sampleFacts(33_34, 5000).map((facts) => {
    const { result, borderline } = assessWithTrace(facts);
    const inDoubt = assessWithTrace(facts, { notifyWhenInDoubt: true }).result.notifyAuthority;
    return canonical([
      result.riskLevel,
      result.notifyAuthority,
      inDoubt,
      result.communicateSubjects,
      result.notifyController,
      result.exemptions,
      result.enisa,
      borderline,
      result.reasons.map((r) => r.code),
    ]);
  });
  return sha256([...assessLines, ...contradictions].join('\n'));
}

describe('rulesVersion is pinned to the rules', () => {
  it('has the form YYYY-MM-DD.N', () => {
    expect(RULES_VERSION).toMatch(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\.[1-9]\d*$/);
  });

  it('has fingerprints pinned for the current version', () => {
    expect(Object.keys(PINNED)).toContain(RULES_VERSION);
  });

  it('matches the pinned fingerprint of the rule tables (a changed weight needs a new version)', () => {
    expect({ version: RULES_VERSION, tables: sha256(canonical(RULE_TABLES)) }).toEqual({
      version: RULES_VERSION,
      tables: PINNED[RULES_VERSION]?.tables,
    });
  });

  it('matches the pinned fingerprint of the behaviour (a changed rule needs a new version)', () => {
    expect({ version: RULES_VERSION, behaviour: behaviourFingerprint() }).toEqual({
      version: RULES_VERSION,
      behaviour: PINNED[RULES_VERSION]?.behaviour,
    });
  });

  it('never reuses fingerprints across versions', () => {
    const pins = Object.values(PINNED);
    expect(new Set(pins.map((p) => p.tables)).size).toBe(pins.length);
    expect(new Set(pins.map((p) => p.behaviour)).size).toBe(pins.length);
  });

  it('pins the contradiction rules of consistency.ts with the others', () => {
    expect(RULE_TABLES.consistency).toEqual({ rules: CONTRADICTION_RULES, codes: CONTRADICTION_CODES });
  });

  it.each<[string, (tables: { consistency: { rules: Record<string, unknown>; codes: Record<string, unknown> } }) => void]>([
    ['an exposure allowed without confidentiality', (t) => void (t.consistency.rules.exposuresWithoutConfidentiality = ['none'])],
    ['the hours allowed without an availability loss', (t) => void (t.consistency.rules.maxUnavailableHoursWithoutLoss = 1)],
    ['a contradiction code', (t) => void (t.consistency.codes.integrityLossWithoutIntegrity = 'ASSESSMENT.OTHER')],
  ])('notices a change to the contradiction table: %s', (_label, change) => {
    const changed = structuredClone(RULE_TABLES) as unknown as Parameters<typeof change>[0];
    change(changed);
    expect(sha256(canonical(changed))).not.toBe(sha256(canonical(RULE_TABLES)));
  });

  it.each<[string, typeof findContradictions]>([
    ['one contradiction dropped', (f) => findContradictions(f).slice(1)],
    ['none refused', () => []],
    ['exposure "possible" refused without confidentiality', (f) =>
      f.exposure === 'possible' && !f.breachTypes.includes('confidentiality')
        ? [{ code: CONTRADICTION_CODES.exposureWithoutConfidentiality, field: 'exposure', message: '' }, ...findContradictions(f)]
        : findContradictions(f)],
  ])('notices a change of contradiction logic in the behaviour fingerprint: %s', (_label, changedFind) => {
    expect(behaviourFingerprint(changedFind)).not.toBe(behaviourFingerprint());
  });

  it('samples facts that reach every contradiction, and facts with none', () => {
    const seen = new Set(CONSISTENCY_SAMPLE.map((f) => findContradictions(f).map((c) => c.code).join(',')).flatMap((codes) => codes.split(',')));
    expect([...seen].sort()).toEqual(['', ...Object.values(CONTRADICTION_CODES)].sort());
  });

  it('notices a change to any single rule value', () => {
    const original = sha256(canonical(RULE_TABLES));
    const changed = structuredClone(RULE_TABLES) as { risk: { thresholds: { highMinPoints: number } } };
    changed.risk.thresholds.highMinPoints += 1;
    expect(sha256(canonical(changed))).not.toBe(original);
    expect(canonical({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe(canonical({ a: [2, { c: 4, d: 3 }], b: 1 }));
  });
});
