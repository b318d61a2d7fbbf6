/**
 * Obligations: one legal or contractual duty of an incident with a deadline
 * (DESIGN.md § Domain, § Deadline rules). Computed by a pure function from the incident,
 * its organisation, its current decision, its filings and versioned rule data.
 */
import type { Reason } from '../../../shared/domain/reason.js';

export const OBLIGATION_KINDS = [
  'gdpr_art33_1', // controller -> supervisory authority, 72 h from awareness
  'gdpr_art33_2', // processor -> controller, contractual window (default 24 h)
  'gdpr_art34', // controller -> data subjects, when high risk
  'uk_gdpr_art33', // controller -> ICO, when UK residents are affected
  'nis2_early_warning', // NIS2 Art. 23(4)(a): 24 h
  'nis2_notification', // NIS2 Art. 23(4)(b): 72 h (24 h for trust service providers)
  'nis2_final_report', // NIS2 Art. 23(4)(d): notification filed + 1 month
  'dora_initial', // RTS 2025/301 Art. 5(1)(a)
  'dora_intermediate', // initial filed + 72 h
  'dora_final', // intermediate filed + 1 month
] as const;
export type ObligationKind = (typeof OBLIGATION_KINDS)[number];

export const REGIMES = ['gdpr', 'uk_gdpr', 'nis2', 'dora'] as const;
export type Regime = (typeof REGIMES)[number];

export const RECIPIENTS = ['supervisory_authority', 'controller', 'data_subjects', 'ico', 'csirt', 'competent_authority'] as const;
export type Recipient = (typeof RECIPIENTS)[number];

/** What the deadline counts from. */
export type Anchor =
  | { readonly type: 'aware_at' }
  | { readonly type: 'classified_at' }
  /** The actual filing time of an earlier stage (NIS2 final, DORA intermediate and final). */
  | { readonly type: 'filed'; readonly kind: ObligationKind };

export type Period = { readonly hours: number } | { readonly months: number };

export interface IncidentFacts {
  readonly role: 'controller' | 'processor';
  /** null while investigating: no clock runs yet. */
  readonly awareAt: Date | null;
  /** DORA: when the incident was classified as major; null if not (yet). */
  readonly classifiedAt: Date | null;
  /** ISO 3166-1 alpha-2; GB triggers UK GDPR. */
  readonly affectedCountries: readonly string[];
}

export interface OrganisationFacts {
  readonly timeZone: string;
  readonly nis2Entity: boolean;
  readonly trustServiceProvider: boolean;
  readonly doraFinancialEntity: boolean;
  /** GDPR Art. 33(2) target when acting as processor (hours). */
  readonly controllerNoticeWindowHours: number;
  /** GDPR Art. 34 target from awareness (hours, default 72). */
  readonly subjectNoticeHours: number;
}

/** The incident's current effective decision (latest assessment, override applied), if any. */
export interface DecisionFacts {
  readonly assessmentId: string;
  readonly notifyAuthority: boolean;
  readonly communicateSubjects: 'required' | 'not_required' | 'public_communication';
  readonly notifyController: boolean;
  readonly overridden: boolean;
}

export interface ObligationSpec {
  readonly kind: ObligationKind;
  readonly regime: Regime;
  readonly recipient: Recipient;
  /** Human label, e.g. "GDPR Art. 33(1): notify the supervisory authority". */
  readonly label: string;
  readonly anchor: Anchor;
  /** The anchor's instant, or null while it has not happened (an earlier stage not filed yet). */
  readonly anchorAt: Date | null;
  /** null while the anchor is unknown. */
  readonly dueAt: Date | null;
  /** false: kept as `not_required` with its reasons (never deleted). */
  readonly required: boolean;
  readonly reasons: readonly Reason[];
  /** The rule row used (id and version): the law in force at awareness. */
  readonly ruleId: string;
  readonly rulesVersion: string;
}

export interface ObligationInput {
  readonly incident: IncidentFacts;
  readonly organisation: OrganisationFacts;
  readonly decision: DecisionFacts | null;
  /** Actual filing times of fulfilled obligations, by kind. */
  readonly filedAt: Partial<Record<ObligationKind, Date>>;
}
