import { dateTimeFormat, displayNames, numberFormat } from './intl.js';

describe('kept Intl formatters', () => {
  it('gives the same formatter for the same locale and options, another for other options', () => {
    const a = dateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', year: 'numeric' });
    expect(dateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', year: 'numeric' })).toBe(a);
    expect(dateTimeFormat('en-GB', { timeZone: 'UTC', year: 'numeric' })).not.toBe(a);
    expect(dateTimeFormat('fi', { timeZone: 'Europe/Helsinki', year: 'numeric' })).not.toBe(a);
    expect(numberFormat('fi')).toBe(numberFormat('fi'));
    expect(displayNames('sv', { type: 'region' })).toBe(displayNames('sv', { type: 'region' }));
  });

  it('formats as a new formatter would', () => {
    const instant = new Date('2026-12-31T22:30:00Z');
    expect(dateTimeFormat('en', { timeZone: 'Europe/Helsinki', year: 'numeric' }).format(instant)).toBe('2027');
    expect(numberFormat('fi').format(1234567.5)).toBe(new Intl.NumberFormat('fi').format(1234567.5));
    expect(displayNames('de', { type: 'region' }).of('FI')).toBe('Finnland');
  });

  it('throws for an unknown zone, as the constructor does, and keeps nothing', () => {
    expect(() => dateTimeFormat('en', { timeZone: 'Mars/Olympus_Mons' })).toThrow(RangeError);
    expect(() => dateTimeFormat('en', { timeZone: 'Mars/Olympus_Mons' })).toThrow(RangeError);
  });
});
