import fc from 'fast-check';
import { isIanaTimeZone, isoInstant, parseInstant, yearIn } from './time.js';

describe('parseInstant', () => {
  it.each([
    ['2026-11-20T08:30:00Z', '2026-11-20T08:30:00.000Z'],
    ['2026-11-20T10:30:00+02:00', '2026-11-20T08:30:00.000Z'],
    ['2026-11-20T08:30Z', '2026-11-20T08:30:00.000Z'],
    ['2024-02-29T23:59:59.123-05:00', '2024-03-01T04:59:59.123Z'],
  ])('accepts %s', (input, expected) => {
    expect(parseInstant(input)?.toISOString()).toBe(expected);
  });

  it.each([
    ['no offset', '2026-11-20T08:30:00'],
    ['date only', '2026-11-20'],
    ['30 February', '2026-02-30T08:00:00Z'],
    ['29 February of a common year', '2025-02-29T08:00:00Z'],
    ['hour 24', '2026-11-20T24:00:00Z'],
    ['month 13', '2026-13-01T08:00:00Z'],
    ['free text', 'yesterday'],
    ['space separator', '2026-11-20 08:30:00Z'],
  ])('refuses %s', (_label, input) => {
    expect(parseInstant(input)).toBeUndefined();
  });
});

describe('isIanaTimeZone', () => {
  it.each(['Europe/Helsinki', 'Europe/Brussels', 'America/Argentina/Buenos_Aires', 'UTC'])('accepts %s', (zone) => {
    expect(isIanaTimeZone(zone)).toBe(true);
  });
  it.each(['Europe/Atlantis', 'CET+1', '', '../etc/passwd', 'Helsinki'])('refuses %s', (zone) => {
    expect(isIanaTimeZone(zone)).toBe(false);
  });
});

describe('yearIn', () => {
  it('uses the organisation time zone, not UTC, at new year', () => {
    const instant = new Date('2026-12-31T22:30:00Z');
    expect(yearIn(instant, 'UTC')).toBe(2026);
    expect(yearIn(instant, 'Europe/Helsinki')).toBe(2027);
  });

  // The zones furthest ahead of and behind UTC (+14, -12 and -11), every hour of the two days
  // around New Year and a few instants further away: the same year as the formatter says.
  it.each(['Pacific/Kiritimati', 'Etc/GMT+12', 'Pacific/Pago_Pago', 'America/St_Johns', 'Asia/Kathmandu'])('agrees with the calendar of %s around new year', (zone) => {
    const format = new Intl.DateTimeFormat('en', { timeZone: zone, year: 'numeric' });
    const instants = [];
    for (let h = -50; h <= 50; h += 1) instants.push(new Date(Date.UTC(2027, 0, 1) + h * 3_600_000 - 1));
    instants.push(new Date('2026-06-30T12:00:00Z'), new Date('2026-01-02T00:00:00Z'), new Date('2026-12-30T23:59:59.999Z'));
    for (const instant of instants) expect([instant.toISOString(), yearIn(instant, zone)]).toEqual([instant.toISOString(), Number(format.format(instant))]);
  });
});

describe('isoInstant', () => {
  it('writes exactly what Date#toISOString writes, for any instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8_640_000_000_000_000, max: 8_640_000_000_000_000 }), (ms) => isoInstant(ms) === new Date(ms).toISOString()),
      { numRuns: 20_000 },
    );
    fc.assert(fc.property(fc.integer({ min: 0, max: 253_402_300_799_999 }), (ms) => isoInstant(ms) === new Date(ms).toISOString()), { numRuns: 50_000 });
  });

  it.each([0, 1, 951_782_400_000, 951_868_799_999, 4_107_542_400_000, 253_402_300_799_999, 253_402_300_800_000, -1, -62_198_755_200_000])('at the edge %d', (ms) => {
    expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
  });

  it('leaves what is not a whole millisecond to the engine', () => {
    expect(isoInstant(1.5)).toBe(new Date(1.5).toISOString());
  });
});

