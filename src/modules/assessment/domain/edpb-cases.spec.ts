/**
 * The six worked cases of EDPB Guidelines 01/2021 in shared/reference/edpb-01-2021-examples.json,
 * encoded as facts by reading each case summary, with the EDPB's conclusions asserted.
 * Variants encode the same case the other way a reasonable user could, so that the
 * conclusion does not hang on one encoding.
 */
import { assess } from './assess.js';
import type { BreachFacts, RiskLevel, SubjectCommunication } from './types.js';

const caseFacts = (over: Partial<BreachFacts> & Pick<BreachFacts, 'breachTypes' | 'dataCategories'>): BreachFacts => ({
  role: 'controller',
  subjectsCount: 100,
  vulnerableSubjects: false,
  identifiability: 'maximum',
  exposure: 'none',
  integrityLoss: 'none',
  availabilityLoss: 'none',
  backupAvailable: false,
  malicious: false,
  exfiltration: 'ruled_out',
  protection: 'none',
  recipientDeletionConfirmed: false,
  highRiskMitigated: false,
  disproportionateEffort: false,
  ...over,
});

// CASE-01: ransomware; data encrypted at rest (state of the art, key safe); logs prove no
// exfiltration; a few dozen clients and employees; restored from backup within hours.
const case01 = caseFacts({
  breachTypes: ['confidentiality', 'integrity', 'availability'],
  dataCategories: ['basic'],
  subjectsCount: 40,
  integrityLoss: 'recoverable',
  availabilityLoss: 'temporary',
  unavailableHours: 4,
  backupAvailable: true,
  malicious: true,
  exfiltration: 'ruled_out',
  protection: 'state_of_the_art',
});

// CASE-08: an employee copied clients' basic contact data during his notice period and
// used it for his new business. He is one identified recipient; the count is not stated.
const case08 = caseFacts({
  breachTypes: ['confidentiality'],
  dataCategories: ['basic'],
  subjectsCount: 300,
  exposure: 'known_recipients',
  backupAvailable: true,
  malicious: true,
  exfiltration: 'confirmed',
});

// CASE-10: two encrypted, switched-off tablets stolen from a day-care centre: children's
// names, dates of birth, education data; strong passwords; backup readily available.
const case10 = caseFacts({
  breachTypes: ['confidentiality', 'availability'],
  dataCategories: ['basic'],
  subjectsCount: 40,
  vulnerableSubjects: true,
  exposure: 'possible',
  availabilityLoss: 'none',
  backupAvailable: true,
  malicious: true,
  exfiltration: 'suspected',
  protection: 'state_of_the_art',
});

// CASE-11: unencrypted, unprotected laptop stolen: names, sex, addresses, dates of birth
// of more than 100 000 customers; daily backups.
const case11 = caseFacts({
  breachTypes: ['confidentiality'],
  dataCategories: ['basic'],
  subjectsCount: 100_500,
  exposure: 'possible',
  backupAvailable: true,
  malicious: true,
  exfiltration: 'suspected',
});

// CASE-14: a public employment office e-mailed all >60 000 job seekers an attachment with
// every job seeker's name, e-mail, postal address and social security number; it asked
// the recipients to delete it, which cannot be verified.
const case14 = caseFacts({
  breachTypes: ['confidentiality'],
  dataCategories: ['basic', 'government_id'],
  subjectsCount: 60_500,
  exposure: 'known_recipients',
  exfiltration: 'confirmed',
});

// CASE-17: an impostor had a client's billing e-mail address changed and received the
// bills for a month; the change was reverted. Confidentiality and integrity, malicious.
const case17 = caseFacts({
  breachTypes: ['confidentiality', 'integrity'],
  dataCategories: ['basic', 'financial'],
  subjectsCount: 1,
  exposure: 'known_recipients',
  integrityLoss: 'recoverable',
  malicious: true,
  exfiltration: 'confirmed',
});

describe('EDPB Guidelines 01/2021 worked cases: the EDPB conclusions hold', () => {
  it.each<[string, BreachFacts, RiskLevel, boolean, SubjectCommunication]>([
    ['CASE-01 ransomware, backup, no exfiltration', case01, 'unlikely', false, 'not_required'],
    ['CASE-01 variant: integrity recorded as not misused', { ...case01, integrityLoss: 'none' }, 'unlikely', false, 'not_required'],
    ['CASE-01 variant: restoration time not stated', { ...case01, unavailableHours: undefined }, 'unlikely', false, 'not_required'],
    ['CASE-08 exfiltration of business data by an employee', case08, 'risk', true, 'not_required'],
    ['CASE-08 variant: a thousand clients', { ...case08, subjectsCount: 1_000 }, 'risk', true, 'not_required'],
    ['CASE-10 stolen encrypted tablets', case10, 'unlikely', false, 'not_required'],
    ['CASE-10 variant: loss recorded as temporary, backup at hand', { ...case10, availabilityLoss: 'temporary' }, 'unlikely', false, 'not_required'],
    ['CASE-11 stolen unencrypted laptop', case11, 'high', true, 'required'],
    ['CASE-11 variant: exactly 100 000 customers', { ...case11, subjectsCount: 100_000 }, 'high', true, 'required'],
    ['CASE-14 social security numbers mailed to all job seekers', case14, 'high', true, 'required'],
    ['CASE-14 variant: exposure counted as unknown recipients', { ...case14, exposure: 'unknown_recipients' }, 'high', true, 'required'],
    ['CASE-17 identity theft', case17, 'high', true, 'required'],
    ['CASE-17 variant: billing data recorded as basic only', { ...case17, dataCategories: ['basic'] }, 'high', true, 'required'],
  ])('%s', (_label, facts, riskLevel, notifyAuthority, communicateSubjects) => {
    const result = assess(facts);
    expect({ riskLevel: result.riskLevel, notifyAuthority: result.notifyAuthority, communicateSubjects: result.communicateSubjects }).toEqual({
      riskLevel,
      notifyAuthority,
      communicateSubjects,
    });
  });

  it.each<[string, BreachFacts, string]>([
    ['CASE-01', case01, 'RISK.DATA_UNINTELLIGIBLE'],
    ['CASE-01', case01, 'RISK.AVAILABILITY_PROMPT'],
    ['CASE-08', case08, 'RISK.MALICIOUS'],
    ['CASE-10', case10, 'RISK.DATA_UNINTELLIGIBLE'],
    ['CASE-11', case11, 'RISK.SCALE'],
    ['CASE-14', case14, 'ENISA.DPC_CATEGORY_CHOICE'],
    ['CASE-17', case17, 'RISK.ACCOUNT_TAKEOVER'],
  ])('%s is explained by %s', (_label, facts, code) => {
    expect(assess(facts).reasons.map((r) => r.code)).toContain(code);
  });
});
