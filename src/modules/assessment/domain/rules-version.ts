/**
 * `rulesVersion` identifies the rules an assessment was made under, so a stored decision
 * can be explained later. Bump it (date of the change, then a counter) whenever a rule
 * changes: rules-version.spec.ts pins a fingerprint of RULE_TABLES and of the engine's
 * behaviour on a fixed sample of facts, per version, and fails until the version moves.
 * The rules include which facts are refused as contradictory (consistency.ts): both the
 * table and a sample of findContradictions are fingerprinted.
 */
import { CONTRADICTION_CODES, CONTRADICTION_RULES } from './consistency.js';
import {
  BAND_LOWER_BOUNDS_QUARTERS,
  CB_AVAILABILITY_QUARTERS,
  CB_EXPOSURE_QUARTERS,
  CB_INTEGRITY_QUARTERS,
  CB_MALICIOUS_QUARTERS,
  DPC_BY_CATEGORY,
  EI_QUARTERS,
  ENISA_MANY_INDIVIDUALS,
} from './enisa.js';
import {
  ACCOUNT_TAKEOVER_POINTS,
  AVAILABILITY_POINTS,
  ENISA_ESCALATION_BAND,
  EXFILTRATION_LIKELIHOOD_FLOOR,
  EXPOSURE_LIKELIHOOD,
  IDENTIFIABILITY_POINTS,
  INTEGRITY_POINTS,
  MALICIOUS_POINTS,
  PROMPT_RESTORE_MAX_HOURS,
  RECIPIENTS_DELETED_POINTS,
  RISK_THRESHOLDS,
  SCALE_TIERS,
  SENSITIVITY_BY_DPC,
  SENSITIVITY_OFFSET_INTEGRITY_AVAILABILITY,
  VULNERABLE_POINTS,
} from './risk-rules.js';

export const RULES_VERSION = '2026-11-23.2';

/** Every number the engine decides with, in one object for fingerprinting. */
export const RULE_TABLES = {
  enisa: {
    dpcByCategory: DPC_BY_CATEGORY,
    eiQuarters: EI_QUARTERS,
    cbExposureQuarters: CB_EXPOSURE_QUARTERS,
    cbIntegrityQuarters: CB_INTEGRITY_QUARTERS,
    cbAvailabilityQuarters: CB_AVAILABILITY_QUARTERS,
    cbMaliciousQuarters: CB_MALICIOUS_QUARTERS,
    bandLowerBoundsQuarters: BAND_LOWER_BOUNDS_QUARTERS,
    manyIndividuals: ENISA_MANY_INDIVIDUALS,
  },
  risk: {
    thresholds: RISK_THRESHOLDS,
    sensitivityByDpc: SENSITIVITY_BY_DPC,
    sensitivityOffsetIntegrityAvailability: SENSITIVITY_OFFSET_INTEGRITY_AVAILABILITY,
    exposureLikelihood: EXPOSURE_LIKELIHOOD,
    exfiltrationLikelihoodFloor: EXFILTRATION_LIKELIHOOD_FLOOR,
    recipientsDeletedPoints: RECIPIENTS_DELETED_POINTS,
    maliciousPoints: MALICIOUS_POINTS,
    accountTakeoverPoints: ACCOUNT_TAKEOVER_POINTS,
    vulnerablePoints: VULNERABLE_POINTS,
    identifiabilityPoints: IDENTIFIABILITY_POINTS,
    scaleTiers: SCALE_TIERS,
    integrityPoints: INTEGRITY_POINTS,
    availabilityPoints: AVAILABILITY_POINTS,
    promptRestoreMaxHours: PROMPT_RESTORE_MAX_HOURS,
    enisaEscalationBand: ENISA_ESCALATION_BAND,
  },
  consistency: {
    rules: CONTRADICTION_RULES,
    codes: CONTRADICTION_CODES,
  },
} as const;
