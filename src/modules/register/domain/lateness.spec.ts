import { obligationLateness, rowLateness, toHours } from './lateness.js';
import type { Lateness, ObligationSource } from './register.types.js';

const at = (iso: string) => new Date(iso);
const now = at('2026-11-23T12:00:00Z');
const due = at('2026-11-23T10:00:00Z');

type Facts = Pick<ObligationSource, 'status' | 'dueAt' | 'submittedAt' | 'onTime'>;
const filed = (submitted: string, onTime: boolean | null): Facts => ({ status: 'fulfilled', dueAt: due, submittedAt: at(submitted), onTime });
const open = (dueAt: Date | null): Facts => ({ status: 'open', dueAt, submittedAt: null, onTime: null });

describe('lateness', () => {
  it.each<[string, Facts, Lateness]>([
    ['filed before the due time', filed('2026-11-22T10:00:00Z', true), { status: 'on_time', hoursLate: null }],
    ['filed exactly at the due time', filed('2026-11-23T10:00:00Z', true), { status: 'on_time', hoursLate: null }],
    ['filed 26 h 30 min late', filed('2026-11-24T12:30:00Z', false), { status: 'late', hoursLate: 26.5 }],
    ['filed one second late', filed('2026-11-23T10:00:01Z', false), { status: 'late', hoursLate: 0 }],
    ['filed 1 h 20 min late', filed('2026-11-23T11:20:00Z', false), { status: 'late', hoursLate: 1.33 }],
    // The flag frozen at filing is what was decided then.
    ['frozen on time although the due time moved since', filed('2026-11-23T11:00:00Z', true), { status: 'on_time', hoursLate: null }],
    ['no frozen flag: the times decide', filed('2026-11-23T11:00:00Z', null), { status: 'late', hoursLate: 1 }],
    ['open and due later', open(at('2026-11-24T12:00:00Z')), { status: 'pending', hoursLate: null }],
    ['open and due right now', open(now), { status: 'pending', hoursLate: null }],
    ['open with no due time yet (anchor not filed)', open(null), { status: 'pending', hoursLate: null }],
    ['open and past due: overdue', open(due), { status: 'overdue', hoursLate: 2 }],
    ['open, 3 days 45 min past due', open(at('2026-11-20T11:15:00Z')), { status: 'overdue', hoursLate: 72.75 }],
    ['not required', { status: 'not_required', dueAt: due, submittedAt: null, onTime: null }, { status: 'not_required', hoursLate: null }],
  ])('%s', (_label, facts, expected) => {
    expect(obligationLateness(facts, now)).toEqual(expected);
  });

  it.each([
    [0, 0],
    [36_000, 0.01],
    [3_600_000, 1],
    [5_400_000, 1.5],
    [-3_600_000, -1],
  ])('%d ms is %d h', (ms, hours) => {
    expect(toHours(ms)).toBe(hours);
  });

  const l = (status: Lateness['status'], hoursLate: number | null = null): Lateness => ({ status, hoursLate });
  it.each<[string, Lateness[], ReturnType<typeof rowLateness>]>([
    ['no duties', [], { status: 'none', hoursLate: null, lateCount: 0, overdueCount: 0 }],
    ['only lapsed duties', [l('not_required')], { status: 'none', hoursLate: null, lateCount: 0, overdueCount: 0 }],
    ['all on time', [l('on_time'), l('not_required')], { status: 'on_time', hoursLate: null, lateCount: 0, overdueCount: 0 }],
    ['one pending', [l('on_time'), l('pending')], { status: 'pending', hoursLate: null, lateCount: 0, overdueCount: 0 }],
    ['the latest filing wins among late ones', [l('late', 3), l('late', 26.5), l('on_time')], { status: 'late', hoursLate: 26.5, lateCount: 2, overdueCount: 0 }],
    ['overdue beats late', [l('late', 50), l('overdue', 2)], { status: 'overdue', hoursLate: 2, lateCount: 1, overdueCount: 1 }],
  ])('row: %s', (_label, items, expected) => {
    expect(rowLateness(items)).toEqual(expected);
  });
});
