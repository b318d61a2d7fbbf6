import { DomainError } from '../../../shared/domain/domain-error.js';

/**
 * The three moments of an incident: it happened (occurredAt, may be unknown), a first
 * signal reached us (detectedAt), and we became reasonably certain that personal data was
 * compromised (awareAt, EDPB Guidelines 9/2022; unset while investigating). The
 * Art. 33(1) clock runs from awareAt, never from occurredAt (GDPR Art. 33(1)).
 */
export interface IncidentMoments {
  readonly occurredAt: Date | null;
  readonly detectedAt: Date;
  readonly awareAt: Date | null;
  /** When the breach was contained (stopped); null: ongoing. Checked when present. */
  readonly containedAt?: Date | null;
}

export interface TimestampViolation {
  readonly field: 'occurredAt' | 'detectedAt' | 'awareAt' | 'containedAt';
  readonly code: 'IN_FUTURE' | 'BEFORE_OCCURRED' | 'BEFORE_DETECTED';
  readonly message: string;
}

/** Tolerated client clock skew for "now" (a browser a few seconds ahead is not an error). */
export const FUTURE_TOLERANCE_MS = 60_000;

export function timestampViolations(moments: IncidentMoments, now: Date): TimestampViolation[] {
  const violations: TimestampViolation[] = [];
  const latest = now.getTime() + FUTURE_TOLERANCE_MS;
  for (const field of ['occurredAt', 'detectedAt', 'awareAt', 'containedAt'] as const) {
    const value = moments[field];
    if (value && value.getTime() > latest) {
      violations.push({ field, code: 'IN_FUTURE', message: `${field} is in the future` });
    }
  }
  if (moments.occurredAt && moments.occurredAt > moments.detectedAt) {
    violations.push({
      field: 'detectedAt',
      code: 'BEFORE_OCCURRED',
      message: 'detectedAt is before occurredAt: a breach cannot be detected before it happens',
    });
  }
  if (moments.awareAt && moments.awareAt < moments.detectedAt) {
    violations.push({
      field: 'awareAt',
      code: 'BEFORE_DETECTED',
      message: 'awareAt is before detectedAt: awareness follows the first signal',
    });
  }
  // Containment may come before awareness (an attack blocked, then found to have reached
  // personal data), but not before the first signal of the incident.
  if (moments.containedAt && moments.containedAt < moments.detectedAt) {
    violations.push({
      field: 'containedAt',
      code: 'BEFORE_DETECTED',
      message: 'containedAt is before detectedAt: a breach is contained after its first signal',
    });
  }
  return violations;
}

export function assertValidTimestamps(moments: IncidentMoments, now: Date): void {
  const violations = timestampViolations(moments, now);
  if (violations.length > 0) {
    throw new DomainError(
      'INCIDENT.INVALID_TIMESTAMPS',
      violations.map((v) => v.message).join('; '),
      'unprocessable',
      { violations },
    );
  }
}

/**
 * The containment moment of a new incident, checked like the other moments (not in the
 * future, not before detectedAt); returned as given.
 */
export function validContainedAt(containedAt: Date | null, detectedAt: Date, now: Date): Date | null {
  if (containedAt === null) return null;
  const violations = timestampViolations({ occurredAt: null, detectedAt, awareAt: null, containedAt }, now).filter((v) => v.field === 'containedAt');
  if (violations.length > 0) {
    throw new DomainError('INCIDENT.INVALID_TIMESTAMPS', violations.map((v) => v.message).join('; '), 'unprocessable', { violations });
  }
  return containedAt;
}
