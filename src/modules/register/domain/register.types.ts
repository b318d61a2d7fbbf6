/**
 * The GDPR Art. 33(5) register: "the controller shall document any personal data breaches,
 * comprising the facts relating to the personal data breach, its effects and the remedial
 * action taken". One row per incident, whatever became of it (notified, never notified,
 * found not to be a breach): the register must let the authority verify compliance with
 * Art. 33, so the decisions not to notify and their reasons are kept as well (EDPB
 * Guidelines 9/2022, "Accountability and record keeping").
 */
import type { Reason } from '../../../shared/domain/reason.js';
import type { RiskLevel, SubjectCommunication } from '../../assessment/domain/index.js';
import type { IncidentStatus } from '../../incidents/domain/incident-status.js';
import type { ObligationKind, Recipient, Regime } from '../../obligations/domain/obligation.types.js';

export type IncidentRole = 'controller' | 'processor';
export type ObligationState = 'open' | 'fulfilled' | 'not_required';

// ---- What the service loads (plain data, no ORM types) ----

export interface RegisterIncidentSource {
  readonly id: string;
  readonly reference: string;
  readonly organisation: { readonly id: string; readonly legalName: string };
  readonly title: string;
  readonly description: string;
  readonly role: IncidentRole;
  readonly status: IncidentStatus;
  readonly occurredAt: Date | null;
  readonly detectedAt: Date;
  readonly awareAt: Date | null;
  /** When the breach was contained (stopped); null: ongoing. */
  readonly containedAt: Date | null;
  readonly affectedCountries: readonly string[];
  readonly recordsApprox: number | null;
  readonly subjectCategories: readonly string[];
  readonly likelyConsequences: string | null;
  readonly measuresTaken: string | null;
  readonly measuresProposed: string | null;
  /** Processor incidents: the names of the controllers whose data the breach affects (GDPR Art. 33(2)); none otherwise. */
  readonly controllers: readonly string[];
}

export interface OutcomeSource {
  readonly riskLevel: RiskLevel;
  readonly notifyAuthority: boolean;
  readonly communicateSubjects: SubjectCommunication;
  readonly notifyController: boolean;
}

/** The current decision: the latest assessment with its override, if any. */
export interface DecisionSource {
  readonly assessmentId: string;
  readonly sequence: number;
  readonly assessedAt: Date;
  readonly assessedBy: string;
  readonly rulesVersion: string;
  readonly engine: OutcomeSource;
  readonly dataCategories: readonly string[];
  readonly breachTypes: readonly string[];
  readonly subjectsCount: number;
  readonly enisa: { readonly score: number; readonly band: string } | null;
  readonly reasons: readonly Reason[];
  readonly override: (OutcomeSource & { readonly exemption: string | null; readonly justification: string; readonly by: string; readonly at: Date }) | null;
}

export interface ObligationSource {
  readonly kind: ObligationKind;
  readonly regime: Regime;
  readonly recipient: Recipient;
  readonly label: string;
  readonly status: ObligationState;
  readonly required: boolean;
  readonly dueAt: Date | null;
  readonly submittedAt: Date | null;
  readonly reference: string | null;
  readonly onTime: boolean | null;
  readonly delayReasons: string | null;
  readonly waivedReason: string | null;
}

/** The latest change of status, with the reasoning written for it (required for not_a_breach). */
export interface StatusChangeSource {
  readonly status: IncidentStatus;
  readonly at: Date;
  readonly by: string;
  readonly reason: string | null;
}

export interface RegisterSource {
  readonly incident: RegisterIncidentSource;
  readonly decision: DecisionSource | null;
  readonly obligations: readonly ObligationSource[];
  readonly statusChange: StatusChangeSource | null;
}

// ---- What the register shows (JSON-ready: instants as ISO 8601 strings) ----

/**
 * `on_time`/`late`: filed, before or after the due time; `overdue`: still open after it;
 * `pending`: open, not due yet (or its anchor has not happened); `not_required`: the duty lapsed.
 */
export type LatenessStatus = 'on_time' | 'late' | 'overdue' | 'pending' | 'not_required';

export interface Lateness {
  readonly status: LatenessStatus;
  /** Hours after the due time (filed late, or overdue at `generatedAt`), 2 decimals; else null. */
  readonly hoursLate: number | null;
}

/** Over an incident's duties: the worst of them (overdue, then late, pending, on time), or `none`. */
export interface RowLateness {
  readonly status: LatenessStatus | 'none';
  readonly hoursLate: number | null;
  readonly lateCount: number;
  readonly overdueCount: number;
}

export type Containment = 'contained' | 'ongoing';

export interface RegisterNotification {
  readonly kind: ObligationKind;
  readonly label: string;
  readonly regime: Regime;
  readonly recipient: Recipient;
  readonly status: ObligationState;
  readonly required: boolean;
  readonly dueAt: string | null;
  readonly submittedAt: string | null;
  readonly reference: string | null;
  readonly onTime: boolean | null;
  readonly delayReasons: string | null;
  readonly waivedReason: string | null;
  readonly lateness: Lateness;
}

export interface RegisterOutcome {
  readonly riskLevel: RiskLevel;
  readonly notifyAuthority: boolean;
  readonly communicateSubjects: SubjectCommunication;
  readonly notifyController: boolean;
}

export interface RegisterDecision {
  readonly assessmentId: string;
  readonly sequence: number;
  readonly assessedAt: string;
  readonly assessedBy: string;
  readonly rulesVersion: string;
  /** What applies: the override's outcome when there is one, else the engine's. */
  readonly outcome: RegisterOutcome;
  /** The engine's own answer, kept beside an override. */
  readonly engineOutcome: RegisterOutcome;
  readonly enisa: { readonly score: number; readonly band: string } | null;
  readonly reasons: readonly Reason[];
  readonly override: { readonly exemption: string | null; readonly justification: string; readonly by: string; readonly at: string } | null;
}

export interface RegisterRow {
  readonly incidentId: string;
  readonly reference: string;
  readonly organisation: { readonly id: string; readonly legalName: string };
  readonly title: string;
  readonly description: string;
  readonly role: IncidentRole;
  /** Processor incidents: the controllers' names (GDPR Art. 33(2)); [] for a controller incident. */
  readonly controllers: readonly string[];
  readonly status: IncidentStatus;
  readonly statusChange: { readonly status: IncidentStatus; readonly at: string; readonly by: string; readonly reason: string | null } | null;
  readonly occurredAt: string | null;
  readonly detectedAt: string;
  readonly awareAt: string | null;
  /** Whether the breach was stopped: `contained` at `containedAt`, or `ongoing` (no containment recorded, `containedAt` null). */
  readonly containment: Containment;
  readonly containedAt: string | null;
  readonly affectedCountries: readonly string[];
  /** The facts (Art. 33(5)); the data categories and the number of people come from the current assessment. */
  readonly facts: {
    readonly breachTypes: readonly string[] | null;
    readonly dataCategories: readonly string[] | null;
    readonly subjectCategories: readonly string[];
    readonly subjectsApprox: number | null;
    readonly recordsApprox: number | null;
  };
  readonly effects: { readonly likelyConsequences: string | null };
  readonly remedialAction: { readonly measuresTaken: string | null; readonly measuresProposed: string | null };
  /** null until the incident is first assessed. */
  readonly decision: RegisterDecision | null;
  readonly notifications: readonly RegisterNotification[];
  readonly lateness: RowLateness;
}

export interface RegisterPeriod {
  readonly from: Date | null;
  readonly to: Date | null;
}

export interface RegisterReport {
  readonly generatedAt: string;
  readonly period: { readonly from: string | null; readonly to: string | null };
  readonly organisationIds: readonly string[];
  readonly items: readonly RegisterRow[];
  readonly total: number;
}
