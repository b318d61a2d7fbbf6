import { boardRows, formatDeadline, rungOf, timeLeftText } from './board.js';

const now = new Date('2026-11-23T12:00:00Z');
const at = (hours: number) => new Date(now.getTime() + hours * 3600_000);

describe('board', () => {
  it.each([
    [48, 'calm'],
    [24.01, 'calm'],
    [24, 'day'],
    [6.01, 'day'],
    [6, 'hours'],
    [0.001, 'hours'],
    [0, 'overdue'],
    [-5, 'overdue'],
  ])('a deadline %s h away is %s', (hours, rung) => {
    expect(rungOf(at(hours), now)).toBe(rung);
  });

  it.each([
    [at(50 + 1 / 60), '2d 02:01:00'],
    [new Date(now.getTime() + 5_000), '00:00:05'],
    [at(-26), 'overdue 1d 02:00:00'],
  ])('shows the time left to %s as %s', (due, text) => {
    expect(timeLeftText(due, now)).toBe(text);
  });

  it('shows the deadline in the organisation\'s zone and in UTC', () => {
    const [row] = boardRows(
      [{ obligationId: 'o', label: 'Notify', recipient: 'authority', dueAt: new Date('2026-11-25T10:00:00Z'), incidentId: 'i', reference: 'BR-2026-0001', title: 'T', organisationName: 'Netox Oy', timeZone: 'Europe/Helsinki' }],
      now,
    );
    expect(row).toMatchObject({ dueLocal: 'Wed 25 Nov 12:00 UTC+02:00', dueUtc: 'Wed 25 Nov 10:00 UTC', dueIso: '2026-11-25T10:00:00Z', rung: 'calm', timeLeft: '1d 22:00:00' });
  });

  it.each([
    ['Europe/Lisbon', 'Wed 25 Nov 10:00 UTC+00:00'],
    ['America/St_Johns', 'Wed 25 Nov 06:30 UTC-03:30'],
    ['Europe/Helsinki', 'Wed 25 Nov 12:00 UTC+02:00'],
    ['UTC', 'Wed 25 Nov 10:00 UTC'],
  ])('formats a deadline in %s as %s', (zone, text) => {
    expect(formatDeadline(new Date('2026-11-25T10:00:00Z'), zone)).toBe(text);
  });

  it('follows summer time', () => {
    expect(formatDeadline(new Date('2026-07-01T10:00:00Z'), 'Europe/Helsinki')).toBe('Wed 1 Jul 13:00 UTC+03:00');
  });
});
