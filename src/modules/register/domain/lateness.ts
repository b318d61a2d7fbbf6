import type { Lateness, LatenessStatus, ObligationSource, RowLateness } from './register.types.js';

const HOUR_MS = 3_600_000;

/** Milliseconds as hours, rounded to 2 decimals (36 seconds). */
export function toHours(ms: number): number {
  return Math.round(ms / (HOUR_MS / 100)) / 100;
}

type LatenessFacts = Pick<ObligationSource, 'status' | 'dueAt' | 'submittedAt' | 'onTime'>;

/**
 * Was a duty met in time? Filed after its due time: late by the difference (GDPR Art. 33(1):
 * "where the notification ... is not made within 72 hours, it shall be accompanied by reasons
 * for the delay"). Still open after it: overdue, counted to `now`. The on-time flag frozen at
 * filing wins over the times: it is what was decided when the notice was filed.
 */
export function obligationLateness(o: LatenessFacts, now: Date): Lateness {
  switch (o.status) {
    case 'not_required':
      return { status: 'not_required', hoursLate: null };
    case 'fulfilled': {
      const overByMs = o.submittedAt && o.dueAt ? o.submittedAt.getTime() - o.dueAt.getTime() : 0;
      const late = o.onTime === null ? overByMs > 0 : !o.onTime;
      return late ? { status: 'late', hoursLate: toHours(Math.max(0, overByMs)) } : { status: 'on_time', hoursLate: null };
    }
    case 'open': {
      if (o.dueAt === null || o.dueAt.getTime() >= now.getTime()) return { status: 'pending', hoursLate: null };
      return { status: 'overdue', hoursLate: toHours(now.getTime() - o.dueAt.getTime()) };
    }
  }
}

const SEVERITY: Readonly<Record<LatenessStatus, number>> = { overdue: 4, late: 3, pending: 2, on_time: 1, not_required: 0 };

/** The worst lateness over an incident's duties ("none" when none was ever required). */
export function rowLateness(items: readonly Lateness[]): RowLateness {
  const counted = items.filter((l) => l.status !== 'not_required');
  const lateCount = counted.filter((l) => l.status === 'late').length;
  const overdueCount = counted.filter((l) => l.status === 'overdue').length;
  if (counted.length === 0) return { status: 'none', hoursLate: null, lateCount, overdueCount };
  const worst = Math.max(...counted.map((l) => SEVERITY[l.status]));
  const ofWorst = counted.filter((l) => SEVERITY[l.status] === worst);
  const hours = ofWorst.map((l) => l.hoursLate).filter((h): h is number => h !== null);
  return { status: ofWorst[0].status, hoursLate: hours.length > 0 ? Math.max(...hours) : null, lateCount, overdueCount };
}
