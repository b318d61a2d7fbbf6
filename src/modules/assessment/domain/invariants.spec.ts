/**
 * Properties the engine must keep for any facts, checked on a seeded sample of consistent
 * facts (deterministic, so a failure reproduces). fast-check is not installed; when it
 * is, these properties can move to it unchanged.
 */
import { assess } from './assess.js';
import { findContradictions } from './consistency.js';
import { enisaBand } from './enisa.js';
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
  RISK_LEVELS,
  type BreachFacts,
  type RiskLevel,
} from './types.js';

function sampler(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    // mulberry32
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
  return (): BreachFacts => {
    const breachTypes = subset(BREACH_TYPES);
    const availabilityLoss = breachTypes.includes('availability') ? pick(AVAILABILITY_LOSSES) : 'none';
    return {
      role: pick(['controller', 'processor', undefined] as const),
      breachTypes,
      dataCategories: subset(DATA_CATEGORIES),
      ...(next() < 0.1 ? { dpcOverride: { score: pick(DPC_SCORES), reason: 'contextual adjustment' } } : {}),
      subjectsCount: pick([0, 12, 100, 101, 999, 9_999, 10_000, 99_999, 100_000, 250_000]),
      vulnerableSubjects: next() < 0.3,
      identifiability: pick(IDENTIFIABILITY_LEVELS),
      exposure: breachTypes.includes('confidentiality') ? pick(EXPOSURES) : pick(['none', 'possible'] as const),
      integrityLoss: breachTypes.includes('integrity') ? pick(INTEGRITY_LOSSES) : 'none',
      availabilityLoss,
      ...(availabilityLoss === 'none' ? {} : next() < 0.7 ? { unavailableHours: pick([1, 4, 24, 25, 48, 200]) } : {}),
      backupAvailable: next() < 0.5,
      malicious: next() < 0.5,
      exfiltration: pick(EXFILTRATION_STATES),
      protection: pick(PROTECTION_LEVELS),
      recipientDeletionConfirmed: next() < 0.3,
      highRiskMitigated: next() < 0.2,
      disproportionateEffort: next() < 0.2,
    };
  };
}

const SAMPLES = (() => {
  const draw = sampler(20261123);
  return Array.from({ length: 3000 }, draw);
})();
const rank = (level: RiskLevel) => RISK_LEVELS.indexOf(level);

describe('invariants on 3 000 sampled consistent facts', () => {
  it('samples only consistent facts, covering every risk level', () => {
    expect(SAMPLES.filter((f) => findContradictions(f).length > 0)).toEqual([]);
    const levels = new Set(SAMPLES.map((f) => assess(f).riskLevel));
    expect([...levels].sort()).toEqual(['high', 'risk', 'unlikely']);
  });

  it('adding a more sensitive data category never lowers the risk level', () => {
    const violations = SAMPLES.flatMap((f) =>
      DATA_CATEGORIES.filter((c) => !f.dataCategories.includes(c))
        .map((c) => ({ ...f, dataCategories: [...f.dataCategories, c] }))
        .filter((wider) => rank(assess(wider).riskLevel) < rank(assess(f).riskLevel)),
    );
    expect(violations).toEqual([]);
  });

  it('widening the exposure never lowers the risk level', () => {
    const violations = SAMPLES.flatMap((f) => {
      const allowed = f.breachTypes.includes('confidentiality') ? EXPOSURES : (['none', 'possible'] as const);
      return allowed
        .filter((e) => EXPOSURES.indexOf(e) > EXPOSURES.indexOf(f.exposure))
        .map((exposure) => ({ ...f, exposure }))
        .filter((wider) => rank(assess(wider).riskLevel) < rank(assess(f).riskLevel));
    });
    expect(violations).toEqual([]);
  });

  it('communicating to the people affected implies notifying the authority', () => {
    const violations = SAMPLES.map((f) => assess(f)).filter((r) => r.communicateSubjects !== 'not_required' && !r.notifyAuthority);
    expect(violations).toEqual([]);
  });

  it('state-of-the-art protection with no integrity or availability loss never raises the outcome', () => {
    const violations = SAMPLES.filter((f) => f.integrityLoss === 'none' && f.availabilityLoss === 'none').filter((f) => {
      const before = assess(f);
      const after = assess({ ...f, protection: 'state_of_the_art' });
      return (
        rank(after.riskLevel) > rank(before.riskLevel) ||
        (after.notifyAuthority && !before.notifyAuthority) ||
        (after.communicateSubjects !== 'not_required' && before.communicateSubjects === 'not_required')
      );
    });
    expect(violations).toEqual([]);
  });

  it('notifies the authority exactly when the risk is not "unlikely", absent the policy', () => {
    expect(SAMPLES.filter((f) => assess(f).notifyAuthority !== (assess(f).riskLevel !== 'unlikely'))).toEqual([]);
  });

  it('the notify-when-in-doubt policy only ever adds a notification, and only to an "unlikely"', () => {
    const violations = SAMPLES.filter((f) => {
      const plain = assess(f);
      const policy = assess(f, { notifyWhenInDoubt: true });
      const changed = plain.notifyAuthority !== policy.notifyAuthority;
      return (changed && (plain.riskLevel !== 'unlikely' || !policy.notifyAuthority)) || plain.riskLevel !== policy.riskLevel;
    });
    expect(violations).toEqual([]);
  });

  it('a processor always notifies its controller, a controller never does', () => {
    expect(SAMPLES.filter((f) => assess(f).notifyController !== (f.role === 'processor'))).toEqual([]);
  });

  it('the ENISA band always matches the score', () => {
    expect(SAMPLES.map((f) => assess(f).enisa).filter((e) => e.band !== enisaBand(e.score))).toEqual([]);
  });

  it('every decision carries a risk-level reason and an authority reason', () => {
    const missing = SAMPLES.map((f) => assess(f).reasons.map((r) => r.code)).filter(
      (codes) =>
        !codes.includes('RISK.LEVEL') ||
        !codes.some((c) => ['DUTY.NOTIFY_AUTHORITY', 'DUTY.AUTHORITY_NOT_REQUIRED', 'DUTY.NOTIFY_WHEN_IN_DOUBT'].includes(c)),
    );
    expect(missing).toEqual([]);
  });

  it('is pure: same facts, same result, facts untouched', () => {
    const f = SAMPLES[7] as BreachFacts;
    const frozen = Object.freeze({ ...f, breachTypes: Object.freeze([...f.breachTypes]), dataCategories: Object.freeze([...f.dataCategories]) });
    expect(assess(frozen)).toEqual(assess(structuredClone(f)));
  });
});
