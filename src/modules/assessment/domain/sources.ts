/**
 * Legal sources quoted in reasons, in one place so that a citation is corrected once.
 * Paragraph numbers and cases are given as verified where `shared/reference/` holds them
 * (gdpr-rules.md, edpb-01-2021-examples.json, enisa-severity.md). A citation the reference
 * files do not hold is kept only if we believe it right, in its own `;` segment and marked
 * "(unverified)" (the reference files' rule: an unverified field is treated as such in code
 * and docs); sources.spec.ts checks every EDPB 01/2021 citation against that list.
 * "ENISA 2013" is the ENISA severity methodology v1.0 (December 2013).
 */
export const SOURCES = {
  art33Notify: 'GDPR Art. 33(1); Recital 85',
  art33NotRequired: 'GDPR Art. 33(1), Art. 33(5); Recital 85; EDPB Guidelines 01/2021 para. 15',
  art33WhenInDoubt:
    'Organisation policy beyond GDPR Art. 33(1); EDPB Guidelines 9/2022 para. 60 (no penalty for a notification that proves unnecessary)',
  art33Processor: 'GDPR Art. 33(2); Art. 28(3)(f); EDPB Guidelines 9/2022 §I.C.1.d',
  art34Required: 'GDPR Art. 34(1)-(2); Recital 86',
  art34NotHigh: 'GDPR Art. 34(1)',
  art34a: 'GDPR Art. 34(3)(a)',
  art34aNotForAvailability: 'GDPR Art. 34(3)(a); EDPB Guidelines 9/2022 §I.C.4 and §I.D.4',
  art34b: 'GDPR Art. 34(3)(b); EDPB Guidelines 01/2021 para. 9 (risk assessed at awareness)',
  art34c: 'GDPR Art. 34(3)(c)',

  riskFactors: 'GDPR Recitals 75-76; EDPB Guidelines 9/2022, "Factors to consider when assessing risk"',
  riskLevel: 'GDPR Art. 33(1), Art. 34(1); Recitals 75-76',
  borderline: 'GDPR Art. 33(1); Recital 85 (accountability for an "unlikely" finding)',
  sensitivity:
    'GDPR Recital 75; Art. 9, Art. 10; EDPB Guidelines 9/2022, "Factors to consider when assessing risk"; ENISA 2013 Annex 1',
  identifiability: 'EDPB Guidelines 9/2022, "Factors to consider when assessing risk" (ease of identification); ENISA 2013 §3.1.2',
  vulnerable: 'GDPR Recital 75 (vulnerable natural persons, in particular children)',
  scale:
    'EDPB Guidelines 9/2022, "Factors to consider when assessing risk" (number of affected individuals); EDPB Guidelines 01/2021 §5.2 (Case 11), §6.2 (Case 14)',
  exposure: 'GDPR Recital 76 (likelihood); ENISA 2013 Annex 3 (loss of confidentiality)',
  exfiltrationNotRuledOut: 'EDPB Guidelines 01/2021 para. 16; EDPB Guidelines 01/2021 para. 19 (unverified)',
  exfiltration: 'GDPR Recital 76; EDPB Guidelines 01/2021 para. 19 (unverified)',
  malicious: 'EDPB Guidelines 01/2021 §4.1 (Case 08); ENISA 2013 §3.1.3 (malicious intent)',
  accountTakeover: 'GDPR Recital 85 (identity theft or fraud); EDPB Guidelines 01/2021 §7.1 (Case 17)',
  unintelligible: 'GDPR Art. 34(3)(a); EDPB Guidelines 01/2021 para. 20 (Case 01); EDPB Guidelines 9/2022 §I.C.4',
  weakProtection: 'GDPR Art. 34(3)(a) a contrario; EDPB Guidelines 9/2022 §I.C.4',
  noAccess: 'EDPB Guidelines 01/2021 paras. 16, 21 (Case 01); EDPB Guidelines 01/2021 para. 19 (unverified)',
  trustedRecipient: 'EDPB Guidelines 01/2021 §4.2, Case 09 (unverified)',
  recipientsDeleted:
    'EDPB Guidelines 01/2021 §6.2 (Case 14: deletion asked, not verified); EDPB Guidelines 01/2021 §4.2, Case 09 (unverified)',
  integrityNoMisuse: 'ENISA 2013 Annex 3 (loss of integrity: altered, no incorrect use identified)',
  integrityRestored:
    'EDPB Guidelines 01/2021 paras. 21, 24 (Case 01); EDPB Guidelines 01/2021 para. 23 (unverified); ENISA 2013 Annex 3 (loss of integrity)',
  integrityLoss: 'GDPR Recital 85; ENISA 2013 Annex 3 (loss of integrity)',
  availabilityNone: 'ENISA 2013 Annex 3 (loss of availability: recoverable without difficulty)',
  availabilityPrompt: 'EDPB Guidelines 01/2021 paras. 21, 22, 24 (Case 01); EDPB Guidelines 01/2021 para. 23 (unverified)',
  availabilityLoss:
    'EDPB Guidelines 01/2021 para. 24; EDPB Guidelines 01/2021 para. 23 (unverified); EDPB Guidelines 9/2022 §I.B.2; ENISA 2013 Annex 3 (loss of availability)',
  enisaEscalation: 'ENISA 2013 §3.2 (very high: "significant, or even irreversible, consequences"); GDPR Recital 76',
  enisaSeverity: 'ENISA 2013 §2.2, §3.2; EDPB Guidelines 9/2022 risk section (ENISA is one method; no legal threshold)',
  enisaDpc: 'ENISA 2013 §3.1.1 and Annex 1',
  enisaDpcCredentials: 'ENISA 2013 §3.1.1 p. 4 (credentials scored by the data behind them) and Annex 1 §A3',
  enisaDpcOverride: 'ENISA 2013 §3.1.1 p. 4 (a changed DPC must be explained)',
} as const;
