import { enisaBand, enisaReasons, enisaSeverity } from './enisa.js';
import type { BreachFacts, DataCategory, DpcScore, EnisaBand } from './types.js';

// DPC 1 x EI 0.25 with no circumstances: the smallest score, so each CB element shows alone.
const base: BreachFacts = {
  role: 'controller',
  breachTypes: ['confidentiality', 'integrity', 'availability'],
  dataCategories: ['basic'],
  subjectsCount: 10,
  vulnerableSubjects: false,
  identifiability: 'negligible',
  exposure: 'none',
  integrityLoss: 'none',
  availabilityLoss: 'none',
  backupAvailable: true,
  malicious: false,
  exfiltration: 'ruled_out',
  protection: 'none',
  recipientDeletionConfirmed: false,
  highRiskMitigated: false,
  disproportionateEffort: false,
};
const facts = (over: Partial<BreachFacts>): BreachFacts => ({ ...base, ...over });

describe('ENISA DPC: highest category wins (ENISA 2013 §3.1.1, Annex 1)', () => {
  it.each<[DataCategory, DpcScore]>([
    ['basic', 1],
    ['behavioural', 2],
    ['financial', 3],
    ['special', 4],
    ['criminal', 4],
    ['government_id', 4],
    ['credentials', 4],
    ['communications', 3],
  ])('%s scores %i', (category, dpc) => {
    expect(enisaSeverity(facts({ dataCategories: [category] })).dpc).toBe(dpc);
  });

  it.each<[DataCategory[], DpcScore]>([
    [['basic', 'behavioural'], 2],
    [['behavioural', 'financial', 'basic'], 3],
    [['basic', 'communications'], 3],
    [['financial', 'special'], 4],
  ])('%j scores the highest, %i', (dataCategories, dpc) => {
    expect(enisaSeverity(facts({ dataCategories })).dpc).toBe(dpc);
  });

  it.each<[DataCategory, string]>([
    ['government_id', 'identity theft'],
    ['credentials', 'systems they open'],
    ['communications', 'behavioural data'],
  ])('explains the score chosen for %s in a reason', (category, phrase) => {
    const f = facts({ dataCategories: ['basic', category] });
    const choice = enisaReasons(f, enisaSeverity(f)).find((r) => r.code === 'ENISA.DPC_CATEGORY_CHOICE');
    expect(choice?.text).toContain(phrase);
    expect(choice?.source).toMatch(/^ENISA 2013/);
  });

  it.each<[DataCategory[], DpcScore]>([
    [['special'], 1],
    [['basic'], 4],
    [['financial', 'special'], 2],
  ])('dpcOverride replaces the computed DPC (%j -> %i) and its reason is reported', (dataCategories, score) => {
    const f = facts({ dataCategories, dpcOverride: { score, reason: 'medical certificate stating good health only' } });
    const enisa = enisaSeverity(f);
    expect(enisa.dpc).toBe(score);
    const reasons = enisaReasons(f, enisa);
    expect(reasons.find((r) => r.code === 'ENISA.DPC_OVERRIDE')?.text).toContain('medical certificate stating good health only');
    expect(reasons.some((r) => r.code === 'ENISA.DPC_CATEGORY_CHOICE')).toBe(false);
  });
});

describe('ENISA EI (§3.1.2)', () => {
  it.each([
    ['negligible', 0.25],
    ['limited', 0.5],
    ['significant', 0.75],
    ['maximum', 1],
  ] as const)('%s is %d', (identifiability, ei) => {
    const enisa = enisaSeverity(facts({ dataCategories: ['special'], identifiability }));
    expect(enisa.ei).toBe(ei);
    expect(enisa.score).toBe(4 * ei);
  });
});

describe('ENISA CB elements are added (Annex 3)', () => {
  it.each<[string, Partial<BreachFacts>, number]>([
    ['exposure none', { exposure: 'none' }, 0],
    ['exposure possible', { exposure: 'possible' }, 0],
    ['exposure trusted_recipient', { exposure: 'trusted_recipient' }, 0.25],
    ['exposure known_recipients', { exposure: 'known_recipients' }, 0.25],
    ['exposure unknown_recipients', { exposure: 'unknown_recipients' }, 0.5],
    ['exposure public', { exposure: 'public' }, 0.5],
    ['integrity none', { integrityLoss: 'none' }, 0],
    ['integrity recoverable', { integrityLoss: 'recoverable' }, 0.25],
    ['integrity irrecoverable', { integrityLoss: 'irrecoverable' }, 0.5],
    ['availability none', { availabilityLoss: 'none' }, 0],
    ['availability temporary', { availabilityLoss: 'temporary' }, 0.25],
    ['availability permanent', { availabilityLoss: 'permanent' }, 0.5],
    ['not malicious', { malicious: false }, 0],
    ['malicious', { malicious: true }, 0.5],
    ['all at their maximum', { exposure: 'public', integrityLoss: 'irrecoverable', availabilityLoss: 'permanent', malicious: true }, 2],
    ['known + recoverable + temporary', { exposure: 'known_recipients', integrityLoss: 'recoverable', availabilityLoss: 'temporary' }, 0.75],
  ])('%s adds %d', (_label, over, cb) => {
    const enisa = enisaSeverity(facts(over));
    expect(enisa.cb).toBe(cb);
    expect(enisa.score).toBe(0.25 + cb);
  });
});

describe('ENISA bands: lower bound inclusive, upper exclusive (§3.2)', () => {
  it.each<[number, EnisaBand]>([
    [0, 'low'],
    [1.99, 'low'],
    [2, 'medium'],
    [2.99, 'medium'],
    [3, 'high'],
    [3.99, 'high'],
    [4, 'very_high'],
    [6, 'very_high'],
  ])('a score of %d is %s', (score, band) => {
    expect(enisaBand(score)).toBe(band);
  });

  // Reachable scores are multiples of 0.25, so each boundary is approached from 0.25 below.
  it.each<[string, Partial<BreachFacts>, number, EnisaBand]>([
    ['1 x 1 + 0.25 + 0.5', { dataCategories: ['basic'], identifiability: 'maximum', exposure: 'known_recipients', malicious: true }, 1.75, 'low'],
    ['2 x 1', { dataCategories: ['behavioural'], identifiability: 'maximum' }, 2, 'medium'],
    ['1 x 1 + 0.5 + 0.5', { dataCategories: ['basic'], identifiability: 'maximum', exposure: 'public', malicious: true }, 2, 'medium'],
    ['2 x 1 + 0.25 + 0.5', { dataCategories: ['behavioural'], identifiability: 'maximum', exposure: 'known_recipients', malicious: true }, 2.75, 'medium'],
    ['3 x 1', { dataCategories: ['financial'], identifiability: 'maximum' }, 3, 'high'],
    ['3 x 0.75 + 0.25 + 0.5', { dataCategories: ['financial'], identifiability: 'significant', exposure: 'known_recipients', malicious: true }, 3, 'high'],
    ['3 x 1 + 0.25 + 0.5', { dataCategories: ['financial'], identifiability: 'maximum', exposure: 'known_recipients', malicious: true }, 3.75, 'high'],
    ['4 x 1', { dataCategories: ['special'], identifiability: 'maximum' }, 4, 'very_high'],
    ['2 x 1 + 2', { dataCategories: ['behavioural'], identifiability: 'maximum', exposure: 'public', integrityLoss: 'irrecoverable', availabilityLoss: 'permanent', malicious: true }, 4, 'very_high'],
    ['4 x 1 + 2 (maximum)', { dataCategories: ['special'], identifiability: 'maximum', exposure: 'public', integrityLoss: 'irrecoverable', availabilityLoss: 'permanent', malicious: true }, 6, 'very_high'],
    ['1 x 0.25 (minimum)', {}, 0.25, 'low'],
  ])('%s = %d is %s', (_label, over, score, band) => {
    const enisa = enisaSeverity(facts(over));
    expect(enisa.score).toBe(score);
    expect(enisa.band).toBe(band);
  });
});

describe('ENISA illustrative combinations X1-X5 (enisa-severity.md §8)', () => {
  it.each<[string, Partial<BreachFacts>, { dpc: number; ei: number; cb: number; score: number; band: EnisaBand }]>([
    ['X1 customer list emailed to known recipients', { dataCategories: ['basic'], identifiability: 'maximum', exposure: 'known_recipients' }, { dpc: 1, ei: 1, cb: 0.25, score: 1.25, band: 'low' }],
    [
      'X2 full card details published by an attacker',
      { dataCategories: ['financial'], dpcOverride: { score: 4, reason: 'full card details usable for transactions' }, identifiability: 'maximum', exposure: 'unknown_recipients', malicious: true },
      { dpc: 4, ei: 1, cb: 1, score: 5, band: 'very_high' },
    ],
    ['X3 laptop with one week of call history, internal codes', { dataCategories: ['behavioural'], identifiability: 'negligible', exposure: 'possible' }, { dpc: 2, ei: 0.25, cb: 0, score: 0.5, band: 'low' }],
    ['X4 lab results to a known wrong recipient', { dataCategories: ['special'], identifiability: 'maximum', exposure: 'known_recipients' }, { dpc: 4, ei: 1, cb: 0.25, score: 4.25, band: 'very_high' }],
    ['X5 month of balances, database rebuilt with some processing', { dataCategories: ['financial'], identifiability: 'maximum', availabilityLoss: 'temporary' }, { dpc: 3, ei: 1, cb: 0.25, score: 3.25, band: 'high' }],
  ])('%s', (_label, over, expected) => {
    expect(enisaSeverity(facts(over))).toMatchObject(expected);
  });
});

describe('ENISA flags are reported beside the score, never in it (§3.3)', () => {
  it.each([
    [100, false],
    [101, true],
    [0, false],
  ])('%i individuals: moreThan100Individuals = %s', (subjectsCount, flag) => {
    expect(enisaSeverity(facts({ subjectsCount })).flags.moreThan100Individuals).toBe(flag);
  });

  it.each([
    ['none', false],
    ['weak', false],
    ['state_of_the_art', true],
  ] as const)('protection %s: dataUnintelligible = %s', (protection, flag) => {
    expect(enisaSeverity(facts({ protection })).flags.dataUnintelligible).toBe(flag);
  });

  it('does not change the score', () => {
    const plain = enisaSeverity(facts({ dataCategories: ['financial'], identifiability: 'maximum' }));
    const flagged = enisaSeverity(facts({ dataCategories: ['financial'], identifiability: 'maximum', subjectsCount: 50_000, protection: 'state_of_the_art' }));
    expect(flagged.flags).toEqual({ moreThan100Individuals: true, dataUnintelligible: true });
    expect({ ...flagged, flags: undefined }).toEqual({ ...plain, flags: undefined });
  });

  it('reports the flags in the severity reason', () => {
    const f = facts({ subjectsCount: 500, protection: 'state_of_the_art' });
    const text = enisaReasons(f, enisaSeverity(f)).find((r) => r.code === 'ENISA.SEVERITY')?.text;
    expect(text).toContain('more than 100 individuals');
    expect(text).toContain('data unintelligible');
  });
});
