/**
 * Properties the engine must keep for any valid facts (issue 3 § Tests, property-based),
 * checked with fast-check: NUM_RUNS generated cases per property, from a fixed SEED so
 * that CI reproduces every run. A failure prints the shrunk counter-example with its seed
 * and path; replay it with `{ seed, path }` in fc.assert's parameters.
 *
 * The facts arbitrary covers every valid BreachFacts: each field is drawn from its full
 * contract domain, then each contradiction of consistency.ts is repaired by the smallest
 * change (add the breach type a loss asserts, drop hours that assert an outage). Facts
 * that are already consistent are left untouched, so none is out of reach.
 */
import fc from 'fast-check';
import { assess } from './assess.js';
import { CONTRADICTION_CODES, findContradictions } from './consistency.js';
import { DPC_BY_CATEGORY } from './enisa.js';
import { RULES_VERSION } from './rules-version.js';
import {
  AVAILABILITY_LOSSES,
  BREACH_TYPES,
  DATA_CATEGORIES,
  DPC_SCORES,
  ENISA_BANDS,
  EXEMPTIONS,
  EXFILTRATION_STATES,
  EXPOSURES,
  IDENTIFIABILITY_LEVELS,
  INTEGRITY_LOSSES,
  PROTECTION_LEVELS,
  RISK_LEVELS,
  ROLES,
  SUBJECT_COMMUNICATIONS,
  type AssessmentContext,
  type AssessmentResult,
  type BreachFacts,
  type BreachType,
  type RiskLevel,
} from './types.js';

const SEED = 20_261_123;
const NUM_RUNS = 2000;
const PARAMS = { seed: SEED, numRuns: NUM_RUNS } as const;

// ---------------------------------------------------------------- arbitraries

const subset = <T>(items: readonly T[]) => fc.uniqueArray(fc.constantFrom(...items), { minLength: 1, maxLength: items.length });

/** Every field over its contract domain, with the thresholds the rules use drawn often. */
const rawFacts: fc.Arbitrary<BreachFacts> = fc.record(
  {
    role: fc.constantFrom(...ROLES),
    breachTypes: subset(BREACH_TYPES),
    dataCategories: subset(DATA_CATEGORIES),
    dpcOverride: fc.record({ score: fc.constantFrom(...DPC_SCORES), reason: fc.string({ minLength: 1 }) }),
    subjectsCount: fc.oneof(fc.constantFrom(0, 100, 101, 9_999, 10_000, 99_999, 100_000), fc.nat(), fc.maxSafeNat()),
    vulnerableSubjects: fc.boolean(),
    identifiability: fc.constantFrom(...IDENTIFIABILITY_LEVELS),
    exposure: fc.constantFrom(...EXPOSURES),
    integrityLoss: fc.constantFrom(...INTEGRITY_LOSSES),
    availabilityLoss: fc.constantFrom(...AVAILABILITY_LOSSES),
    unavailableHours: fc.oneof(fc.constantFrom(0, 24, 25), fc.double({ min: 0, max: 100_000, noNaN: true })),
    backupAvailable: fc.boolean(),
    malicious: fc.boolean(),
    exfiltration: fc.constantFrom(...EXFILTRATION_STATES),
    protection: fc.constantFrom(...PROTECTION_LEVELS),
    recipientDeletionConfirmed: fc.boolean(),
    highRiskMitigated: fc.boolean(),
    disproportionateEffort: fc.boolean(),
  },
  // role, dpcOverride and unavailableHours are optional in the contract: sometimes absent.
  {
    requiredKeys: [
      'breachTypes',
      'dataCategories',
      'subjectsCount',
      'vulnerableSubjects',
      'identifiability',
      'exposure',
      'integrityLoss',
      'availabilityLoss',
      'backupAvailable',
      'malicious',
      'exfiltration',
      'protection',
      'recipientDeletionConfirmed',
      'highRiskMitigated',
      'disproportionateEffort',
    ],
  },
);

const withType = (f: BreachFacts, type: BreachType): BreachFacts =>
  f.breachTypes.includes(type) ? f : { ...f, breachTypes: [...f.breachTypes, type] };

/** The smallest repair of each contradiction; a new contradiction code without one fails the first property. */
const REPAIRS: Readonly<Record<string, (f: BreachFacts) => BreachFacts>> = {
  [CONTRADICTION_CODES.exposureWithoutConfidentiality]: (f) => withType(f, 'confidentiality'),
  [CONTRADICTION_CODES.integrityLossWithoutIntegrity]: (f) => withType(f, 'integrity'),
  [CONTRADICTION_CODES.availabilityLossWithoutAvailability]: (f) => withType(f, 'availability'),
  [CONTRADICTION_CODES.unavailableHoursWithoutAvailabilityLoss]: ({ unavailableHours: _dropped, ...f }) => f,
};

/** Identity on consistent facts, so every valid BreachFacts stays reachable. */
const consistent = (raw: BreachFacts): BreachFacts => findContradictions(raw).reduce((f, c) => REPAIRS[c.code]?.(f) ?? f, raw);

const facts = rawFacts.map(consistent);
const context: fc.Arbitrary<AssessmentContext> = fc.record({ notifyWhenInDoubt: fc.boolean() }, { requiredKeys: [] });
const rank = (level: RiskLevel) => RISK_LEVELS.indexOf(level);
const wider = (a: BreachFacts, b: BreachFacts) => rank(assess(b).riskLevel) >= rank(assess(a).riskLevel);

// ---------------------------------------------------------------- oracles

/** ENISA bands by upper bound, exclusive (DESIGN.md: < 2 low, < 3 medium, < 4 high, else very high). */
const BAND_UPPER_BOUNDS: readonly (readonly [number, AssessmentResult['enisa']['band']])[] = [
  [2, 'low'],
  [3, 'medium'],
  [4, 'high'],
  [Infinity, 'very_high'],
];
const expectedBand = (score: number) => BAND_UPPER_BOUNDS.find(([upper]) => score < upper)?.[1];
/** CB of the contract (DESIGN.md § ENISA mapping), indexed like EXPOSURES, INTEGRITY_LOSSES, AVAILABILITY_LOSSES. */
const CB = { exposure: [0, 0, 0.25, 0.25, 0.5, 0.5], integrity: [0, 0.25, 0.5], availability: [0, 0.25, 0.5], malicious: 0.5 } as const;
const expectedCb = (f: BreachFacts) =>
  (CB.exposure[EXPOSURES.indexOf(f.exposure)] ?? NaN) +
  (CB.integrity[INTEGRITY_LOSSES.indexOf(f.integrityLoss)] ?? NaN) +
  (CB.availability[AVAILABILITY_LOSSES.indexOf(f.availabilityLoss)] ?? NaN) +
  (f.malicious ? CB.malicious : 0);

const CONTRACT_FIELDS = [
  'communicateSubjects',
  'enisa',
  'exemptions',
  'notifyAuthority',
  'notifyController',
  'reasons',
  'riskLevel',
  'rulesVersion',
];
const ENISA_FIELDS = ['band', 'cb', 'dpc', 'ei', 'score'];
const nonEmpty = (s: unknown) => typeof s === 'string' && s.trim().length > 0;

/** The response contract of DESIGN.md, one clause a row. */
const CONTRACT: readonly (readonly [string, (r: AssessmentResult, f: BreachFacts) => boolean])[] = [
  ['exactly the contract fields', (r) => Object.keys(r).sort().join() === CONTRACT_FIELDS.join()],
  ['the five ENISA fields', (r) => ENISA_FIELDS.every((k) => k in r.enisa)],
  ['enum values', (r) => RISK_LEVELS.includes(r.riskLevel) && SUBJECT_COMMUNICATIONS.includes(r.communicateSubjects) && ENISA_BANDS.includes(r.enisa.band)],
  ['a boolean notifyAuthority', (r) => typeof r.notifyAuthority === 'boolean'],
  ['known, distinct exemptions', (r) => r.exemptions.every((e) => EXEMPTIONS.includes(e)) && new Set(r.exemptions).size === r.exemptions.length],
  ['reasons, each with a code, a text and a source', (r) => r.reasons.length > 0 && r.reasons.every((x) => nonEmpty(x.code) && nonEmpty(x.text) && nonEmpty(x.source))],
  ['the current rulesVersion', (r) => r.rulesVersion === RULES_VERSION],
  // Art. 33(2): every breach when processing for a controller, and only then.
  ['notifyController exactly when role = processor', (r, f) => r.notifyController === (f.role === 'processor')],
];

function checkContract(f: BreachFacts, ctx: AssessmentContext): void {
  const r = assess(f, ctx);
  const broken = CONTRACT.filter(([, holds]) => !holds(r, f)).map(([clause]) => clause);
  if (broken.length > 0) throw new Error(`contract broken: ${broken.join('; ')}`);
}

// ---------------------------------------------------------------- properties

interface Property {
  readonly name: string;
  readonly run: () => void;
}
const property = <T>(name: string, arbitrary: fc.Arbitrary<T>, check: (value: T) => boolean | void): Property => ({
  name,
  run: () => fc.assert(fc.property(arbitrary, check), PARAMS),
});

const PROPERTIES: readonly Property[] = [
  property('the facts arbitrary yields only facts that consistency.ts accepts', facts, (f) => findContradictions(f).length === 0),

  property(
    'adding a data category (a more sensitive one, or not) never lowers the risk level',
    fc
      .tuple(facts, fc.constantFrom(...DATA_CATEGORIES))
      .filter(([f, c]) => !f.dataCategories.includes(c))
      .map(([f, c]) => [f, { ...f, dataCategories: [...f.dataCategories, c] }] as const),
    ([before, after]) => wider(before, after),
  ),

  property(
    'widening the exposure (kept consistent: confidentiality added when needed) never lowers the risk level',
    fc
      .tuple(facts, fc.constantFrom(...EXPOSURES))
      .filter(([f, e]) => EXPOSURES.indexOf(e) > EXPOSURES.indexOf(f.exposure))
      .map(([f, e]) => [f, consistent({ ...f, exposure: e })] as const),
    ([before, after]) => wider(before, after),
  ),

  property(
    'telling the people affected (required, or publicly) implies notifying the authority',
    fc.tuple(facts, context),
    ([f, ctx]) => {
      const r = assess(f, ctx);
      return r.communicateSubjects === 'not_required' || r.notifyAuthority;
    },
  ),

  property(
    'state-of-the-art protection, no integrity or availability loss: never a higher level or duty than none/weak',
    fc
      .tuple(facts, fc.constantFrom('none', 'weak') as fc.Arbitrary<'none' | 'weak'>, context)
      .map(([f, protection, ctx]) => {
        const { unavailableHours: _dropped, ...rest } = f;
        const unlost: BreachFacts = { ...rest, integrityLoss: 'none', availabilityLoss: 'none' };
        return [{ ...unlost, protection }, { ...unlost, protection: 'state_of_the_art' as const }, ctx] as const;
      }),
    ([unprotected, protectedFacts, ctx]) => {
      const before = assess(unprotected, ctx);
      const after = assess(protectedFacts, ctx);
      const duty = (r: AssessmentResult) => r.communicateSubjects !== 'not_required';
      return (
        rank(after.riskLevel) <= rank(before.riskLevel) &&
        (!after.notifyAuthority || before.notifyAuthority) &&
        (!duty(after) || duty(before))
      );
    },
  ),

  property(
    'the result has exactly the contract fields, non-empty reasons, and notifyController iff processor',
    fc.tuple(facts, context),
    ([f, ctx]) => checkContract(f, ctx),
  ),

  property('ENISA: score = DPC x EI + CB exactly, each as the contract maps it, band by its boundaries', facts, (f) => {
    const { dpc, ei, cb, score, band } = assess(f).enisa;
    const expectedDpc = f.dpcOverride?.score ?? Math.max(...f.dataCategories.map((c) => DPC_BY_CATEGORY[c]));
    const expectedEi = (IDENTIFIABILITY_LEVELS.indexOf(f.identifiability) + 1) / 4;
    return score === dpc * ei + cb && dpc === expectedDpc && ei === expectedEi && cb === expectedCb(f) && band === expectedBand(score);
  }),

  property('without the policy, the authority is notified exactly when the risk is not "unlikely"', facts, (f) => {
    const r = assess(f);
    return r.notifyAuthority === (r.riskLevel !== 'unlikely');
  }),

  property('the notify-when-in-doubt policy changes no level and only adds a notification to an "unlikely"', facts, (f) => {
    const plain = assess(f);
    const policy = assess(f, { notifyWhenInDoubt: true });
    const changed = plain.notifyAuthority !== policy.notifyAuthority;
    return plain.riskLevel === policy.riskLevel && (!changed || (plain.riskLevel === 'unlikely' && policy.notifyAuthority));
  }),

  property('every decision carries a risk-level reason and an authority reason', fc.tuple(facts, context), ([f, ctx]) => {
    const codes = assess(f, ctx).reasons.map((r) => r.code);
    return codes.includes('RISK.LEVEL') && codes.some((c) => ['DUTY.NOTIFY_AUTHORITY', 'DUTY.AUTHORITY_NOT_REQUIRED', 'DUTY.NOTIFY_WHEN_IN_DOUBT'].includes(c));
  }),

  property('is pure: same facts, same result, facts untouched', facts, (f) => {
    const frozen: BreachFacts = Object.freeze({
      ...f,
      breachTypes: Object.freeze([...f.breachTypes]),
      dataCategories: Object.freeze([...f.dataCategories]),
      ...(f.dpcOverride ? { dpcOverride: Object.freeze({ ...f.dpcOverride }) } : {}),
    });
    return JSON.stringify(assess(frozen)) === JSON.stringify(assess(structuredClone(f)));
  }),
];

describe(`invariants (fast-check, ${NUM_RUNS} runs per property, seed ${SEED})`, () => {
  it.each(PROPERTIES)('$name', ({ run }) => run());

  it('the facts reach every level, duty, band and exemption (no property holds vacuously)', () => {
    const results = fc.sample(fc.tuple(facts, context), PARAMS).map(([f, ctx]) => assess(f, ctx));
    const seen = <T>(pick: (r: AssessmentResult) => T | readonly T[]) => [...new Set(results.flatMap(pick))].sort();
    expect(seen((r) => r.riskLevel)).toEqual([...RISK_LEVELS].sort());
    expect(seen((r) => r.communicateSubjects)).toEqual([...SUBJECT_COMMUNICATIONS].sort());
    expect(seen((r) => r.enisa.band)).toEqual([...ENISA_BANDS].sort());
    expect(seen((r) => r.exemptions)).toEqual([...EXEMPTIONS].sort());
    expect(seen((r) => r.notifyAuthority)).toEqual([false, true]);
  });
});
