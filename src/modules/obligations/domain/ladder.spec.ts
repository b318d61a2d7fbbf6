import {
  DEFAULT_LADDER,
  ladderViolations,
  nextOverdueRung,
  overdueIntervalMinutes,
  planRungs,
  rungLabel,
  type Ladder,
  type PlannedRung,
} from './ladder.js';

const DUE = new Date('2026-05-07T08:00:00Z');
const H = 3_600_000;
const before = (hours: number) => new Date(DUE.getTime() - hours * H);
const after = (hours: number) => new Date(DUE.getTime() + hours * H);
const brief = (rungs: PlannedRung[]) => rungs.map((r) => `${r.offsetMinutes}:${r.state}${r.late ? ':late' : ''}`);
const ladder = (o: Partial<Ladder>): Ladder => ({ ...DEFAULT_LADDER, ...o });

describe('DEFAULT_LADDER', () => {
  it('is 48, 24, 12, 6 and 1 h before, at the deadline, then every 12 h', () => {
    expect(DEFAULT_LADDER).toEqual({ rungsBeforeHours: [48, 24, 12, 6, 1], atDeadline: true, overdueEveryHours: 12 });
    expect(ladderViolations(DEFAULT_LADDER)).toEqual([]);
  });

  it('plans every rung, the deadline and the first overdue reminder when planned early', () => {
    const rungs = planRungs(DUE, DEFAULT_LADDER, before(72));
    expect(brief(rungs)).toEqual(['2880:pending', '1440:pending', '720:pending', '360:pending', '60:pending', '0:pending', '-720:pending']);
    expect(rungs.map((r) => r.dueAt.toISOString())).toEqual([
      '2026-05-05T08:00:00.000Z', '2026-05-06T08:00:00.000Z', '2026-05-06T20:00:00.000Z', '2026-05-07T02:00:00.000Z',
      '2026-05-07T07:00:00.000Z', '2026-05-07T08:00:00.000Z', '2026-05-07T20:00:00.000Z',
    ]);
  });
});

describe('planRungs: a late-recorded incident fires only the latest passed rung', () => {
  it.each([
    ['10 h before: 12 h rung fires late, 48/24 skipped', before(10), ['2880:skipped', '1440:skipped', '720:pending:late', '360:pending', '60:pending', '0:pending', '-720:pending']],
    ['exactly at the 12 h rung: on time, not late', before(12), ['2880:skipped', '1440:skipped', '720:pending', '360:pending', '60:pending', '0:pending', '-720:pending']],
    ['30 min before: only the 1 h rung', before(0.5), ['2880:skipped', '1440:skipped', '720:skipped', '360:skipped', '60:pending:late', '0:pending', '-720:pending']],
    ['5 h overdue: the deadline rung, late', after(5), ['2880:skipped', '1440:skipped', '720:skipped', '360:skipped', '60:skipped', '0:pending:late', '-720:pending']],
    ['30 h overdue: the latest overdue slot (24 h), late', after(30), ['2880:skipped', '1440:skipped', '720:skipped', '360:skipped', '60:skipped', '0:skipped', '-1440:pending:late']],
    ['exactly 36 h overdue: the 36 h slot, on time', after(36), ['2880:skipped', '1440:skipped', '720:skipped', '360:skipped', '60:skipped', '0:skipped', '-2160:pending']],
  ])('%s', (_label, now, expected) => {
    const rungs = planRungs(DUE, DEFAULT_LADDER, now);
    expect(brief(rungs)).toEqual(expected);
    expect(rungs.filter((r) => r.state === 'pending' && r.dueAt.getTime() <= now.getTime())).toHaveLength(1);
  });

  it('without an at-deadline rung, falls back to the last pre-deadline rung', () => {
    expect(brief(planRungs(DUE, ladder({ atDeadline: false }), after(5)))).toEqual([
      '2880:skipped', '1440:skipped', '720:skipped', '360:skipped', '60:pending:late', '-720:pending',
    ]);
  });

  it('sorts unsorted rungs and handles an empty ladder', () => {
    expect(brief(planRungs(DUE, ladder({ rungsBeforeHours: [1, 48, 0.5] }), before(72)))).toEqual(['2880:pending', '60:pending', '30:pending', '0:pending', '-720:pending']);
    expect(brief(planRungs(DUE, ladder({ rungsBeforeHours: [], atDeadline: false, overdueEveryHours: 6 }), after(1)))).toEqual(['-360:pending']);
  });

  it('refuses an invalid ladder', () => {
    expect(() => planRungs(DUE, ladder({ rungsBeforeHours: [-1] }), before(1))).toThrow(/RUNG_NEGATIVE/);
  });
});

describe('nextOverdueRung: the overdue series and acknowledgement backoff', () => {
  it.each([
    ['after the deadline rung', 0, false, 0, -720],
    ['after a pre-deadline rung (no deadline rung)', 60, false, 0, -720],
    ['after the first overdue reminder', -720, false, 0, -1440],
    ['after the fifth', -3600, false, 0, -4320],
    ['acknowledged once: 24 h', -720, true, 1, -2160],
    ['acknowledged twice: 48 h', -720, true, 2, -3600],
    ['acknowledged three times: 96 h', -720, true, 3, -6480],
    ['acknowledged four times: capped at 7 days', -720, true, 4, -720 - 10080],
    ['acknowledged 40 times: still 7 days', -720, true, 40, -720 - 10080],
    ['not acknowledged since: back to 12 h', -720, false, 3, -1440],
  ])('%s', (_label, last, acknowledged, count, expected) => {
    const rung = nextOverdueRung(DUE, last, DEFAULT_LADDER, acknowledged, count);
    expect(rung).toEqual({ offsetMinutes: expected, dueAt: new Date(DUE.getTime() - expected * 60_000), state: 'pending', late: false });
  });

  it('never backs off below a base interval longer than 7 days', () => {
    expect(overdueIntervalMinutes(ladder({ overdueEveryHours: 240 }), true, 1)).toBe(240 * 60);
    expect(overdueIntervalMinutes(ladder({ overdueEveryHours: 240 }), false, 0)).toBe(240 * 60);
  });

  it('collapses slots missed while the scheduler was down into one late rung', () => {
    const rung = nextOverdueRung(DUE, 0, DEFAULT_LADDER, false, 0, after(50));
    expect(rung).toMatchObject({ offsetMinutes: -2880, late: true, state: 'pending' });
    expect(nextOverdueRung(DUE, 0, DEFAULT_LADDER, false, 0, after(5))).toMatchObject({ offsetMinutes: -720, late: false });
  });

  it('returns null without a valid overdue interval', () => {
    expect(nextOverdueRung(DUE, 0, ladder({ overdueEveryHours: 0.5 }), false, 0)).toBeNull();
    expect(nextOverdueRung(DUE, 0, ladder({ overdueEveryHours: Number.NaN }), false, 0)).toBeNull();
  });
});

describe('ladderViolations', () => {
  it.each<[string, Partial<Ladder>, { field: string; code: string }[]]>([
    ['a negative rung', { rungsBeforeHours: [24, -1] }, [{ field: 'rungsBeforeHours[1]', code: 'LADDER.RUNG_NEGATIVE' }]],
    ['a zero rung', { rungsBeforeHours: [0] }, [{ field: 'rungsBeforeHours[0]', code: 'LADDER.RUNG_ZERO' }]],
    ['a duplicate rung', { rungsBeforeHours: [24, 12, 24] }, [{ field: 'rungsBeforeHours[2]', code: 'LADDER.RUNG_DUPLICATE' }]],
    ['a duplicate in minutes', { rungsBeforeHours: [0.5, 0.5] }, [{ field: 'rungsBeforeHours[1]', code: 'LADDER.RUNG_DUPLICATE' }]],
    ['a rung that is not whole minutes', { rungsBeforeHours: [0.01] }, [{ field: 'rungsBeforeHours[0]', code: 'LADDER.RUNG_NOT_WHOLE_MINUTES' }]],
    ['a rung over 30 days', { rungsBeforeHours: [721] }, [{ field: 'rungsBeforeHours[0]', code: 'LADDER.RUNG_TOO_FAR' }]],
    ['a rung that is not a number', { rungsBeforeHours: [Number.NaN] }, [{ field: 'rungsBeforeHours[0]', code: 'LADDER.NOT_A_NUMBER' }]],
    ['a rung given as text', { rungsBeforeHours: ['24' as unknown as number] }, [{ field: 'rungsBeforeHours[0]', code: 'LADDER.NOT_A_NUMBER' }]],
    ['rungs that are not a list', { rungsBeforeHours: 24 as unknown as number[] }, [{ field: 'rungsBeforeHours', code: 'LADDER.RUNGS_NOT_A_LIST' }]],
    [
      'too many rungs',
      { rungsBeforeHours: Array.from({ length: 21 }, (_, i) => i + 1) },
      [{ field: 'rungsBeforeHours', code: 'LADDER.TOO_MANY_RUNGS' }],
    ],
    ['overdue more often than hourly', { overdueEveryHours: 0.5 }, [{ field: 'overdueEveryHours', code: 'LADDER.OVERDUE_TOO_FREQUENT' }]],
    ['overdue interval negative', { overdueEveryHours: -12 }, [{ field: 'overdueEveryHours', code: 'LADDER.OVERDUE_TOO_FREQUENT' }]],
    ['overdue not whole minutes', { overdueEveryHours: 1.001 }, [{ field: 'overdueEveryHours', code: 'LADDER.OVERDUE_NOT_WHOLE_MINUTES' }]],
    ['overdue over 30 days', { overdueEveryHours: 721 }, [{ field: 'overdueEveryHours', code: 'LADDER.OVERDUE_TOO_FAR' }]],
    ['overdue not a number', { overdueEveryHours: Number.POSITIVE_INFINITY }, [{ field: 'overdueEveryHours', code: 'LADDER.NOT_A_NUMBER' }]],
    ['atDeadline not a boolean', { atDeadline: 'yes' as unknown as boolean }, [{ field: 'atDeadline', code: 'LADDER.NOT_A_BOOLEAN' }]],
  ])('%s', (_label, overrides, expected) => {
    const violations = ladderViolations(ladder(overrides));
    expect(violations.map(({ field, code }) => ({ field, code }))).toEqual(expected);
    for (const v of violations) expect(v.message.length).toBeGreaterThan(5);
  });

  it.each<[string, Partial<Ladder>]>([
    ['exactly 20 rungs', { rungsBeforeHours: Array.from({ length: 20 }, (_, i) => i + 1) }],
    ['exactly 30 days', { rungsBeforeHours: [720], overdueEveryHours: 720 }],
    ['half an hour, hourly overdue', { rungsBeforeHours: [0.5], overdueEveryHours: 1 }],
    ['no rungs at all', { rungsBeforeHours: [], atDeadline: false }],
  ])('accepts %s', (_label, overrides) => {
    expect(ladderViolations(ladder(overrides))).toEqual([]);
  });
});

describe('rungLabel', () => {
  it.each([
    [2880, '48 h before'],
    [90, '1 h 30 min before'],
    [30, '30 min before'],
    [0, 'at the deadline'],
    [-720, '12 h overdue'],
  ])('%i -> %s', (offset, label) => {
    expect(rungLabel(offset)).toBe(label);
  });
});
