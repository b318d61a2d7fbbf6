import { filingViolations, isOnTime } from './filing.js';

const at = (iso: string) => new Date(iso);
const now = at('2026-11-23T12:00:00Z');
const base = { dueAt: at('2026-11-23T10:00:00Z'), anchorAt: at('2026-11-20T10:00:00Z'), delayReasons: undefined };

describe('filing', () => {
  it.each([
    ['exactly at the deadline', '2026-11-23T10:00:00Z', true],
    ['one second late', '2026-11-23T10:00:01Z', false],
    ['early', '2026-11-21T10:00:00Z', true],
  ])('%s is on time: %s', (_label, submitted, onTime) => {
    expect(isOnTime(at(submitted), base.dueAt)).toBe(onTime);
  });

  it.each([
    ['on time, no reasons', { submittedAt: at('2026-11-22T10:00:00Z') }, []],
    ['late with reasons', { submittedAt: at('2026-11-23T11:00:00Z'), delayReasons: 'Forensics confirmed the scope only today.' }, []],
    ['late without reasons', { submittedAt: at('2026-11-23T11:00:00Z') }, ['OBLIGATION.DELAY_REASONS_REQUIRED']],
    ['late with a blank reason', { submittedAt: at('2026-11-23T11:00:00Z'), delayReasons: '   ' }, ['OBLIGATION.DELAY_REASONS_REQUIRED']],
    ['in the future', { submittedAt: at('2026-11-23T12:05:00Z'), delayReasons: 'late because of the weekend' }, ['OBLIGATION.SUBMITTED_IN_FUTURE']],
    ['before awareness', { submittedAt: at('2026-11-20T09:59:59Z') }, ['OBLIGATION.SUBMITTED_BEFORE_ANCHOR']],
  ])('%s', (_label, patch, codes) => {
    expect(filingViolations({ ...base, ...patch }, now).map((v) => v.code)).toEqual(codes);
  });
});
