/**
 * Turns a rule row into instants for one incident: the anchor's time, the period, and the
 * due time (with a "no later than" cap where the law sets one).
 */
import { addPeriod } from './calendar.js';
import type { DeadlineRule, RulePeriod } from './deadline-rules.js';
import type { Anchor, ObligationInput, OrganisationFacts, Period } from './obligation.types.js';

/** The anchor's instant, or null while it has not happened. */
export function resolveAnchor(anchor: Anchor, input: ObligationInput): Date | null {
  switch (anchor.type) {
    case 'aware_at':
      return input.incident.awareAt;
    case 'classified_at':
      return input.incident.classifiedAt;
    case 'filed':
      return input.filedAt[anchor.kind] ?? null;
  }
}

export function resolvePeriod(period: RulePeriod, organisation: OrganisationFacts): Period {
  return 'organisationHours' in period ? { hours: organisation[period.organisationHours] } : period;
}

/** "72 hours", "1 hour", "1 calendar month". */
export function describePeriod(period: Period): string {
  if ('hours' in period) return `${period.hours} ${period.hours === 1 ? 'hour' : 'hours'}`;
  return `${period.months} calendar ${period.months === 1 ? 'month' : 'months'}`;
}

/**
 * How a cap decided the due time: `anchor_missing` (due at the cap), `within_cap` (earlier
 * of anchor + period and the cap), `after_cap` (anchor + period), or `none` (no cap).
 */
export type CapCase = 'none' | 'anchor_missing' | 'within_cap' | 'after_cap';

export interface RuleTiming {
  readonly anchorAt: Date | null;
  readonly dueAt: Date | null;
  readonly capCase: CapCase;
}

export function ruleTiming(rule: DeadlineRule, input: ObligationInput): RuleTiming {
  const timeZone = input.organisation.timeZone;
  const anchorAt = resolveAnchor(rule.anchor, input);
  const own = anchorAt === null ? null : addPeriod(anchorAt, resolvePeriod(rule.period, input.organisation), timeZone);
  if (rule.cap === undefined) return { anchorAt, dueAt: own, capCase: 'none' };
  const capAnchor = resolveAnchor(rule.cap.anchor, input);
  if (capAnchor === null) return { anchorAt, dueAt: own, capCase: 'none' };
  const cap = addPeriod(capAnchor, rule.cap.period, timeZone);
  if (anchorAt === null || own === null) return { anchorAt, dueAt: cap, capCase: 'anchor_missing' };
  if (anchorAt.getTime() <= cap.getTime()) {
    return { anchorAt, dueAt: own.getTime() <= cap.getTime() ? own : cap, capCase: 'within_cap' };
  }
  return { anchorAt, dueAt: own, capCase: 'after_cap' };
}
