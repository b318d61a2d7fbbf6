/**
 * A rule change must bump RULES_VERSION, or stored assessments could not say which rules
 * decided them. Two fingerprints are pinned per version:
 * - `tables`: SHA-256 of RULE_TABLES (every weight, threshold and score);
 * - `behaviour`: SHA-256 of the engine's decisions (levels, duties, exemptions, ENISA
 *   score, reason codes) on a fixed seeded sample of facts, which catches a change of
 *   logic that no table shows.
 * When a test here fails after a rule change: bump RULES_VERSION (date of the change,
 * then a counter) and add a PINNED entry with the new fingerprints the failure prints.
 * Never overwrite the entry of a released version. Only wording (reason texts, sources)
 * may change without a bump; it is deliberately outside both fingerprints.
 */
import { createHash } from 'node:crypto';
import { assessWithTrace } from './assess.js';
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

/** Seeded facts (mulberry32); changing this sampler changes the behaviour pin, not the rules. */
function sampleFacts(seed: number, count: number): BreachFacts[] {
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

function behaviourFingerprint(): string {
  const lines = sampleFacts(33_34, 5000).map((facts) => {
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
  return sha256(lines.join('\n'));
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

  it('notices a change to any single rule value', () => {
    const original = sha256(canonical(RULE_TABLES));
    const changed = structuredClone(RULE_TABLES) as { risk: { thresholds: { highMinPoints: number } } };
    changed.risk.thresholds.highMinPoints += 1;
    expect(sha256(canonical(changed))).not.toBe(original);
    expect(canonical({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe(canonical({ a: [2, { c: 4, d: 3 }], b: 1 }));
  });
});
