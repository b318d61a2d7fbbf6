/**
 * Calendar arithmetic for legal deadlines. Instants are UTC `Date`s; a period in months is
 * counted on the organisation's calendar (its IANA time zone), a period in hours is an
 * absolute duration.
 */
import { DateTime } from 'luxon';
import type { Period } from './obligation.types.js';

const HOUR_MS = 3_600_000;

/**
 * `anchor + period`.
 *
 * - Hours are elapsed time, not wall-clock time: GDPR Art. 33(1) "not later than 72 hours
 *   after having become aware" counts clock hours, weekends and holidays included
 *   (gdpr-rules.md ART33-1), so a DST change shifts the local wall time of the deadline,
 *   never its instant.
 * - Months are calendar months in `timeZone` at the same local wall time, clamped to the
 *   end of a shorter month (31 January + 1 month = 28 or 29 February), as NIS2
 *   Art. 23(4)(d) and RTS (EU) 2025/301 Art. 5(1)(c) "one month after" are read here.
 *   A local time that does not exist (spring-forward gap) moves forward by the gap; one that
 *   exists twice (autumn fold) takes the earlier instant, the safer deadline.
 * - UNVERIFIED (gdpr-rules.md ART33-1, calendar note): Reg. (EEC, Euratom) No 1182/71
 *   Art. 3(4) may extend a period "expressed otherwise than in hours" that ends on a
 *   weekend or public holiday. That reading was not checked, so no deadline is ever
 *   extended: a month-deadline on a Saturday stays on the Saturday.
 */
export function addPeriod(anchor: Date, period: Period, timeZone: string): Date {
  if (Number.isNaN(anchor.getTime())) throw new RangeError('addPeriod: invalid anchor date');
  if ('hours' in period) {
    if (!Number.isFinite(period.hours) || period.hours < 0) {
      throw new RangeError(`addPeriod: hours must be a finite number >= 0, got ${period.hours}`);
    }
    return new Date(anchor.getTime() + Math.round(period.hours * HOUR_MS));
  }
  if (!Number.isInteger(period.months) || period.months < 0) {
    throw new RangeError(`addPeriod: months must be a whole number >= 0, got ${period.months}`);
  }
  const local = inZone(anchor, timeZone);
  // Luxon's plus({ months }) keeps the wall time and clamps the day to the month's end.
  return local.plus({ months: period.months }).toJSDate();
}

/** e.g. "2026-03-30 11:00 (Europe/Helsinki, UTC+03:00)". */
export function formatLocal(instant: Date, timeZone: string): string {
  const local = inZone(instant, timeZone);
  return `${local.toFormat('yyyy-MM-dd HH:mm')} (${timeZone}, UTC${local.toFormat('ZZ')})`;
}

/** The calendar date ("YYYY-MM-DD") of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  return inZone(instant, timeZone).toFormat('yyyy-MM-dd');
}

function inZone(instant: Date, timeZone: string): DateTime {
  const local = DateTime.fromJSDate(instant, { zone: timeZone });
  if (!local.isValid) throw new RangeError(`unknown time zone or invalid date: ${timeZone} (${local.invalidReason ?? ''})`);
  return local;
}
