/**
 * Risk to the rights and freedoms of natural persons: "unlikely", "risk" or "high"
 * (GDPR Art. 33(1), Art. 34(1)). Weights live in risk-rules.ts; each breach type is scored
 * in risk-confidentiality.ts and risk-loss.ts; this file combines them.
 *
 * The burden is the controller's: "unlikely" must be demonstrable (Recital 85), so every
 * point and every containing fact yields a reason with its source.
 *
 * Borderline (for organisations that notify when in doubt): the worst breach-type score
 * sits exactly one point below a line that adds a duty, i.e. 1 point (one more makes the
 * breach notifiable, Art. 33) or 4 points (one more makes it high risk, Art. 34). Facts
 * that settle a breach type (unintelligible data, no access, trusted recipient who
 * deleted) are not borderline: the EDPB ties them to an "unlikely" outcome. Points just
 * above a line are not borderline either: there the duty already applies.
 */
import { confidentiality } from './risk-confidentiality.js';
import { LEVEL_TEXT, sharedFactors, type DimensionAssessment } from './risk-factors.js';
import { availability, integrity } from './risk-loss.js';
import { ENISA_ESCALATION_BAND, RISK_THRESHOLDS } from './risk-rules.js';
import { SOURCES } from './sources.js';
import { RISK_LEVELS, type AssessmentReason, type BreachFacts, type EnisaSeverity, type Exposure, type RiskLevel } from './types.js';

export { levelFromPoints, type DimensionAssessment } from './risk-factors.js';

export interface RiskEvaluation {
  readonly riskLevel: RiskLevel;
  readonly borderline: boolean;
  /** The ENISA band raised "risk" to "high". */
  readonly escalatedByEnisa: boolean;
  readonly dimensions: readonly DimensionAssessment[];
  readonly reasons: readonly AssessmentReason[];
}

/** Exposures where someone actually received the data, so that a deletion can be confirmed. */
const RECIPIENT_EXPOSURES: readonly Exposure[] = ['trusted_recipient', 'known_recipients'];

const worse = (a: RiskLevel, b: RiskLevel): RiskLevel => (RISK_LEVELS.indexOf(a) >= RISK_LEVELS.indexOf(b) ? a : b);

function dedupe(reasons: readonly AssessmentReason[]): AssessmentReason[] {
  const seen = new Set<string>();
  return reasons.filter((r) => {
    const key = `${r.code}\u0000${r.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function evaluateRisk(facts: BreachFacts, enisa: EnisaSeverity): RiskEvaluation {
  const shared = sharedFactors(facts, enisa);
  const dimensions = [confidentiality(facts, shared), integrity(facts, shared), availability(facts, shared)].filter(
    (d): d is DimensionAssessment => d !== undefined,
  );
  if (dimensions.length === 0) {
    // Refused at the edge (breachTypes is non-empty); if it happens, do not presume "unlikely".
    return {
      riskLevel: 'risk',
      borderline: false,
      escalatedByEnisa: false,
      dimensions,
      reasons: [{ code: 'RISK.UNDETERMINED', text: 'No breach type to assess: a risk is presumed until one is given.', source: SOURCES.borderline }],
    };
  }
  const byPoints = dimensions.reduce<RiskLevel>((level, d) => worse(level, d.level), 'unlikely');
  // ENISA's score ignores two mitigations the law weighs: unintelligible data (only a flag,
  // §3.3) and recipients (trusted or identified) who confirmed deletion. Both cure
  // confidentiality only (Art. 34(3)(a); EDPB 01/2021 para. 21, Case 01: the risk left is one
  // of availability), so they stop the raise only where confidentiality alone gives the level;
  // an integrity or availability breach at that level is raised whatever the protection.
  // Unintelligible data already settle confidentiality as "unlikely", so that blocker cannot
  // fire today; it is kept so that the rule holds if confidentiality is ever scored instead.
  const confidentialityAlone = dimensions.every((d) => d.level !== byPoints || d.dimension === 'confidentiality');
  const unintelligibleRelied = confidentialityAlone && enisa.flags.dataUnintelligible;
  const deletionRelied =
    confidentialityAlone &&
    facts.recipientDeletionConfirmed &&
    !facts.malicious &&
    RECIPIENT_EXPOSURES.includes(facts.exposure);
  const enisaWouldRaise = byPoints === 'risk' && enisa.band === ENISA_ESCALATION_BAND;
  const escalatedByEnisa = enisaWouldRaise && !unintelligibleRelied && !deletionRelied;
  const riskLevel: RiskLevel = escalatedByEnisa ? 'high' : byPoints;
  const points = dimensions.map((d) => d.points).filter((p): p is number => p !== undefined);
  const maxPoints = points.length > 0 ? Math.max(...points) : undefined;
  const belowNotification = maxPoints === RISK_THRESHOLDS.unlikelyMaxPoints;
  const belowHigh = !escalatedByEnisa && maxPoints === RISK_THRESHOLDS.highMinPoints - 1;

  const reasons = dedupe(dimensions.flatMap((d) => d.reasons));
  if (escalatedByEnisa) {
    reasons.push({
      code: 'RISK.ENISA_VERY_HIGH',
      text: `ENISA severity is very high (${enisa.score}): consequences may be significant or irreversible, so the risk is treated as high.`,
      source: SOURCES.enisaEscalation,
    });
  } else if (enisaWouldRaise) {
    reasons.push({
      code: 'RISK.ENISA_NOT_RELIED_ON',
      text: `ENISA severity is very high (${enisa.score}) but does not account for ${unintelligibleRelied ? 'the data being unintelligible' : "the recipients' confirmed deletion"}, the only breach type at this level being confidentiality, so it does not raise the level.`,
      source: SOURCES.enisaEscalation,
    });
  }
  reasons.push({
    code: 'RISK.LEVEL',
    text: `Overall: ${LEVEL_TEXT[riskLevel]}, the worst of the breach types assessed (${RISK_THRESHOLDS.unlikelyMaxPoints + 1} points or more is a risk, ${RISK_THRESHOLDS.highMinPoints} or more a high risk).`,
    source: SOURCES.riskLevel,
  });
  if (belowNotification || belowHigh) {
    reasons.push({
      code: 'RISK.BORDERLINE',
      text: belowNotification
        ? 'Borderline: one more point would make the breach notifiable to the authority.'
        : 'Borderline: one more point would make the risk high and require telling the people affected.',
      source: SOURCES.borderline,
    });
  }
  return { riskLevel, borderline: belowNotification || belowHigh, escalatedByEnisa, dimensions, reasons };
}
