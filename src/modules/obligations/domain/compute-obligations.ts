/**
 * Every obligation that applies to an incident, from its facts, its organisation, its
 * current decision, its filings and the versioned rule rows (DESIGN.md § Deadline rules).
 * Pure: no clock is read; the due times depend only on the input.
 */
import type { Reason } from '../../../shared/domain/reason.js';
import { describePeriod, resolvePeriod, ruleTiming } from './anchors.js';
import { localDate } from './calendar.js';
import { DEADLINE_RULES, DEADLINE_RULES_VERSION, ruleInForceOn, type DeadlineRule } from './deadline-rules.js';
import { OBLIGATION_KINDS, type ObligationInput, type ObligationKind, type ObligationSpec } from './obligation.types.js';
import { APPLIES_WHEN, REQUIRED_WHEN } from './rule-predicates.js';

/** A rule table and its version; tests pass hypothetical tables (e.g. a future change of law). */
export interface DeadlineRuleTable {
  readonly version: string;
  readonly rules: readonly DeadlineRule[];
}

export const SHIPPED_RULE_TABLE: DeadlineRuleTable = { version: DEADLINE_RULES_VERSION, rules: DEADLINE_RULES };

/**
 * The rows that govern this incident, one per kind, in OBLIGATION_KINDS order: in force on
 * the local date of `awareAt` in the organisation's time zone (the law in force when
 * awareness occurred) and applicable by role and flags. When several rows of a kind qualify
 * the latest effectiveFrom wins; a tie is a broken table and throws.
 */
export function selectRules(rules: readonly DeadlineRule[], input: ObligationInput, awareAt: Date): DeadlineRule[] {
  const date = localDate(awareAt, input.organisation.timeZone);
  const byKind = new Map<ObligationKind, DeadlineRule>();
  for (const rule of rules) {
    if (!ruleInForceOn(rule, date) || !APPLIES_WHEN[rule.appliesWhen](input)) continue;
    const current = byKind.get(rule.kind);
    if (current !== undefined && current.effectiveFrom === rule.effectiveFrom) {
      throw new Error(`deadline rules ${current.id} and ${rule.id} both govern ${rule.kind} on ${date}`);
    }
    if (current === undefined || current.effectiveFrom < rule.effectiveFrom) byKind.set(rule.kind, rule);
  }
  return OBLIGATION_KINDS.flatMap((kind) => {
    const rule = byKind.get(kind);
    return rule === undefined ? [] : [rule];
  });
}

/**
 * No clock runs before awareness: an incident without `awareAt` has no obligations (GDPR
 * Art. 33(1) "after having become aware"; gdpr-rules.md AWARE-1). Obligations that do not
 * apply (by role or flags) are absent; those that apply but are not required are returned
 * with `required: false` and their reasons, so they are kept, never deleted.
 */
export function computeObligations(input: ObligationInput, table: DeadlineRuleTable = SHIPPED_RULE_TABLE): ObligationSpec[] {
  const awareAt = input.incident.awareAt;
  if (awareAt === null) return [];
  const selected = selectRules(table.rules, input, awareAt);
  return selected.map((rule): ObligationSpec => {
    const { anchorAt, dueAt } = ruleTiming(rule, input);
    const { required, reasons } = REQUIRED_WHEN[rule.requiredWhen]({ input, rule });
    return {
      kind: rule.kind,
      regime: rule.regime,
      recipient: rule.recipient,
      label: rule.label,
      anchor: rule.anchor,
      anchorAt,
      dueAt,
      required,
      reasons: [...reasons, ...awaitingFiling(rule, input, anchorAt, selected)],
      ruleId: rule.id,
      rulesVersion: table.version,
    };
  });
}

/** A later stage (NIS2 final, DORA intermediate and final) runs from the actual filing. */
function awaitingFiling(rule: DeadlineRule, input: ObligationInput, anchorAt: Date | null, selected: readonly DeadlineRule[]): Reason[] {
  if (rule.anchor.type !== 'filed' || anchorAt !== null) return [];
  const earlierKind = rule.anchor.kind;
  const earlier = selected.find((r) => r.kind === earlierKind)?.label ?? earlierKind;
  return [
    {
      code: 'OBLIGATION.AWAITS_FILING',
      text: `Due ${describePeriod(resolvePeriod(rule.period, input.organisation))} after "${earlier}" is actually filed; no due time until then.`,
      source: rule.source,
    },
  ];
}
