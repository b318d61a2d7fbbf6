/**
 * The numbers of the risk engine, as data. The law names the factors (Recitals 75-76,
 * EDPB 9/2022 "Factors to consider when assessing risk") but gives no weights; these
 * weights are our reading, calibrated on EDPB Guidelines 01/2021 and kept here so that
 * `rulesVersion` can pin them (rules-version.ts).
 *
 * Each breach type is scored separately (a breach may be all three, EDPB 01/2021
 * para. 5) as a sum of points; the overall level is the worst of the three:
 *   points <= 1: unlikely to result in a risk (no Art. 33 notification),
 *   2..4: risk (notify the authority),
 *   >= 5: high risk (also tell the people affected, Art. 34).
 * Some facts settle a breach type without points ("contained"): the EDPB ties them to
 * an "unlikely" outcome (unintelligible data, no access, trusted recipient who deleted).
 */
import type { DpcScore, Exfiltration, Exposure, Identifiability } from './types.js';

export const RISK_THRESHOLDS = { unlikelyMaxPoints: 1, highMinPoints: 5 } as const;

/**
 * Sensitivity from the ENISA DPC (so a DPO's explained DPC override carries through):
 * simple data 1; behavioural, financial and communications 2; special, criminal, government ID and
 * credentials 3 (Art. 9/10 data are "likely" high risk, gdpr-rules.md RISK-3).
 */
export const SENSITIVITY_BY_DPC: Readonly<Record<DpcScore, number>> = { 1: 1, 2: 2, 3: 2, 4: 3 };

/**
 * Losing access to, or the accuracy of, data harms people less than exposing it, so
 * integrity and availability count sensitivity one point lower (basic data: 0).
 */
export const SENSITIVITY_OFFSET_INTEGRITY_AVAILABILITY = -1;

/** Likelihood that someone misuses exposed data, widest exposure highest (never decreasing). */
export const EXPOSURE_LIKELIHOOD: Readonly<Record<Exposure, number>> = {
  none: 0,
  possible: 1,
  trusted_recipient: 1,
  known_recipients: 2,
  unknown_recipients: 3,
  public: 3,
};

/** Exfiltration sets a floor under the exposure likelihood: copied data is in someone's hands. */
export const EXFILTRATION_LIKELIHOOD_FLOOR: Readonly<Record<Exfiltration, number>> = {
  confirmed: 2,
  suspected: 1,
  ruled_out: 0,
};

/**
 * Identified recipients, none malicious, all confirmed deletion: cancels the likelihood of
 * identified recipients and one point more, so only data whose mere reading harms (special,
 * criminal, government ID, credentials) stays notifiable (EDPB 01/2021 §6.2, Case 14; §4.2,
 * Case 09, unverified: not in shared/reference/).
 */
export const RECIPIENTS_DELETED_POINTS = -3;

export const MALICIOUS_POINTS = 1;
/** Malicious actor who also altered data: impersonation (EDPB 01/2021 Case 17). */
export const ACCOUNT_TAKEOVER_POINTS = 1;
export const VULNERABLE_POINTS = 1;

/** Ease of identification lowers the confidentiality score only (it measures linkability for outsiders). */
export const IDENTIFIABILITY_POINTS: Readonly<Record<Identifiability, number>> = {
  negligible: -2,
  limited: -1,
  significant: 0,
  maximum: 0,
};

/** Number of people affected, highest tier first. A product choice: the law sets no number. */
export const SCALE_TIERS: readonly { readonly minSubjects: number; readonly points: number }[] = [
  { minSubjects: 100_000, points: 2 },
  { minSubjects: 10_000, points: 1 },
];

export const INTEGRITY_POINTS = {
  /** Original restored from a backup before use: ENISA's "altered, no incorrect use". */
  recoverableWithBackup: 0,
  recoverable: 1,
  irrecoverable: 2,
} as const;

export const AVAILABILITY_POINTS = {
  /** Restored within PROMPT_RESTORE_MAX_HOURS, or a backup is at hand and no longer outage is stated. */
  prompt: 0,
  /** Longer than PROMPT_RESTORE_MAX_HOURS, or no backup and the duration unknown. */
  prolonged: 2,
  permanent: 3,
} as const;

/** EDPB 01/2021 Case 01: restored "a few hours" after the attack with no effect on people. */
export const PROMPT_RESTORE_MAX_HOURS = 24;

/**
 * ENISA informs: a very high severity raises a "risk" to "high", unless confidentiality alone
 * gives that "risk" and ENISA ignores what mitigates it (unintelligible data, or trusted or
 * identified recipients who confirmed deletion). Those cure confidentiality only, so a "risk"
 * from altered or unavailable data is raised whatever the protection (risk.ts).
 */
export const ENISA_ESCALATION_BAND = 'very_high' as const;
