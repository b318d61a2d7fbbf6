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
import type { BreachFacts } from './types.js';

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

type ConsistencyFacts = Pick<BreachFacts, 'breachTypes' | 'exposure' | 'integrityLoss' | 'availabilityLoss' | 'unavailableHours'>;

export function findContradictions(facts: ConsistencyFacts): Contradiction[] {
  const found: Contradiction[] = [];
  // `possible` (lost medium, open access without evidence of access) is the one exposure
  // that may accompany a pure availability breach, such as a lost laptop.
  if (facts.exposure !== 'none' && facts.exposure !== 'possible' && !facts.breachTypes.includes('confidentiality')) {
    found.push({
      code: CONTRADICTION_CODES.exposureWithoutConfidentiality,
      field: 'exposure',
      message: `exposure "${facts.exposure}" means the data were disclosed, but breachTypes does not include "confidentiality"`,
    });
  }
  if (facts.integrityLoss !== 'none' && !facts.breachTypes.includes('integrity')) {
    found.push({
      code: CONTRADICTION_CODES.integrityLossWithoutIntegrity,
      field: 'integrityLoss',
      message: `integrityLoss "${facts.integrityLoss}" requires "integrity" in breachTypes`,
    });
  }
  if (facts.availabilityLoss !== 'none' && !facts.breachTypes.includes('availability')) {
    found.push({
      code: CONTRADICTION_CODES.availabilityLossWithoutAvailability,
      field: 'availabilityLoss',
      message: `availabilityLoss "${facts.availabilityLoss}" requires "availability" in breachTypes`,
    });
  }
  if (facts.unavailableHours !== undefined && facts.unavailableHours > 0 && facts.availabilityLoss === 'none') {
    found.push({
      code: CONTRADICTION_CODES.unavailableHoursWithoutAvailabilityLoss,
      field: 'unavailableHours',
      message: `unavailableHours ${facts.unavailableHours} says the data were unavailable, but availabilityLoss is "none"`,
    });
  }
  return found;
}
