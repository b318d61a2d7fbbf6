/**
 * Integrity and availability: the loss itself (how lasting), then who suffers it (how
 * sensitive the data, how vulnerable the people, how many of them).
 */
import { addFactor, contained, scored, type DimensionAssessment, type SharedFactors, type Term } from './risk-factors.js';
import {
  AVAILABILITY_POINTS,
  INTEGRITY_POINTS,
  PROMPT_RESTORE_MAX_HOURS,
  SENSITIVITY_OFFSET_INTEGRITY_AVAILABILITY,
} from './risk-rules.js';
import { SOURCES } from './sources.js';
import type { AssessmentReason, BreachFacts } from './types.js';

/** Integrity and availability share their weighting: the loss itself, then who suffers it. */
function lossTerms(base: number, shared: SharedFactors, reasons: AssessmentReason[]): Term[] {
  const terms: Term[] = [{ label: 'loss', points: base }];
  const sensitivity = shared.sensitivity.points + SENSITIVITY_OFFSET_INTEGRITY_AVAILABILITY;
  addFactor(terms, reasons, 'sensitivity', { points: sensitivity, reason: shared.sensitivity.reason });
  addFactor(terms, reasons, 'vulnerable people', shared.vulnerable);
  // Volume multiplies a lasting effect; an effect cured at once touches no one for long.
  if (base > 0) addFactor(terms, reasons, 'scale', shared.scale);
  return terms;
}

export function integrity(facts: BreachFacts, shared: SharedFactors): DimensionAssessment | undefined {
  if (!facts.breachTypes.includes('integrity') && facts.integrityLoss === 'none') return undefined;
  if (facts.integrityLoss === 'none') {
    return contained('integrity', [], {
      code: 'RISK.INTEGRITY_NO_MISUSE',
      text: 'Data were altered but no incorrect use of the altered data is identified.',
      source: SOURCES.integrityNoMisuse,
    });
  }
  const reasons: AssessmentReason[] = [];
  let base: number;
  if (facts.integrityLoss === 'recoverable' && facts.backupAvailable) {
    base = INTEGRITY_POINTS.recoverableWithBackup;
    reasons.push({ code: 'RISK.INTEGRITY_RESTORED', text: 'The altered data can be restored from a backup.', source: SOURCES.integrityRestored });
  } else {
    base = INTEGRITY_POINTS[facts.integrityLoss];
    reasons.push({
      code: 'RISK.INTEGRITY_LOSS',
      text: `Data were altered and may have been used incorrectly; the original is ${facts.integrityLoss === 'recoverable' ? 'recoverable' : 'lost'}.`,
      source: SOURCES.integrityLoss,
    });
  }
  return scored('integrity', lossTerms(base, shared, reasons), reasons);
}

export function availability(facts: BreachFacts, shared: SharedFactors): DimensionAssessment | undefined {
  if (!facts.breachTypes.includes('availability') && facts.availabilityLoss === 'none') return undefined;
  if (facts.availabilityLoss === 'none') {
    return contained('availability', [], {
      code: 'RISK.AVAILABILITY_NOT_AFFECTED',
      text: 'Access to the data was lost but the data are recoverable without difficulty (other copies exist).',
      source: SOURCES.availabilityNone,
    });
  }
  const reasons: AssessmentReason[] = [];
  const hours = facts.unavailableHours;
  let base: number;
  if (facts.availabilityLoss === 'permanent') {
    base = AVAILABILITY_POINTS.permanent;
    reasons.push({ code: 'RISK.AVAILABILITY_LOSS', text: 'The data are permanently lost or destroyed.', source: SOURCES.availabilityLoss });
  } else if ((hours !== undefined && hours <= PROMPT_RESTORE_MAX_HOURS) || (hours === undefined && facts.backupAvailable)) {
    base = AVAILABILITY_POINTS.prompt;
    reasons.push({
      code: 'RISK.AVAILABILITY_PROMPT',
      text:
        hours !== undefined
          ? `Access was restored within ${hours} hours (at most ${PROMPT_RESTORE_MAX_HOURS}).`
          : 'A backup is readily available and no longer outage is stated, so access is restored promptly.',
      source: SOURCES.availabilityPrompt,
    });
  } else {
    base = AVAILABILITY_POINTS.prolonged;
    reasons.push({
      code: 'RISK.AVAILABILITY_LOSS',
      text:
        hours !== undefined
          ? `The data were unavailable for ${hours} hours (more than ${PROMPT_RESTORE_MAX_HOURS}).`
          : 'There is no backup and the outage has no known end.',
      source: SOURCES.availabilityLoss,
    });
  }
  return scored('availability', lossTerms(base, shared, reasons), reasons);
}
