/**
 * The GDPR Art. 34(3) conditions under which the data subjects need not be told
 * individually, as the authority notification and the controller notice state them
 * (gdpr-rules.md ART34-4..6; both notices are written in English).
 */
import type { Exemption, SubjectCommunication } from '../../assessment/domain/types.js';
import type { ExemptionLine } from './document.types.js';

const LINES: Readonly<Record<Exemption, Omit<ExemptionLine, 'code'>>> = {
  art34_3_a: {
    article: 'GDPR Art. 34(3)(a)',
    text: 'Appropriate technical and organisational protection measures were applied to the personal data affected, rendering them unintelligible to any person not authorised to access them (such as encryption whose key was not compromised).',
  },
  art34_3_b: {
    article: 'GDPR Art. 34(3)(b)',
    text: 'Measures taken after the breach ensure that the high risk to the rights and freedoms of the data subjects is no longer likely to materialise.',
  },
  art34_3_c: {
    article: 'GDPR Art. 34(3)(c)',
    text: 'Telling each data subject would involve disproportionate effort: a public communication or a similar measure informs them instead, in an equally effective manner.',
  },
};

/** A DPO's replacement of the outcome (only what decides the exemptions). */
export interface OverriddenSubjects {
  readonly exemption: Exemption | null;
  readonly communicateSubjects: SubjectCommunication;
}

/**
 * The exemptions of the current decision: the engine's, unless a person replaced the outcome;
 * then the ground they named ((a) or (b)), and (c) when they chose a public communication.
 */
export function currentExemptions(engine: readonly Exemption[], override: OverriddenSubjects | null): Exemption[] {
  if (override === null) return [...engine];
  const chosen: Exemption[] = override.exemption ? [override.exemption] : [];
  if (override.communicateSubjects === 'public_communication') chosen.push('art34_3_c');
  return chosen;
}

/** Lines for the notices, in the order of Art. 34(3); unknown codes are skipped. */
export function exemptionLines(codes: readonly string[]): ExemptionLine[] {
  return (Object.keys(LINES) as Exemption[]).filter((code) => codes.includes(code)).map((code) => ({ code, ...LINES[code] }));
}
