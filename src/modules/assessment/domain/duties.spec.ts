import { assess } from './assess.js';
import { RULES_VERSION } from './rules-version.js';
import type { AssessmentResult, BreachFacts, Exemption, SubjectCommunication } from './types.js';

// Lab results e-mailed to identified wrong recipients: 3 + 2 = 5 points, high risk.
const highRisk: BreachFacts = {
  role: 'controller',
  breachTypes: ['confidentiality'],
  dataCategories: ['special'],
  subjectsCount: 30,
  vulnerableSubjects: false,
  identifiability: 'maximum',
  exposure: 'known_recipients',
  integrityLoss: 'none',
  availabilityLoss: 'none',
  backupAvailable: true,
  malicious: false,
  exfiltration: 'confirmed',
  protection: 'none',
  recipientDeletionConfirmed: false,
  highRiskMitigated: false,
  disproportionateEffort: false,
};
// Misdirected e-mail of basic data to one trusted partner who deleted it (EDPB 01/2021 Case 09, unverified: not in shared/reference/): unlikely.
const unlikely: BreachFacts = { ...highRisk, dataCategories: ['basic'], exposure: 'trusted_recipient', recipientDeletionConfirmed: true };
// Lost paper list of first names, limited identifiability: 1 + 1 - 1 = 1 point, unlikely and borderline.
const borderlineUnlikely: BreachFacts = { ...unlikely, exposure: 'possible', recipientDeletionConfirmed: false, exfiltration: 'suspected', identifiability: 'limited' };
// Basic data to identified recipients: 3 points, a risk.
const risk: BreachFacts = { ...unlikely, exposure: 'known_recipients', recipientDeletionConfirmed: false };
// Health records lost for good, encrypted at rest: high risk from availability, not from confidentiality.
const highFromAvailability: BreachFacts = {
  ...highRisk,
  breachTypes: ['confidentiality', 'availability'],
  protection: 'state_of_the_art',
  availabilityLoss: 'permanent',
  backupAvailable: false,
};

const codes = (result: AssessmentResult) => result.reasons.map((r) => r.code);

describe('Art. 33(1): notify the authority unless unlikely to result in a risk', () => {
  it.each<[string, BreachFacts, boolean, string]>([
    ['unlikely', unlikely, false, 'DUTY.AUTHORITY_NOT_REQUIRED'],
    ['risk', risk, true, 'DUTY.NOTIFY_AUTHORITY'],
    ['high risk', highRisk, true, 'DUTY.NOTIFY_AUTHORITY'],
  ])('%s', (_label, facts, notify, code) => {
    const result = assess(facts);
    expect(result.notifyAuthority).toBe(notify);
    expect(codes(result)).toContain(code);
  });
});

describe('notify-when-in-doubt policy', () => {
  it('notifies a borderline "unlikely" with its own reason, keeping the risk level', () => {
    const withPolicy = assess(borderlineUnlikely, { notifyWhenInDoubt: true });
    expect(withPolicy.riskLevel).toBe('unlikely');
    expect(withPolicy.notifyAuthority).toBe(true);
    expect(codes(withPolicy)).toContain('DUTY.NOTIFY_WHEN_IN_DOUBT');
    expect(codes(withPolicy)).not.toContain('DUTY.AUTHORITY_NOT_REQUIRED');
  });

  it.each<[string, BreachFacts, boolean | undefined]>([
    ['a borderline "unlikely" without the policy', borderlineUnlikely, false],
    ['a borderline "unlikely" with the context omitted', borderlineUnlikely, undefined],
    ['a clear "unlikely" with the policy', unlikely, true],
  ])('does not notify %s', (_label, facts, notifyWhenInDoubt) => {
    const result = notifyWhenInDoubt === undefined ? assess(facts) : assess(facts, { notifyWhenInDoubt });
    expect(result.notifyAuthority).toBe(false);
    expect(codes(result)).not.toContain('DUTY.NOTIFY_WHEN_IN_DOUBT');
  });

  it('adds nothing where the law already requires notification', () => {
    const result = assess(risk, { notifyWhenInDoubt: true });
    expect(result.notifyAuthority).toBe(true);
    expect(codes(result)).not.toContain('DUTY.NOTIFY_WHEN_IN_DOUBT');
  });
});

describe('Art. 34: communication to the people affected and the Art. 34(3) exemptions', () => {
  it.each<[string, BreachFacts, SubjectCommunication, Exemption[], string]>([
    ['high risk: required', highRisk, 'required', [], 'DUTY.COMMUNICATE_SUBJECTS'],
    ['risk only: not required', risk, 'not_required', [], 'DUTY.SUBJECTS_NOT_REQUIRED'],
    ['(a) unintelligible data', { ...highRisk, protection: 'state_of_the_art' }, 'not_required', ['art34_3_a'], 'DUTY.EXEMPT_ART34_3_A'],
    ['(b) high risk no longer likely', { ...highRisk, highRiskMitigated: true }, 'not_required', ['art34_3_b'], 'DUTY.EXEMPT_ART34_3_B'],
    ['(c) disproportionate effort: public communication', { ...highRisk, disproportionateEffort: true }, 'public_communication', ['art34_3_c'], 'DUTY.PUBLIC_COMMUNICATION'],
    ['(b) and (c): (b) removes the duty altogether', { ...highRisk, highRiskMitigated: true, disproportionateEffort: true }, 'not_required', ['art34_3_b'], 'DUTY.EXEMPT_ART34_3_B'],
    ['(b) and (c) do not apply without high risk', { ...risk, highRiskMitigated: true, disproportionateEffort: true }, 'not_required', [], 'DUTY.SUBJECTS_NOT_REQUIRED'],
    ['(a) does not cure a high risk from lost data', highFromAvailability, 'required', [], 'DUTY.ART34_3_A_NOT_APPLICABLE'],
    ['(c) still applies to a high risk from lost data', { ...highFromAvailability, disproportionateEffort: true }, 'public_communication', ['art34_3_c'], 'DUTY.PUBLIC_COMMUNICATION'],
    ['(a) does not stop ENISA raising a risk from a 48 h outage of health data to high', { ...highRisk, breachTypes: ['confidentiality', 'availability'], protection: 'state_of_the_art', availabilityLoss: 'temporary', unavailableHours: 48 }, 'required', [], 'DUTY.ART34_3_A_NOT_APPLICABLE'],
  ])('%s', (_label, facts, communicate, exemptions, code) => {
    const result = assess(facts);
    expect(result.communicateSubjects).toBe(communicate);
    expect(result.exemptions).toEqual(exemptions);
    expect(codes(result)).toContain(code);
  });

  it('keeps the authority notification and the high risk level under (b) and (c)', () => {
    for (const facts of [{ ...highRisk, highRiskMitigated: true }, { ...highRisk, disproportionateEffort: true }]) {
      const result = assess(facts);
      expect([result.riskLevel, result.notifyAuthority]).toEqual(['high', true]);
    }
  });

  it('under (a) the breach is not notifiable either (EDPB 01/2021 Case 10)', () => {
    const result = assess({ ...highRisk, protection: 'state_of_the_art' });
    expect([result.riskLevel, result.notifyAuthority]).toEqual(['unlikely', false]);
  });
});

describe('Art. 33(2): a processor notifies its controller of every breach', () => {
  it.each<[string, BreachFacts, boolean]>([
    ['processor, unlikely breach', { ...unlikely, role: 'processor' }, true],
    ['processor, high risk', { ...highRisk, role: 'processor' }, true],
    ['controller', unlikely, false],
    ['role omitted (defaults to controller)', { ...unlikely, role: undefined }, false],
  ])('%s: notifyController %s', (_label, facts, expected) => {
    const result = assess(facts);
    expect(result.notifyController).toBe(expected);
    expect(codes(result).includes('DUTY.NOTIFY_CONTROLLER')).toBe(expected);
  });

  it('leaves the risk-based duties unchanged for a processor', () => {
    const asProcessor = assess({ ...unlikely, role: 'processor' });
    expect([asProcessor.riskLevel, asProcessor.notifyAuthority, asProcessor.communicateSubjects]).toEqual(['unlikely', false, 'not_required']);
  });
});

describe('the response follows the contract', () => {
  it.each([unlikely, borderlineUnlikely, risk, highRisk, highFromAvailability])('has exactly the contract fields (%#)', (facts) => {
    const result = assess(facts);
    expect(Object.keys(result).sort()).toEqual(
      ['communicateSubjects', 'enisa', 'exemptions', 'notifyAuthority', 'notifyController', 'reasons', 'riskLevel', 'rulesVersion'],
    );
    expect(Object.keys(result.enisa).sort()).toEqual(['band', 'cb', 'dpc', 'ei', 'flags', 'score']);
    expect(result.rulesVersion).toBe(RULES_VERSION);
    for (const reason of result.reasons) {
      expect(Object.keys(reason).sort()).toEqual(['code', 'source', 'text']);
      expect(reason.code).toMatch(/^[A-Z0-9_]+(\.[A-Z0-9_]+)+$/);
      expect(reason.text.length).toBeGreaterThan(10);
      expect(reason.source).toMatch(/GDPR|EDPB|ENISA|Organisation policy/);
    }
  });
});
