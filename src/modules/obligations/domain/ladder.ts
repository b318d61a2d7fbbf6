/**
 * Escalation ladder (issue 4 § 3): reminders before a deadline, at it, then repeatedly while
 * overdue. Pure: `now` is an argument. Offsets are whole minutes: positive = before the
 * deadline, 0 = at it, negative = overdue.
 *
 * Each rung fires once per open obligation. The scheduler stores the planned rungs, fires the
 * pending ones as they fall due, and after firing an overdue rung asks nextOverdueRung for
 * the following one, so the endless overdue series is never planned in advance.
 */

export interface Ladder {
  /** Hours before the deadline, e.g. [48, 24, 12, 6, 1]; whole minutes, > 0, <= 30 days. */
  readonly rungsBeforeHours: readonly number[];
  /** A rung at the deadline itself. */
  readonly atDeadline: boolean;
  /** Interval of overdue reminders (hours, >= 1, <= 30 days, whole minutes). */
  readonly overdueEveryHours: number;
}

export const DEFAULT_LADDER: Ladder = Object.freeze({
  rungsBeforeHours: Object.freeze([48, 24, 12, 6, 1]),
  atDeadline: true,
  overdueEveryHours: 12,
});

export const LADDER_LIMITS = Object.freeze({
  maxRungs: 20,
  maxHours: 30 * 24,
  minOverdueEveryHours: 1,
  /** Acknowledged overdue reminders back off to at most this interval (unless the base is longer). */
  backoffCapHours: 7 * 24,
});

export interface LadderViolation {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

export type RungState = 'pending' | 'skipped';

export interface PlannedRung {
  readonly offsetMinutes: number;
  readonly dueAt: Date;
  readonly state: RungState;
  /** Fires after its own time: it was already past when planned (catch-up, not a burst). */
  readonly late: boolean;
}

const MINUTE_MS = 60_000;
const isWholeMinutes = (hours: number) => Math.abs(hours * 60 - Math.round(hours * 60)) < 1e-9;
const toMinutes = (hours: number) => Math.round(hours * 60);

/** Input checks for a ladder; empty when valid. */
export function ladderViolations(ladder: Ladder): LadderViolation[] {
  const out: LadderViolation[] = [];
  const add = (field: string, code: string, message: string) => out.push({ field, code, message });
  const rungs: readonly unknown[] = Array.isArray(ladder.rungsBeforeHours) ? ladder.rungsBeforeHours : [];
  if (!Array.isArray(ladder.rungsBeforeHours)) add('rungsBeforeHours', 'LADDER.RUNGS_NOT_A_LIST', 'rungsBeforeHours must be a list of hours');
  if (rungs.length > LADDER_LIMITS.maxRungs) {
    add('rungsBeforeHours', 'LADDER.TOO_MANY_RUNGS', `at most ${LADDER_LIMITS.maxRungs} rungs, got ${rungs.length}`);
  }
  const seen = new Set<number>();
  rungs.forEach((value, index) => {
    const field = `rungsBeforeHours[${index}]`;
    if (typeof value !== 'number' || !Number.isFinite(value)) return add(field, 'LADDER.NOT_A_NUMBER', 'must be a finite number of hours');
    if (value < 0) return add(field, 'LADDER.RUNG_NEGATIVE', `${value} h is negative; rungs count hours before the deadline`);
    if (value === 0) return add(field, 'LADDER.RUNG_ZERO', '0 h is the deadline itself: use atDeadline');
    if (!isWholeMinutes(value)) return add(field, 'LADDER.RUNG_NOT_WHOLE_MINUTES', `${value} h is not a whole number of minutes`);
    if (value > LADDER_LIMITS.maxHours) return add(field, 'LADDER.RUNG_TOO_FAR', `${value} h is more than ${LADDER_LIMITS.maxHours} h (30 days)`);
    const minutes = toMinutes(value);
    if (seen.has(minutes)) return add(field, 'LADDER.RUNG_DUPLICATE', `${value} h appears more than once`);
    seen.add(minutes);
  });
  if (typeof ladder.atDeadline !== 'boolean') add('atDeadline', 'LADDER.NOT_A_BOOLEAN', 'atDeadline must be true or false');
  const every: unknown = ladder.overdueEveryHours;
  if (typeof every !== 'number' || !Number.isFinite(every)) {
    add('overdueEveryHours', 'LADDER.NOT_A_NUMBER', 'must be a finite number of hours');
  } else if (every < LADDER_LIMITS.minOverdueEveryHours) {
    add('overdueEveryHours', 'LADDER.OVERDUE_TOO_FREQUENT', `overdue reminders at most every ${LADDER_LIMITS.minOverdueEveryHours} h, got ${every} h`);
  } else if (!isWholeMinutes(every)) {
    add('overdueEveryHours', 'LADDER.OVERDUE_NOT_WHOLE_MINUTES', `${every} h is not a whole number of minutes`);
  } else if (every > LADDER_LIMITS.maxHours) {
    add('overdueEveryHours', 'LADDER.OVERDUE_TOO_FAR', `${every} h is more than ${LADDER_LIMITS.maxHours} h (30 days)`);
  }
  return out;
}

function assertValid(ladder: Ladder): void {
  const violations = ladderViolations(ladder);
  if (violations.length > 0) throw new RangeError(`invalid ladder: ${violations.map((v) => `${v.field} ${v.code}`).join(', ')}`);
}

const at = (dueAt: Date, offsetMinutes: number) => new Date(dueAt.getTime() - offsetMinutes * MINUTE_MS);

/**
 * The rungs of one deadline, in time order: every pre-deadline rung, the at-deadline rung
 * (if enabled) and one overdue rung (the first slot, or the latest overdue slot already past).
 *
 * Rungs whose time is at or before `now` have passed: all are `skipped` except the latest,
 * which is `pending` and `late` if its time is before `now` (it fires at once; an incident
 * recorded late gets one alert, not a burst). Earlier overdue slots are not listed.
 */
export function planRungs(dueAt: Date, ladder: Ladder, now: Date): PlannedRung[] {
  assertValid(ladder);
  const offsets = [...new Set(ladder.rungsBeforeHours.map(toMinutes))].sort((a, b) => b - a);
  if (ladder.atDeadline) offsets.push(0);
  const every = toMinutes(ladder.overdueEveryHours);
  const overdueMinutes = (now.getTime() - dueAt.getTime()) / MINUTE_MS;
  offsets.push(-every * Math.max(1, Math.floor(overdueMinutes / every)));
  const passed = offsets.filter((offset) => at(dueAt, offset).getTime() <= now.getTime());
  const latestPassed = passed.at(-1);
  return offsets.map((offset): PlannedRung => {
    const time = at(dueAt, offset);
    if (time.getTime() > now.getTime()) return { offsetMinutes: offset, dueAt: time, state: 'pending', late: false };
    if (offset === latestPassed) return { offsetMinutes: offset, dueAt: time, state: 'pending', late: time.getTime() < now.getTime() };
    return { offsetMinutes: offset, dueAt: time, state: 'skipped', late: false };
  });
}

/**
 * Minutes between overdue reminders. Backoff rule: while the latest reminder is not
 * acknowledged, the ladder's interval (nobody has taken it: keep nagging at full rate).
 * Once acknowledged, the interval doubles per acknowledgement (base x 2^acknowledgedCount),
 * capped at 7 days, or at the base interval if that is longer. It never stops: the deadline
 * is still missed until the obligation is filed.
 */
export function overdueIntervalMinutes(ladder: Ladder, acknowledged: boolean, acknowledgedCount: number): number {
  const base = toMinutes(ladder.overdueEveryHours);
  if (!acknowledged) return base;
  const doublings = Math.min(Math.max(1, Math.floor(acknowledgedCount)), 30);
  const cap = Math.max(base, LADDER_LIMITS.backoffCapHours * 60);
  return Math.min(base * 2 ** doublings, cap);
}

/**
 * The overdue reminder after the one at `lastFiredOffsetMinutes` (a pre-deadline or
 * at-deadline rung counts as offset 0: the first reminder is one interval after the
 * deadline). With `now` (optional), slots already past are collapsed into the latest one,
 * marked late, so a scheduler that was down does not fire a burst. Null for a ladder
 * without a valid overdue interval.
 */
export function nextOverdueRung(
  dueAt: Date,
  lastFiredOffsetMinutes: number,
  ladder: Ladder,
  acknowledged: boolean,
  acknowledgedCount: number,
  now?: Date,
): PlannedRung | null {
  const hours = ladder.overdueEveryHours;
  if (!Number.isFinite(hours) || hours < LADDER_LIMITS.minOverdueEveryHours || !isWholeMinutes(hours)) return null;
  const step = overdueIntervalMinutes(ladder, acknowledged, acknowledgedCount);
  const from = Math.min(0, Math.round(lastFiredOffsetMinutes));
  let steps = 1;
  if (now !== undefined) {
    const sinceLast = (now.getTime() - at(dueAt, from).getTime()) / MINUTE_MS;
    steps = Math.max(1, Math.floor(sinceLast / step));
  }
  const offset = from - steps * step;
  const time = at(dueAt, offset);
  return { offsetMinutes: offset, dueAt: time, state: 'pending', late: now !== undefined && time.getTime() < now.getTime() };
}

/** "48 h before", "1 h 30 min before", "at the deadline", "12 h overdue". */
export function rungLabel(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'at the deadline';
  const total = Math.abs(offsetMinutes);
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  const span = [hours > 0 ? `${hours} h` : '', minutes > 0 ? `${minutes} min` : ''].filter(Boolean).join(' ');
  return offsetMinutes > 0 ? `${span} before` : `${span} overdue`;
}
