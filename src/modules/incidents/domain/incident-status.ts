import { DomainError } from '../../../shared/domain/domain-error.js';

/**
 * Incident life cycle: investigating -> confirmed -> notified -> closed, plus not_a_breach.
 *
 * - confirmed -> closed: a breach that needs no notification (risk unlikely) is still
 *   documented and closed (GDPR Art. 33(5)).
 * - notified -> not_a_breach: a notified incident may be retracted when follow-up shows no
 *   breach occurred (EDPB Guidelines 9/2022 para. 60); the record is kept.
 * - not_a_breach -> investigating: new evidence reopens the case.
 * - closed is final: a later development is a new incident that refers to this one.
 */
export const INCIDENT_STATUSES = ['investigating', 'confirmed', 'notified', 'closed', 'not_a_breach'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

const TRANSITIONS: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  investigating: ['confirmed', 'not_a_breach'],
  confirmed: ['notified', 'closed', 'not_a_breach'],
  notified: ['closed', 'not_a_breach'],
  not_a_breach: ['investigating'],
  closed: [],
};

export function allowedTransitions(from: IncidentStatus): readonly IncidentStatus[] {
  return TRANSITIONS[from];
}

export interface TransitionRequest {
  readonly from: IncidentStatus;
  readonly to: IncidentStatus;
  readonly awareAt: Date | null;
  readonly reason: string | undefined;
}

/** Throws a DomainError with a stable code when the transition is not allowed. */
export function assertTransition({ from, to, awareAt, reason }: TransitionRequest): void {
  if (!TRANSITIONS[from].includes(to)) {
    throw new DomainError(
      'INCIDENT.INVALID_TRANSITION',
      `An incident cannot go from ${from} to ${to}` +
        (TRANSITIONS[from].length ? ` (allowed: ${TRANSITIONS[from].join(', ')})` : ' (closed is final)'),
      'unprocessable',
      { from, to, allowed: TRANSITIONS[from] },
    );
  }
  // EDPB: "aware" = reasonable certainty that personal data was compromised; confirming a
  // breach without recording that moment would leave the Art. 33(1) clock without an anchor.
  if ((to === 'confirmed' || to === 'notified') && awareAt === null) {
    throw new DomainError(
      'INCIDENT.AWARE_AT_REQUIRED',
      `Set awareAt (the moment of reasonable certainty that personal data was compromised) before moving to ${to}`,
      'unprocessable',
      { field: 'awareAt' },
    );
  }
  // GDPR Art. 33(5) and Recital 85: a decision not to treat an incident as a breach must be
  // demonstrable, so it carries its reasoning.
  if (to === 'not_a_breach' && (reason === undefined || reason.trim().length < 10)) {
    throw new DomainError(
      'INCIDENT.REASON_REQUIRED',
      'Give the reasoning (at least 10 characters) for concluding that this is not a personal data breach',
      'unprocessable',
      { field: 'reason' },
    );
  }
}
