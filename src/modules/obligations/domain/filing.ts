/**
 * Filing a notice: when it counts as on time, and what a late one must carry.
 * GDPR Art. 33(1): a notification later than 72 h "shall be accompanied by reasons for the
 * delay"; DORA RTS 2025/301 Art. 5(3) likewise asks for the reasons.
 */
export interface FilingFacts {
  readonly submittedAt: Date;
  readonly dueAt: Date;
  readonly anchorAt: Date;
  readonly delayReasons: string | undefined;
}

export interface FilingViolation {
  readonly code: 'OBLIGATION.SUBMITTED_IN_FUTURE' | 'OBLIGATION.SUBMITTED_BEFORE_ANCHOR' | 'OBLIGATION.DELAY_REASONS_REQUIRED';
  readonly field: 'submittedAt' | 'delayReasons';
  readonly message: string;
}

export const FILING_CLOCK_SKEW_MS = 60_000;
export const MIN_DELAY_REASONS_LENGTH = 10;

export function isOnTime(submittedAt: Date, dueAt: Date): boolean {
  return submittedAt.getTime() <= dueAt.getTime();
}

export function filingViolations(filing: FilingFacts, now: Date): FilingViolation[] {
  const violations: FilingViolation[] = [];
  if (filing.submittedAt.getTime() > now.getTime() + FILING_CLOCK_SKEW_MS) {
    violations.push({ code: 'OBLIGATION.SUBMITTED_IN_FUTURE', field: 'submittedAt', message: 'submittedAt is in the future' });
  }
  if (filing.submittedAt.getTime() < filing.anchorAt.getTime()) {
    violations.push({
      code: 'OBLIGATION.SUBMITTED_BEFORE_ANCHOR',
      field: 'submittedAt',
      message: `submittedAt is before ${filing.anchorAt.toISOString()}, the moment this deadline counts from`,
    });
  }
  if (!isOnTime(filing.submittedAt, filing.dueAt) && (filing.delayReasons?.trim().length ?? 0) < MIN_DELAY_REASONS_LENGTH) {
    violations.push({
      code: 'OBLIGATION.DELAY_REASONS_REQUIRED',
      field: 'delayReasons',
      message: `filed after the deadline (${filing.dueAt.toISOString()}): give the reasons for the delay (GDPR Art. 33(1))`,
    });
  }
  return violations;
}
