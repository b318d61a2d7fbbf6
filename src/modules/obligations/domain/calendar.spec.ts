import { addPeriod, formatLocal, localDate } from './calendar.js';

const HEL = 'Europe/Helsinki';
const iso = (d: Date) => d.toISOString();

describe('addPeriod: hours are elapsed time (GDPR Art. 33(1), weekends included)', () => {
  it.each([
    // DST starts in Helsinki on 2026-03-29 (03:00 +02:00 -> 04:00 +03:00): 72 h stay 72 h.
    ['across the spring DST change', '2026-03-27T10:00:00+02:00', 72, HEL, '2026-03-30T08:00:00.000Z'],
    // Autumn: 2026-10-25 04:00 +03:00 -> 03:00 +02:00.
    ['across the autumn DST change', '2026-10-23T12:00:00+03:00', 72, HEL, '2026-10-26T09:00:00.000Z'],
    ['over a leap day', '2028-02-28T12:00:00Z', 72, 'UTC', '2028-03-02T12:00:00.000Z'],
    ['over a common-year February end', '2026-02-27T12:00:00Z', 72, 'UTC', '2026-03-02T12:00:00.000Z'],
    // Friday 2026-11-20 17:00 Helsinki -> Monday 17:00: the weekend is not skipped.
    ['over a weekend, never skipped', '2026-11-20T17:00:00+02:00', 72, HEL, '2026-11-23T15:00:00.000Z'],
    ['a fractional hour', '2026-01-01T00:00:00Z', 1.5, 'UTC', '2026-01-01T01:30:00.000Z'],
    ['zero hours', '2026-01-01T00:00:00Z', 0, 'UTC', '2026-01-01T00:00:00.000Z'],
  ])('%s', (_label, anchor, hours, zone, expected) => {
    expect(iso(addPeriod(new Date(anchor), { hours }, zone))).toBe(expected);
  });

  it('shows the DST deadline at 11:00 local (it was 10:00 local at awareness)', () => {
    const due = addPeriod(new Date('2026-03-27T10:00:00+02:00'), { hours: 72 }, HEL);
    expect(formatLocal(due, HEL)).toBe('2026-03-30 11:00 (Europe/Helsinki, UTC+03:00)');
  });

  it('lands on Monday 17:00 local when aware on Friday 17:00', () => {
    const due = addPeriod(new Date('2026-11-20T17:00:00+02:00'), { hours: 72 }, HEL);
    expect(formatLocal(due, HEL)).toBe('2026-11-23 17:00 (Europe/Helsinki, UTC+02:00)');
    expect(due.getUTCDay()).toBe(1);
  });
});

describe('addPeriod: months are calendar months in the organisation time zone', () => {
  it.each([
    ['31 January + 1 month, common year', '2026-01-31T12:00:00+02:00', 1, HEL, '2026-02-28T10:00:00.000Z'],
    ['31 January + 1 month, leap year', '2028-01-31T12:00:00+02:00', 1, HEL, '2028-02-29T10:00:00.000Z'],
    ['31 January + 1 month in UTC, leap year', '2028-01-31T00:00:00Z', 1, 'UTC', '2028-02-29T00:00:00.000Z'],
    ['31 March + 1 month (30 days)', '2026-03-31T09:00:00+03:00', 1, HEL, '2026-04-30T06:00:00.000Z'],
    ['15 January + 13 months', '2026-01-15T09:00:00Z', 13, 'UTC', '2027-02-15T09:00:00.000Z'],
    // Same local wall time (10:00) across the spring change: 08:00Z then 07:00Z.
    ['across spring DST keeps 10:00 local', '2026-03-15T10:00:00+02:00', 1, HEL, '2026-04-15T07:00:00.000Z'],
    ['across autumn DST keeps 10:00 local', '2026-10-15T10:00:00+03:00', 1, HEL, '2026-11-15T08:00:00.000Z'],
    // 2026-01-30T23:30Z is already 31 January 01:30 in Helsinki: the local calendar decides
    // (28 February 01:30 local), where UTC would count 30 January -> 28 February 23:30Z.
    ['uses the local date, not the UTC date', '2026-01-30T23:30:00Z', 1, HEL, '2026-02-27T23:30:00.000Z'],
    ['the same instant counted in UTC', '2026-01-30T23:30:00Z', 1, 'UTC', '2026-02-28T23:30:00.000Z'],
    // 03:30 on 2026-03-29 does not exist in Helsinki: moved forward by the gap (04:30 +03:00).
    ['a wall time in the spring gap', '2026-01-29T03:30:00+02:00', 2, HEL, '2026-03-29T01:30:00.000Z'],
    // 03:30 on 2026-10-25 exists twice: the earlier instant (+03:00) is the safer deadline.
    ['a wall time in the autumn fold', '2026-09-25T03:30:00+03:00', 1, HEL, '2026-10-25T00:30:00.000Z'],
  ])('%s', (_label, anchor, months, zone, expected) => {
    expect(iso(addPeriod(new Date(anchor), { months }, zone))).toBe(expected);
  });

  it('never extends a month deadline that falls on a weekend (Reg. 1182/71 reading UNVERIFIED)', () => {
    // 2026-02-28 is a Saturday.
    const due = addPeriod(new Date('2026-01-31T12:00:00Z'), { months: 1 }, 'UTC');
    expect(iso(due)).toBe('2026-02-28T12:00:00.000Z');
    expect(due.getUTCDay()).toBe(6);
  });
});

describe('addPeriod refuses what it cannot compute', () => {
  it.each([
    ['negative hours', { hours: -1 }, 'UTC'],
    ['infinite hours', { hours: Number.POSITIVE_INFINITY }, 'UTC'],
    ['fractional months', { months: 0.5 }, 'UTC'],
    ['negative months', { months: -1 }, 'UTC'],
    ['an unknown time zone', { months: 1 }, 'Europe/Atlantis'],
  ])('%s', (_label, period, zone) => {
    expect(() => addPeriod(new Date('2026-01-01T00:00:00Z'), period, zone)).toThrow(RangeError);
  });

  it('an invalid anchor', () => {
    expect(() => addPeriod(new Date('nope'), { hours: 1 }, 'UTC')).toThrow(RangeError);
  });
});

describe('formatLocal and localDate', () => {
  it.each([
    ['2026-03-30T08:00:00Z', HEL, '2026-03-30 11:00 (Europe/Helsinki, UTC+03:00)'],
    ['2026-01-15T08:05:00Z', HEL, '2026-01-15 10:05 (Europe/Helsinki, UTC+02:00)'],
    ['2026-01-15T08:05:00Z', 'UTC', '2026-01-15 08:05 (UTC, UTC+00:00)'],
    ['2026-07-01T12:00:00Z', 'America/New_York', '2026-07-01 08:00 (America/New_York, UTC-04:00)'],
  ])('%s in %s', (instant, zone, expected) => {
    expect(formatLocal(new Date(instant), zone)).toBe(expected);
  });

  it('gives the local calendar date', () => {
    expect(localDate(new Date('2026-12-31T22:30:00Z'), HEL)).toBe('2027-01-01');
    expect(localDate(new Date('2026-12-31T22:30:00Z'), 'UTC')).toBe('2026-12-31');
  });
});
