/**
 * Confidentiality: how sensitive the data are and how likely their misuse is, given who
 * may hold them. Facts that make the data unreadable, unreached or deleted by a trusted
 * holder settle it as "unlikely" (EDPB 01/2021 Cases 01, 10; Case 09, unverified: it is
 * not in shared/reference/).
 */
import { addFactor, contained, scored, type DimensionAssessment, type SharedFactors, type Term } from './risk-factors.js';
import {
  ACCOUNT_TAKEOVER_POINTS,
  EXFILTRATION_LIKELIHOOD_FLOOR,
  EXPOSURE_LIKELIHOOD,
  IDENTIFIABILITY_POINTS,
  MALICIOUS_POINTS,
  RECIPIENTS_DELETED_POINTS,
} from './risk-rules.js';
import { SOURCES } from './sources.js';
import { EXPOSURES, type AssessmentReason, type BreachFacts, type Exposure } from './types.js';

const EXPOSURE_TEXT: Readonly<Record<Exposure, string>> = {
  none: 'No onward disclosure is known',
  possible: 'The data were on a lost or stolen medium or openly reachable, with no evidence of access',
  trusted_recipient: 'The data reached a trusted recipient who has not confirmed deletion',
  known_recipients: 'The data reached identified recipients',
  unknown_recipients: 'The data reached an unknown number of recipients',
  public: 'The data were made public',
};

const atMost = (exposure: Exposure, limit: Exposure) => EXPOSURES.indexOf(exposure) <= EXPOSURES.indexOf(limit);

export function confidentiality(facts: BreachFacts, shared: SharedFactors): DimensionAssessment | undefined {
  const ticked = facts.breachTypes.includes('confidentiality');
  if (!ticked && facts.exfiltration === 'ruled_out') return undefined;
  const reasons: AssessmentReason[] = [];
  if (!ticked) {
    reasons.push({
      code: 'RISK.CONFIDENTIALITY_INFERRED',
      text: `Exfiltration is ${facts.exfiltration === 'confirmed' ? 'confirmed' : 'not ruled out'}, so the breach is also assessed as a confidentiality breach.`,
      source: SOURCES.exfiltrationNotRuledOut,
    });
  }
  if (facts.protection === 'state_of_the_art') {
    return contained('confidentiality', reasons, {
      code: 'RISK.DATA_UNINTELLIGIBLE',
      text: 'The data were encrypted or hashed to the state of the art and the key or salt was not compromised: whoever obtained them cannot read them.',
      source: SOURCES.unintelligible,
    });
  }
  if (facts.exfiltration === 'ruled_out' && atMost(facts.exposure, 'possible')) {
    return contained('confidentiality', reasons, {
      code: 'RISK.NO_ACCESS',
      text: 'Exfiltration is ruled out and the data reached no one, so nobody could read them.',
      source: SOURCES.noAccess,
    });
  }
  // A recipient's promise is worth something only from someone who meant no harm. It also
  // settles exposure `none` and `possible`: a confirmation relied on for a wider exposure
  // (trusted or identified recipients) must count for a narrower one, or widening the
  // exposure would lower the level. There the one who confirmed is whoever had access.
  const deletionRelied = facts.recipientDeletionConfirmed && !facts.malicious;
  if (deletionRelied && atMost(facts.exposure, 'trusted_recipient')) {
    return contained('confidentiality', reasons, {
      code: 'RISK.TRUSTED_RECIPIENT_DELETED',
      text:
        facts.exposure === 'trusted_recipient'
          ? 'The data reached only a trusted recipient, with no malicious intent, who confirmed deletion.'
          : `No onward disclosure is known${facts.exfiltration === 'confirmed' ? ' although the data were copied' : ''}, and whoever had access, with no malicious intent, confirmed deletion.`,
      source: SOURCES.trustedRecipient,
    });
  }

  const terms: Term[] = [];
  addFactor(terms, reasons, 'sensitivity', shared.sensitivity);
  let likelihood = EXPOSURE_LIKELIHOOD[facts.exposure];
  let deletion = 0;
  if (deletionRelied && facts.exposure === 'known_recipients') {
    deletion = RECIPIENTS_DELETED_POINTS;
    reasons.push({
      code: 'RISK.RECIPIENTS_DELETED',
      text: 'Every recipient is identified, none acted maliciously and all confirmed deletion: further misuse is unlikely; what remains is that they read the data.',
      source: SOURCES.recipientsDeleted,
    });
  } else {
    reasons.push({ code: 'RISK.EXPOSURE', text: `${EXPOSURE_TEXT[facts.exposure]} (likelihood ${likelihood}).`, source: SOURCES.exposure });
    if (facts.recipientDeletionConfirmed) {
      reasons.push({
        code: 'RISK.DELETION_NOT_RELIED_ON',
        text: facts.malicious
          ? 'A confirmation of deletion is not relied on where the breach was malicious.'
          : 'A confirmation of deletion cannot cover recipients who are not identified.',
        source: SOURCES.recipientsDeleted,
      });
    }
    const floor = EXFILTRATION_LIKELIHOOD_FLOOR[facts.exfiltration];
    if (floor > likelihood) {
      likelihood = floor;
      reasons.push({
        code: 'RISK.EXFILTRATION',
        text: `Exfiltration is ${facts.exfiltration}: the data may be in someone's hands (likelihood ${floor}).`,
        source: SOURCES.exfiltration,
      });
    }
  }
  terms.push({ label: 'likelihood', points: likelihood });
  if (deletion !== 0) terms.push({ label: 'deletion confirmed', points: deletion });
  if (facts.protection === 'weak') {
    reasons.push({
      code: 'RISK.WEAK_PROTECTION',
      text: 'The protection applied is not state of the art, so it is not relied on to make the data unintelligible.',
      source: SOURCES.weakProtection,
    });
  }
  if (facts.malicious) {
    addFactor(terms, reasons, 'malicious actor', {
      points: MALICIOUS_POINTS,
      reason: { code: 'RISK.MALICIOUS', text: 'The breach was intentional: misuse of the data is its purpose.', source: SOURCES.malicious },
    });
    if (facts.integrityLoss !== 'none') {
      addFactor(terms, reasons, 'read and altered', {
        points: ACCOUNT_TAKEOVER_POINTS,
        reason: {
          code: 'RISK.ACCOUNT_TAKEOVER',
          text: 'A malicious actor both obtained and altered the data, which allows impersonation and identity theft.',
          source: SOURCES.accountTakeover,
        },
      });
    }
  }
  addFactor(terms, reasons, 'vulnerable people', shared.vulnerable);
  addFactor(terms, reasons, 'scale', shared.scale);
  const identifiability = IDENTIFIABILITY_POINTS[facts.identifiability];
  addFactor(terms, reasons, 'identifiability', {
    points: identifiability,
    reason: {
      code: 'RISK.IDENTIFIABILITY',
      text: `Identification of the people from the data is ${facts.identifiability}, which lowers the likelihood of harm.`,
      source: SOURCES.identifiability,
    },
  });
  return scored('confidentiality', terms, reasons);
}
