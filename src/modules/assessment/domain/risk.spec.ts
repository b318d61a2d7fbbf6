import { enisaSeverity } from './enisa.js';
import { evaluateRisk, levelFromPoints } from './risk.js';
import type { BreachFacts, RiskLevel } from './types.js';

// A readable confidentiality breach of basic data, nothing else: 1 (sensitivity) + 0 (no disclosure).
const base: BreachFacts = {
  role: 'controller',
  breachTypes: ['confidentiality'],
  dataCategories: ['basic'],
  subjectsCount: 50,
  vulnerableSubjects: false,
  identifiability: 'maximum',
  exposure: 'none',
  integrityLoss: 'none',
  availabilityLoss: 'none',
  backupAvailable: false,
  malicious: false,
  exfiltration: 'suspected',
  protection: 'none',
  recipientDeletionConfirmed: false,
  highRiskMitigated: false,
  disproportionateEffort: false,
};
const facts = (over: Partial<BreachFacts>): BreachFacts => ({ ...base, ...over });
const evaluate = (over: Partial<BreachFacts>) => {
  const f = facts(over);
  return evaluateRisk(f, enisaSeverity(f));
};
const points = (over: Partial<BreachFacts>, dimension = 'confidentiality') =>
  evaluate(over).dimensions.find((d) => d.dimension === dimension)?.points;
const codes = (over: Partial<BreachFacts>) => evaluate(over).reasons.map((r) => r.code);

describe('points to level', () => {
  it.each<[number, RiskLevel]>([
    [-1, 'unlikely'],
    [1, 'unlikely'],
    [2, 'risk'],
    [4, 'risk'],
    [5, 'high'],
    [9, 'high'],
  ])('%i points: %s', (p, level) => {
    expect(levelFromPoints(p)).toBe(level);
  });
});

describe('facts that settle confidentiality as unlikely, whatever else', () => {
  const severe: Partial<BreachFacts> = { dataCategories: ['special'], exposure: 'public', malicious: true, exfiltration: 'confirmed', subjectsCount: 500_000 };
  it.each<[string, Partial<BreachFacts>, string]>([
    ['state-of-the-art protection (Art. 34(3)(a), EDPB Case 01/10)', { ...severe, protection: 'state_of_the_art' }, 'RISK.DATA_UNINTELLIGIBLE'],
    ['exfiltration ruled out, nothing disclosed (EDPB Case 01)', { exposure: 'none', exfiltration: 'ruled_out', malicious: true, dataCategories: ['special'] }, 'RISK.NO_ACCESS'],
    ['exfiltration ruled out on an open share nobody used', { exposure: 'possible', exfiltration: 'ruled_out', dataCategories: ['special'] }, 'RISK.NO_ACCESS'],
    ['trusted recipient confirmed deletion (EDPB Case 09, unverified)', { exposure: 'trusted_recipient', recipientDeletionConfirmed: true, exfiltration: 'confirmed', dataCategories: ['financial'] }, 'RISK.TRUSTED_RECIPIENT_DELETED'],
  ])('%s', (_label, over, code) => {
    const risk = evaluate(over);
    expect(risk.riskLevel).toBe('unlikely');
    expect(risk.borderline).toBe(false);
    expect(risk.reasons.map((r) => r.code)).toContain(code);
  });

  // A deletion confirmation also settles exposure none and possible (a narrower exposure may
  // not fare worse than a trusted or identified recipient who deleted: invariants.spec.ts), but
  // the reason must not claim a trusted recipient where there is none.
  it.each<[string, Partial<BreachFacts>, RegExp]>([
    ['confirmed exfiltration, no onward disclosure', { exposure: 'none', exfiltration: 'confirmed', dataCategories: ['special'] }, /^No onward disclosure is known although the data were copied, and whoever had access/],
    ['suspected exfiltration from a lost medium', { exposure: 'possible', exfiltration: 'suspected' }, /^No onward disclosure is known, and whoever had access/],
    ['a trusted recipient', { exposure: 'trusted_recipient', exfiltration: 'confirmed' }, /^The data reached only a trusted recipient/],
  ])('a deletion confirmation names who confirmed it: %s', (_label, over, text) => {
    const risk = evaluate({ ...over, recipientDeletionConfirmed: true });
    const reason = risk.reasons.find((r) => r.code === 'RISK.TRUSTED_RECIPIENT_DELETED');
    expect(risk.riskLevel).toBe('unlikely');
    expect(reason?.text).toMatch(text);
  });

  it.each(['none', 'possible', 'trusted_recipient'] as const)(
    'exposure %s with a confirmed deletion is never worse than identified recipients who deleted',
    (exposure) => {
      const over: Partial<BreachFacts> = { exfiltration: 'confirmed', identifiability: 'limited', recipientDeletionConfirmed: true };
      expect(evaluate({ ...over, exposure: 'known_recipients' }).riskLevel).toBe('unlikely'); // 1 + 2 - 3 - 1
      expect(evaluate({ ...over, exposure }).riskLevel).toBe('unlikely');
    },
  );

  it.each<[string, Partial<BreachFacts>]>([
    ['weak protection is not relied on', { exposure: 'known_recipients', protection: 'weak' }],
    ['a malicious recipient\'s confirmation is not relied on', { exposure: 'trusted_recipient', recipientDeletionConfirmed: true, malicious: true }],
    ['unknown recipients cannot confirm deletion', { exposure: 'unknown_recipients', recipientDeletionConfirmed: true }],
    ['exfiltration ruled out does not undo a disclosure', { exposure: 'known_recipients', exfiltration: 'ruled_out' }],
  ])('not settled: %s', (_label, over) => {
    expect(evaluate(over).riskLevel).not.toBe('unlikely');
  });
});

describe('confidentiality points: sensitivity + likelihood + aggravating factors', () => {
  it.each<[string, Partial<BreachFacts>, number]>([
    ['basic, nothing disclosed, exfiltration suspected', {}, 2],
    ['basic, lost medium', { exposure: 'possible' }, 2],
    ['basic, trusted recipient without confirmation', { exposure: 'trusted_recipient' }, 2],
    ['basic, known recipients', { exposure: 'known_recipients' }, 3],
    ['basic, unknown recipients', { exposure: 'unknown_recipients' }, 4],
    ['basic, public', { exposure: 'public' }, 4],
    ['behavioural, known recipients', { dataCategories: ['behavioural'], exposure: 'known_recipients' }, 4],
    ['special, known recipients', { dataCategories: ['special'], exposure: 'known_recipients' }, 5],
    ['known recipients all confirmed deletion: -3', { exposure: 'known_recipients', recipientDeletionConfirmed: true }, 0],
    ['known recipients confirmed deletion of financial data', { exposure: 'known_recipients', recipientDeletionConfirmed: true, dataCategories: ['financial'] }, 1],
    ['known recipients confirmed deletion of health data: still notifiable', { exposure: 'known_recipients', recipientDeletionConfirmed: true, dataCategories: ['special'] }, 2],
    ['a malicious recipient\'s confirmation counts for nothing', { exposure: 'known_recipients', recipientDeletionConfirmed: true, malicious: true }, 4],
    ['exfiltration confirmed lifts "nothing disclosed" to 2', { exfiltration: 'confirmed' }, 3],
    ['malicious +1', { exposure: 'possible', malicious: true }, 3],
    ['malicious and altered data (account takeover) +1 more', { exposure: 'possible', malicious: true, breachTypes: ['confidentiality', 'integrity'], integrityLoss: 'recoverable' }, 4],
    ['vulnerable people +1', { exposure: 'possible', vulnerableSubjects: true }, 3],
    ['9 999 people: no scale points', { exposure: 'possible', subjectsCount: 9_999 }, 2],
    ['10 000 people +1', { exposure: 'possible', subjectsCount: 10_000 }, 3],
    ['100 000 people +2', { exposure: 'possible', subjectsCount: 100_000 }, 4],
    ['significant identifiability: no change', { exposure: 'possible', identifiability: 'significant' }, 2],
    ['limited identifiability -1', { exposure: 'possible', identifiability: 'limited' }, 1],
    ['negligible identifiability -2', { exposure: 'possible', identifiability: 'negligible' }, 0],
    ['a DPC override carries into sensitivity', { exposure: 'known_recipients', dataCategories: ['special'], dpcOverride: { score: 1, reason: 'party membership already public' } }, 3],
  ])('%s: %i points', (_label, over, expected) => {
    expect(points(over)).toBe(expected);
  });

  it('assesses confidentiality when exfiltration is not ruled out, even if not ticked (EDPB 01/2021 para. 16)', () => {
    const over: Partial<BreachFacts> = { breachTypes: ['availability'], availabilityLoss: 'temporary', unavailableHours: 2, malicious: true, exfiltration: 'suspected' };
    expect(codes(over)).toContain('RISK.CONFIDENTIALITY_INFERRED');
    expect(evaluate(over).riskLevel).toBe('risk');
    expect(evaluate({ ...over, exfiltration: 'ruled_out' }).riskLevel).toBe('unlikely');
  });
});

describe('integrity and availability points: the loss, then who suffers it', () => {
  const integrity = (over: Partial<BreachFacts>) => points({ breachTypes: ['integrity'], exfiltration: 'ruled_out', ...over }, 'integrity');
  const availability = (over: Partial<BreachFacts>) => points({ breachTypes: ['availability'], exfiltration: 'ruled_out', ...over }, 'availability');

  it.each<[string, Partial<BreachFacts>, number | undefined]>([
    ['no misuse identified: settled', { integrityLoss: 'none' }, undefined],
    ['recoverable from backup', { integrityLoss: 'recoverable', backupAvailable: true }, 0],
    ['recoverable otherwise', { integrityLoss: 'recoverable' }, 1],
    ['irrecoverable', { integrityLoss: 'irrecoverable' }, 2],
    ['irrecoverable health records of patients', { integrityLoss: 'irrecoverable', dataCategories: ['special'], vulnerableSubjects: true }, 5],
    ['scale counts only for a lasting loss', { integrityLoss: 'recoverable', backupAvailable: true, subjectsCount: 200_000 }, 0],
    ['scale counts for a lasting loss', { integrityLoss: 'irrecoverable', subjectsCount: 200_000 }, 4],
  ])('integrity, %s: %p', (_label, over, expected) => {
    expect(integrity(over)).toBe(expected);
  });

  it.each<[string, Partial<BreachFacts>, number | undefined]>([
    ['other copies available: settled', { availabilityLoss: 'none' }, undefined],
    ['restored within 24 h', { availabilityLoss: 'temporary', unavailableHours: 24 }, 0],
    ['restored within 24 h even without backup', { availabilityLoss: 'temporary', unavailableHours: 3, backupAvailable: false }, 0],
    ['backup at hand, duration not stated', { availabilityLoss: 'temporary', backupAvailable: true }, 0],
    ['25 h with a backup', { availabilityLoss: 'temporary', unavailableHours: 25, backupAvailable: true }, 2],
    ['no backup, duration not stated (EDPB Case 02, unverified)', { availabilityLoss: 'temporary', backupAvailable: false }, 2],
    ['permanent', { availabilityLoss: 'permanent' }, 3],
    ['permanent, special data', { availabilityLoss: 'permanent', dataCategories: ['special'] }, 5],
    ['hospital: 48 h, health data, patients (EDPB Case 03, unverified)', { availabilityLoss: 'temporary', unavailableHours: 48, backupAvailable: true, dataCategories: ['special'], vulnerableSubjects: true }, 5],
  ])('availability, %s: %p', (_label, over, expected) => {
    expect(availability(over)).toBe(expected);
  });
});

describe('the overall level is the worst breach type; ENISA informs', () => {
  it('takes the worst breach type', () => {
    const risk = evaluate({
      breachTypes: ['confidentiality', 'availability'],
      protection: 'state_of_the_art',
      availabilityLoss: 'permanent',
      dataCategories: ['special'],
    });
    expect(risk.dimensions.map((d) => [d.dimension, d.level])).toEqual([
      ['confidentiality', 'unlikely'],
      ['availability', 'high'],
    ]);
    expect(risk.riskLevel).toBe('high');
  });

  it('raises "risk" to "high" when ENISA severity is very high', () => {
    const over: Partial<BreachFacts> = { dataCategories: ['special'], exposure: 'possible' }; // 3 + 1 = 4 points; ENISA 4 x 1 = 4
    const risk = evaluate(over);
    expect(risk.riskLevel).toBe('high');
    expect(risk.escalatedByEnisa).toBe(true);
    expect(risk.reasons.map((r) => r.code)).toContain('RISK.ENISA_VERY_HIGH');
    expect(evaluate({ ...over, identifiability: 'significant' }).riskLevel).toBe('risk'); // ENISA 3: high, not very high
  });

  // Encryption cures confidentiality only (Art. 34(3)(a); EDPB 01/2021 para. 21, Case 01): when
  // the "risk" comes from altered or unavailable data, unintelligibility does not stop ENISA.
  it.each<[string, Partial<BreachFacts>]>([
    ['temporary outage, no backup, malicious attack', { breachTypes: ['confidentiality', 'availability'], availabilityLoss: 'temporary', backupAvailable: false, malicious: true }],
    ['irrecoverable alteration', { breachTypes: ['confidentiality', 'integrity'], integrityLoss: 'irrecoverable' }],
    ['48 h outage, confidentiality not even assessed', { breachTypes: ['availability'], exfiltration: 'ruled_out', availabilityLoss: 'temporary', unavailableHours: 48 }],
  ])('lets ENISA raise a risk from lost or altered data even when the data were unintelligible: %s', (_label, over) => {
    const encrypted = evaluate({ ...over, dataCategories: ['special'], protection: 'state_of_the_art' });
    expect([encrypted.riskLevel, encrypted.escalatedByEnisa]).toEqual(['high', true]);
    expect(encrypted.reasons.map((r) => r.code)).toContain('RISK.ENISA_VERY_HIGH');
    expect(encrypted.reasons.map((r) => r.code)).not.toContain('RISK.ENISA_NOT_RELIED_ON');
    expect(encrypted.riskLevel).toBe(evaluate({ ...over, dataCategories: ['special'], protection: 'none' }).riskLevel);
  });

  // A confirmed deletion mitigates only a confidentiality risk, and only where someone received the data.
  it.each<[string, Partial<BreachFacts>]>([
    ['a trusted recipient deleted, the risk comes from a 48 h outage', { breachTypes: ['confidentiality', 'availability'], exposure: 'trusted_recipient', exfiltration: 'confirmed', availabilityLoss: 'temporary', unavailableHours: 48 }],
    ['identified recipients deleted, a 48 h outage is a risk of its own', { breachTypes: ['confidentiality', 'availability'], exposure: 'known_recipients', availabilityLoss: 'temporary', unavailableHours: 48 }],
    ['no recipient, the risk comes from an irrecoverable alteration', { breachTypes: ['integrity'], exposure: 'possible', exfiltration: 'ruled_out', integrityLoss: 'irrecoverable' }],
    ['no recipient at all, nothing disclosed', { breachTypes: ['integrity'], exposure: 'none', exfiltration: 'ruled_out', integrityLoss: 'irrecoverable' }],
  ])('a deletion confirmation does not stop ENISA where it does not drive the level: %s', (_label, over) => {
    const risk = evaluate({ ...over, dataCategories: ['special'], recipientDeletionConfirmed: true });
    expect([risk.riskLevel, risk.escalatedByEnisa]).toEqual(['high', true]);
    expect(risk.reasons.map((r) => r.code)).not.toContain('RISK.ENISA_NOT_RELIED_ON');
  });

  it('does not let ENISA raise the level when identified recipients confirmed deletion', () => {
    const over: Partial<BreachFacts> = { dataCategories: ['special'], exposure: 'known_recipients', recipientDeletionConfirmed: true };
    const risk = evaluate(over); // 3 + 2 - 3 = 2 points; ENISA 4.25
    expect([risk.riskLevel, risk.escalatedByEnisa]).toEqual(['risk', false]);
    expect(risk.reasons.map((r) => r.code)).toContain('RISK.ENISA_NOT_RELIED_ON');
    expect(evaluate({ ...over, recipientDeletionConfirmed: false }).riskLevel).toBe('high');
  });

  it('never lets ENISA lower the level', () => {
    const risk = evaluate({ exposure: 'public', malicious: true, subjectsCount: 20_000, identifiability: 'significant' });
    expect(enisaSeverity(facts({ exposure: 'public', malicious: true, identifiability: 'significant' })).band).toBe('low');
    expect(risk.riskLevel).toBe('high');
  });
});

describe('borderline: one point below a line that adds a duty', () => {
  it.each<[string, Partial<BreachFacts>, RiskLevel, boolean]>([
    ['1 point: one more makes it notifiable', { exposure: 'possible', identifiability: 'limited' }, 'unlikely', true],
    ['0 points', { exposure: 'possible', identifiability: 'negligible' }, 'unlikely', false],
    ['2 points: already notifiable', { exposure: 'possible' }, 'risk', false],
    ['3 points', { exposure: 'known_recipients' }, 'risk', false],
    ['4 points: one more makes it high', { exposure: 'public' }, 'risk', true],
    ['5 points: already high', { exposure: 'public', malicious: true }, 'high', false],
    ['settled by a fact', { protection: 'state_of_the_art', exposure: 'public' }, 'unlikely', false],
    ['raised by ENISA', { dataCategories: ['special'], exposure: 'possible' }, 'high', false],
  ])('%s', (_label, over, level, borderline) => {
    const risk = evaluate(over);
    expect([risk.riskLevel, risk.borderline]).toEqual([level, borderline]);
    expect(risk.reasons.some((r) => r.code === 'RISK.BORDERLINE')).toBe(borderline);
  });
});
