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

const PAD2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
/** 9999-12-31T23:59:59.999Z is the last instant with a four-digit year. */
const LAST_FOUR_DIGIT_YEAR_MS = 253_402_300_800_000;

/**
 * `new Date(epochMs).toISOString()` without the Date, about 3x quicker (lists write five
 * instants a row). Years 1970 to 9999 are worked out here, by days-to-civil-date arithmetic
 * (H. Hinnant's algorithm); anything else is left to the engine.
 */
export function isoInstant(epochMs: number): string {
  if (!(epochMs >= 0 && epochMs < LAST_FOUR_DIGIT_YEAR_MS && Number.isInteger(epochMs))) return new Date(epochMs).toISOString();
  const days = Math.floor(epochMs / 86_400_000);
  let rest = epochMs - days * 86_400_000;
  // Days since 0000-03-01, in 400-year eras of 146,097 days; the year starts on 1 March.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const m = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * m + 2) / 5) + 1;
  const month = m < 10 ? m + 3 : m - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return `${year}-${PAD2[month]}-${PAD2[day]}T${PAD2[hours]}:${PAD2[minutes]}:${PAD2[seconds]}.${PAD3[rest - seconds * 1000]}Z`;
}

