/**
 * Facts that contradict each other are refused (422) rather than guessed at: an
 * assessment built on them could not be defended. Only true contradictions are listed,
 * where one field asserts a loss that the breach types deny.
 *
 * Deliberately NOT contradictions (the reverse direction), because ENISA 2013 Annex 3
 * scores each of them 0 and describes real cases:
 * - `confidentiality` with exposure `none`: someone unauthorised accessed the data but
 *   nothing was disclosed onwards (e.g. an employee browsing records).
 * - `integrity` with integrityLoss `none`: "data altered but without any identified
 *   incorrect or illegal use" (records wrongly updated, original restored before use).
 * - `availability` with availabilityLoss `none`: "a copy of a file is lost but other
 *   copies are available".
 * Also accepted: exfiltration `confirmed`/`suspected` without `confidentiality` (the
 * engine then assesses confidentiality anyway, EDPB 01/2021 para. 16, and says so), and
 * `recipientDeletionConfirmed` with unknown recipients or a malicious actor (the engine
 * does not rely on it and says so).
 */
import type { AvailabilityLoss, BreachFacts, BreachType, Exposure, IntegrityLoss } from './types.js';

export interface Contradiction {
  readonly code: string;
  readonly field: keyof BreachFacts;
  readonly message: string;
}

export const CONTRADICTION_CODES = {
  exposureWithoutConfidentiality: 'ASSESSMENT.EXPOSURE_WITHOUT_CONFIDENTIALITY',
  integrityLossWithoutIntegrity: 'ASSESSMENT.INTEGRITY_LOSS_WITHOUT_INTEGRITY',
  availabilityLossWithoutAvailability: 'ASSESSMENT.AVAILABILITY_LOSS_WITHOUT_AVAILABILITY',
  unavailableHoursWithoutAvailabilityLoss: 'ASSESSMENT.UNAVAILABLE_HOURS_WITHOUT_AVAILABILITY_LOSS',
} as const;

/**
 * The contradiction rules as data, so that `rulesVersion` pins them (rules-version.ts):
 * a change here changes which facts are refused, and needs a new version.
 */
export const CONTRADICTION_RULES = {
  /**
   * Exposures that need no `confidentiality` in breachTypes. `possible` (lost medium, open
   * access without evidence of access) may accompany a pure availability breach, such as a
   * lost laptop.
   */
  exposuresWithoutConfidentiality: ['none', 'possible'] as readonly Exposure[],
  /** Integrity losses that need no `integrity` in breachTypes. */
  integrityLossesWithoutIntegrity: ['none'] as readonly IntegrityLoss[],
  /** Availability losses that need no `availability` in breachTypes. */
  availabilityLossesWithoutAvailability: ['none'] as readonly AvailabilityLoss[],
  /** The most unavailableHours that may go with availabilityLoss `none` (an outage of 0 h is none). */
  maxUnavailableHoursWithoutLoss: 0,
} as const;

type ConsistencyFacts = Pick<BreachFacts, 'breachTypes' | 'exposure' | 'integrityLoss' | 'availabilityLoss' | 'unavailableHours'>;

const lacks = (facts: ConsistencyFacts, type: BreachType) => !facts.breachTypes.includes(type);

export function findContradictions(facts: ConsistencyFacts): Contradiction[] {
  const rules = CONTRADICTION_RULES;
  const found: Contradiction[] = [];
  if (!rules.exposuresWithoutConfidentiality.includes(facts.exposure) && lacks(facts, 'confidentiality')) {
    found.push({
      code: CONTRADICTION_CODES.exposureWithoutConfidentiality,
      field: 'exposure',
      message: `exposure "${facts.exposure}" means the data were disclosed, but breachTypes does not include "confidentiality"`,
    });
  }
  if (!rules.integrityLossesWithoutIntegrity.includes(facts.integrityLoss) && lacks(facts, 'integrity')) {
    found.push({
      code: CONTRADICTION_CODES.integrityLossWithoutIntegrity,
      field: 'integrityLoss',
      message: `integrityLoss "${facts.integrityLoss}" requires "integrity" in breachTypes`,
    });
  }
  if (!rules.availabilityLossesWithoutAvailability.includes(facts.availabilityLoss) && lacks(facts, 'availability')) {
    found.push({
      code: CONTRADICTION_CODES.availabilityLossWithoutAvailability,
      field: 'availabilityLoss',
      message: `availabilityLoss "${facts.availabilityLoss}" requires "availability" in breachTypes`,
    });
  }
  if (
    facts.unavailableHours !== undefined &&
    facts.unavailableHours > rules.maxUnavailableHoursWithoutLoss &&
    facts.availabilityLoss === 'none'
  ) {
    found.push({
      code: CONTRADICTION_CODES.unavailableHoursWithoutAvailabilityLoss,
      field: 'unavailableHours',
      message: `unavailableHours ${facts.unavailableHours} says the data were unavailable, but availabilityLoss is "none"`,
    });
  }
  return found;
}
