/**
 * Deadline rules as data (DESIGN.md § Deadline rules; law in shared/reference/gdpr-rules.md).
 *
 * One row per rule version. A change of law ships as a new row with its effectiveFrom and
 * the old row's effectiveTo; an incident uses the row in force on the local date (in the
 * organisation's time zone) of its `awareAt`, the law in force when awareness occurred.
 * When two rows of one kind are in force and apply, the later effectiveFrom wins.
 *
 * Any change to a row must bump DEADLINE_RULES_VERSION (deadline-rules.spec.ts pins a
 * SHA-256 fingerprint of the rows and of computeObligations' behaviour per version).
 *
 * Deliberately NOT implemented:
 * - NIS2 displacement by DORA for financial entities (NIS2 Art. 4(1)-(2), Recital 28;
 *   gdpr-rules.md NIS2-11 is UNVERIFIED). Both regimes apply when both flags are set; a
 *   reason (OBLIGATION.NIS2_DORA_OVERLAP) says so, and a human may waive one of them.
 * - Weekend extension of month periods (Reg. 1182/71 Art. 3(4), UNVERIFIED): see calendar.ts.
 * - DORA weekend relief to noon of the next working day (RTS 2025/301 Art. 5(4),
 *   gdpr-rules.md DORA-7, UNVERIFIED scope): no deadline is extended.
 */
import type { Anchor, ObligationKind, Period, Recipient, Regime } from './obligation.types.js';

export { APPLIES_WHEN, REQUIRED_WHEN } from './rule-predicates.js';

/** Bump (date of the change, then a counter) whenever a row or a predicate changes. */
export const DEADLINE_RULES_VERSION = '2026-11-23.1';

/** When a rule applies to an incident at all (by role and organisation flags). */
export const APPLIES_WHEN_NAMES = [
  'role_controller',
  'role_processor',
  'role_controller_uk_subjects', // controller and 'GB' in affectedCountries
  'nis2_entity',
  'nis2_entity_not_tsp',
  'nis2_trust_service_provider',
  'dora_financial_entity',
] as const;
export type AppliesWhen = (typeof APPLIES_WHEN_NAMES)[number];

/** Whether an applicable obligation is required, with its reasons. */
export const REQUIRED_WHEN_NAMES = [
  'authority_notice_not_ruled_out', // required unless the decision says notifyAuthority = false
  'subject_communication_decided', // required when the decision says required / public_communication
  'every_breach', // no risk threshold
  'significant_incident_presumed', // NIS2: significant incidents only, presumed until waived
  'major_incident_presumed', // DORA: major ICT-related incidents only, presumed until waived
] as const;
export type RequiredWhen = (typeof REQUIRED_WHEN_NAMES)[number];

/** A fixed period, or an hours target taken from the organisation's settings. */
export type RulePeriod = Period | { readonly organisationHours: 'controllerNoticeWindowHours' | 'subjectNoticeHours' };

/**
 * "And no later than": due = min(anchor + period, cap) when the anchor happens no later than
 * the cap; anchor + period when it happens after the cap; the cap itself while the anchor has
 * not happened (RTS (EU) 2025/301 Art. 5(1)(a) and 5(2)).
 */
export interface RuleCap {
  readonly anchor: Anchor;
  readonly period: Period;
}

export interface DeadlineRule {
  /** `<kind>[_variant]@<effectiveFrom>`, unique. */
  readonly id: string;
  readonly kind: ObligationKind;
  readonly regime: Regime;
  readonly recipient: Recipient;
  readonly label: string;
  readonly anchor: Anchor;
  readonly period: RulePeriod;
  readonly cap?: RuleCap;
  /** ISO date, inclusive, in the organisation's time zone. */
  readonly effectiveFrom: string;
  /** ISO date, exclusive; null while in force. */
  readonly effectiveTo: string | null;
  /** Legal citation. */
  readonly source: string;
  readonly appliesWhen: AppliesWhen;
  readonly requiredWhen: RequiredWhen;
}

const GDPR_FROM = '2018-05-25'; // GDPR Art. 99(2): applies from 25 May 2018
// UK GDPR: in force from IP completion day (31.12.2020 23:00 GMT). Before that the EU GDPR
// applied in the UK and the ICO was an EU supervisory authority.
const UK_GDPR_FROM = '2021-01-01';
// NIS2 Art. 41(1): Member States apply their measures from 18 October 2024 (analyst's
// knowledge, not in gdpr-rules.md; national transposition dates vary, NIS2-12).
const NIS2_FROM = '2024-10-18';
// DORA Art. 64: applies from 17 January 2025 (gdpr-rules.md DORA-11, V3). The entry into
// force of RTS (EU) 2025/301 itself (OJ 20.2.2025) was not checked: UNVERIFIED.
const DORA_FROM = '2025-01-17';

export const DEADLINE_RULES: readonly DeadlineRule[] = [
  {
    // GDPR Art. 33(1): 72 hours from awareness, weekends included (ART33-1, ART33-2).
    id: 'gdpr_art33_1@2018-05-25',
    kind: 'gdpr_art33_1', regime: 'gdpr', recipient: 'supervisory_authority',
    label: 'GDPR Art. 33(1): notify the supervisory authority',
    anchor: { type: 'aware_at' }, period: { hours: 72 },
    effectiveFrom: GDPR_FROM, effectiveTo: null,
    source: 'GDPR Art. 33(1); Recital 85',
    appliesWhen: 'role_controller', requiredWhen: 'authority_notice_not_ruled_out',
  },
  {
    // GDPR Art. 33(2): processor -> controller "without undue delay"; no hour limit in the
    // law, so the target is the contractual window (ART33-4). Every breach, no threshold.
    id: 'gdpr_art33_2@2018-05-25',
    kind: 'gdpr_art33_2', regime: 'gdpr', recipient: 'controller',
    label: 'GDPR Art. 33(2): notify the controller',
    anchor: { type: 'aware_at' }, period: { organisationHours: 'controllerNoticeWindowHours' },
    effectiveFrom: GDPR_FROM, effectiveTo: null,
    source: 'GDPR Art. 33(2); Art. 28(3)(f)',
    appliesWhen: 'role_processor', requiredWhen: 'every_breach',
  },
  {
    // GDPR Art. 34(1): "without undue delay" when high risk; no hour limit in the law, so
    // the target is the organisation's setting (default 72 h from awareness).
    id: 'gdpr_art34@2018-05-25',
    kind: 'gdpr_art34', regime: 'gdpr', recipient: 'data_subjects',
    label: 'GDPR Art. 34: communicate the breach to the data subjects',
    anchor: { type: 'aware_at' }, period: { organisationHours: 'subjectNoticeHours' },
    effectiveFrom: GDPR_FROM, effectiveTo: null,
    source: 'GDPR Art. 34(1)-(3); Recital 86',
    appliesWhen: 'role_controller', requiredWhen: 'subject_communication_decided',
  },
  {
    // UK GDPR Art. 33(1): the Commissioner, 72 h including weekends (UK-1, UK-2); the
    // one-stop-shop does not cover the UK, so this is in addition to Art. 33(1) (UK-4).
    id: 'uk_gdpr_art33@2021-01-01',
    kind: 'uk_gdpr_art33', regime: 'uk_gdpr', recipient: 'ico',
    label: 'UK GDPR Art. 33(1): notify the ICO',
    anchor: { type: 'aware_at' }, period: { hours: 72 },
    effectiveFrom: UK_GDPR_FROM, effectiveTo: null,
    source: 'UK GDPR Art. 33(1); ICO guidance "72 hours - how to respond"',
    appliesWhen: 'role_controller_uk_subjects', requiredWhen: 'authority_notice_not_ruled_out',
  },
  {
    // NIS2 Art. 23(4)(a): early warning within 24 hours of awareness (NIS2-3).
    id: 'nis2_early_warning@2024-10-18',
    kind: 'nis2_early_warning', regime: 'nis2', recipient: 'csirt',
    label: 'NIS2 Art. 23(4)(a): early warning to the CSIRT',
    anchor: { type: 'aware_at' }, period: { hours: 24 },
    effectiveFrom: NIS2_FROM, effectiveTo: null,
    source: 'NIS2 (Directive (EU) 2022/2555) Art. 23(4)(a)',
    appliesWhen: 'nis2_entity', requiredWhen: 'significant_incident_presumed',
  },
  {
    // NIS2 Art. 23(4)(b): 72 hours from awareness, not from the early warning (NIS2-4).
    id: 'nis2_notification@2024-10-18',
    kind: 'nis2_notification', regime: 'nis2', recipient: 'csirt',
    label: 'NIS2 Art. 23(4)(b): incident notification to the CSIRT',
    anchor: { type: 'aware_at' }, period: { hours: 72 },
    effectiveFrom: NIS2_FROM, effectiveTo: null,
    source: 'NIS2 (Directive (EU) 2022/2555) Art. 23(4)(b)',
    appliesWhen: 'nis2_entity_not_tsp', requiredWhen: 'significant_incident_presumed',
  },
  {
    // NIS2 Art. 23(4) second subparagraph: trust service providers, 24 hours (NIS2-8).
    id: 'nis2_notification_tsp@2024-10-18',
    kind: 'nis2_notification', regime: 'nis2', recipient: 'csirt',
    label: 'NIS2 Art. 23(4)(b): incident notification to the CSIRT (trust service provider, 24 h)',
    anchor: { type: 'aware_at' }, period: { hours: 24 },
    effectiveFrom: NIS2_FROM, effectiveTo: null,
    source: 'NIS2 (Directive (EU) 2022/2555) Art. 23(4), second subparagraph',
    appliesWhen: 'nis2_trust_service_provider', requiredWhen: 'significant_incident_presumed',
  },
  {
    // NIS2 Art. 23(4)(d): one month after the actual submission of the (b) notification (NIS2-6).
    id: 'nis2_final_report@2024-10-18',
    kind: 'nis2_final_report', regime: 'nis2', recipient: 'csirt',
    label: 'NIS2 Art. 23(4)(d): final report to the CSIRT',
    anchor: { type: 'filed', kind: 'nis2_notification' }, period: { months: 1 },
    effectiveFrom: NIS2_FROM, effectiveTo: null,
    source: 'NIS2 (Directive (EU) 2022/2555) Art. 23(4)(d)',
    appliesWhen: 'nis2_entity', requiredWhen: 'significant_incident_presumed',
  },
  {
    // RTS 2025/301 Art. 5(1)(a): 4 h from classification as major, no later than 24 h from
    // awareness (DORA-2); Art. 5(2): classified later -> 4 h from classification (DORA-3).
    id: 'dora_initial@2025-01-17',
    kind: 'dora_initial', regime: 'dora', recipient: 'competent_authority',
    label: 'DORA: initial notification to the competent authority',
    anchor: { type: 'classified_at' }, period: { hours: 4 },
    cap: { anchor: { type: 'aware_at' }, period: { hours: 24 } },
    effectiveFrom: DORA_FROM, effectiveTo: null,
    source: 'DORA Art. 19(4)(a); RTS (EU) 2025/301 Art. 5(1)(a), 5(2)',
    appliesWhen: 'dora_financial_entity', requiredWhen: 'major_incident_presumed',
  },
  {
    // RTS 2025/301 Art. 5(1)(b): 72 h from the submission of the initial notification (DORA-4).
    id: 'dora_intermediate@2025-01-17',
    kind: 'dora_intermediate', regime: 'dora', recipient: 'competent_authority',
    label: 'DORA: intermediate report to the competent authority',
    anchor: { type: 'filed', kind: 'dora_initial' }, period: { hours: 72 },
    effectiveFrom: DORA_FROM, effectiveTo: null,
    source: 'DORA Art. 19(4)(b); RTS (EU) 2025/301 Art. 5(1)(b)',
    appliesWhen: 'dora_financial_entity', requiredWhen: 'major_incident_presumed',
  },
  {
    // RTS 2025/301 Art. 5(1)(c): one month after the (latest updated) intermediate report
    // (DORA-5). The caller passes the latest intermediate filing as filedAt.dora_intermediate.
    id: 'dora_final@2025-01-17',
    kind: 'dora_final', regime: 'dora', recipient: 'competent_authority',
    label: 'DORA: final report to the competent authority',
    anchor: { type: 'filed', kind: 'dora_intermediate' }, period: { months: 1 },
    effectiveFrom: DORA_FROM, effectiveTo: null,
    source: 'DORA Art. 19(4)(c); RTS (EU) 2025/301 Art. 5(1)(c)',
    appliesWhen: 'dora_financial_entity', requiredWhen: 'major_incident_presumed',
  },
];

/** True when the rule is in force on `date` ("YYYY-MM-DD"): from inclusive, to exclusive. */
export function ruleInForceOn(rule: DeadlineRule, date: string): boolean {
  return rule.effectiveFrom <= date && (rule.effectiveTo === null || date < rule.effectiveTo);
}
