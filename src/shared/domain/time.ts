/**
 * Time maths shared by every feature. Instants are stored and computed in UTC and shown
 * in the organisation's IANA time zone beside UTC.
 */
import { dateTimeFormat } from './intl.js';

/**
 * RFC 3339 / ISO 8601 instant with an explicit offset ("Z" or "+02:00"). A timestamp
 * without an offset is ambiguous (whose local time?) and a legal deadline cannot hang
 * on a guess, so it is refused.
 */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):(\d{2}))$/;

export function parseInstant(value: string): Date | undefined {
  const match = INSTANT.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s = '0', , , oh = '0', om = '0'] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  if (Number(oh) > 23 || Number(om) > 59) return undefined;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

let knownZones: ReadonlySet<string> | undefined;

/** True for an IANA zone name the runtime knows ("Europe/Helsinki", "UTC"). */
export function isIanaTimeZone(zone: string): boolean {
  knownZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (knownZones.has(zone)) return true;
  if (!/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    // Accepts canonical aliases such as "UTC" or "Etc/GMT+1" that supportedValuesOf omits.
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The calendar year of an instant as seen in a time zone (for BR-YYYY references). */
export function yearIn(instant: Date, timeZone: string): number {
  const year = instant.getUTCFullYear();
  const t = instant.getTime();
  // No time zone is a day or more away from UTC: a day or more from New Year, every zone is
  // in the UTC year, and the formatter (a few microseconds) is only asked near the boundary.
  if (t - Date.UTC(year, 0, 1) >= DAY_MS && Date.UTC(year + 1, 0, 1) - t > DAY_MS) return year;
  return Number(dateTimeFormat('en', { timeZone, year: 'numeric' }).format(instant));
}

const DAY_MS = 86_400_000;

export const HOUR_MS = 3_600_000;

export function addHours(instant: Date, hours: number): Date {
  return new Date(instant.getTime() + hours * HOUR_MS);
}
