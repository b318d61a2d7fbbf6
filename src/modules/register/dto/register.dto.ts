import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsInstant } from '../../../shared/http/validators.js';
import { INCIDENT_STATUSES, type IncidentStatus } from '../../incidents/domain/incident-status.js';
import { OBLIGATION_KINDS, RECIPIENTS, REGIMES, type ObligationKind, type Recipient, type Regime } from '../../obligations/domain/obligation.types.js';
import { OBLIGATION_STATUSES } from '../../obligations/obligation.entity.js';
import { RISK_LEVELS, SUBJECT_COMMUNICATIONS, type RiskLevel, type SubjectCommunication } from '../../assessment/domain/index.js';
import type { Containment, LatenessStatus, ObligationState } from '../domain/register.types.js';

export const REGISTER_FORMATS = ['json', 'csv', 'pdf'] as const;
export type RegisterFormat = (typeof REGISTER_FORMATS)[number];

const LATENESS_STATUSES = ['on_time', 'late', 'overdue', 'pending', 'not_required'] as const;
const CONTAINMENTS: readonly Containment[] = ['contained', 'ongoing'];

export class RegisterQuery {
  @ApiPropertyOptional({ enum: REGISTER_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(REGISTER_FORMATS)
  format?: RegisterFormat;

  @ApiPropertyOptional({ format: 'date-time', description: 'Incidents detected at or after this instant (inclusive); ISO 8601 with an offset' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Incidents detected before this instant (exclusive); ISO 8601 with an offset' })
  @IsOptional()
  @IsInstant()
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'One of your organisations; default: all of them' })
  @IsOptional()
  @IsUUID('all')
  organisationId?: string;
}

// ---- Response (OpenAPI only: the service returns the domain's RegisterReport) ----

class OrganisationRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() legalName: string;
}

class ReasonView {
  @ApiProperty() code: string;
  @ApiProperty() text: string;
  @ApiProperty({ example: 'GDPR Art. 33(1)' }) source: string;
}

class OutcomeView {
  @ApiProperty({ enum: RISK_LEVELS }) riskLevel: RiskLevel;
  @ApiProperty() notifyAuthority: boolean;
  @ApiProperty({ enum: SUBJECT_COMMUNICATIONS }) communicateSubjects: SubjectCommunication;
  @ApiProperty() notifyController: boolean;
}

class OverrideRef {
  @ApiProperty({ type: String, nullable: true }) exemption: string | null;
  @ApiProperty() justification: string;
  @ApiProperty({ description: 'Who overrode' }) by: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

class EnisaRef {
  @ApiProperty() score: number;
  @ApiProperty() band: string;
}

class DecisionView {
  @ApiProperty({ format: 'uuid' }) assessmentId: string;
  @ApiProperty() sequence: number;
  @ApiProperty({ format: 'date-time' }) assessedAt: string;
  @ApiProperty() assessedBy: string;
  @ApiProperty() rulesVersion: string;
  @ApiProperty({ type: OutcomeView, description: 'What applies: the override when there is one' }) outcome: OutcomeView;
  @ApiProperty({ type: OutcomeView, description: 'The assessment engine’s own answer' }) engineOutcome: OutcomeView;
  @ApiProperty({ type: EnisaRef, nullable: true }) enisa: EnisaRef | null;
  @ApiProperty({ type: [ReasonView] }) reasons: ReasonView[];
  @ApiProperty({ type: OverrideRef, nullable: true }) override: OverrideRef | null;
}

class LatenessView {
  @ApiProperty({ enum: LATENESS_STATUSES }) status: LatenessStatus;
  @ApiProperty({ type: Number, nullable: true, description: 'Hours after the due time: filed late, or overdue at generatedAt' }) hoursLate: number | null;
}

class RowLatenessView {
  @ApiProperty({ enum: [...LATENESS_STATUSES, 'none'], description: 'The worst over the duties: overdue, late, pending, on_time; none without a duty' }) status: LatenessStatus | 'none';
  @ApiProperty({ type: Number, nullable: true }) hoursLate: number | null;
  @ApiProperty() lateCount: number;
  @ApiProperty() overdueCount: number;
}

class NotificationView {
  @ApiProperty({ enum: OBLIGATION_KINDS }) kind: ObligationKind;
  @ApiProperty() label: string;
  @ApiProperty({ enum: REGIMES }) regime: Regime;
  @ApiProperty({ enum: RECIPIENTS }) recipient: Recipient;
  @ApiProperty({ enum: OBLIGATION_STATUSES }) status: ObligationState;
  @ApiProperty() required: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) reference: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) onTime: boolean | null;
  @ApiProperty({ type: String, nullable: true }) delayReasons: string | null;
  @ApiProperty({ type: String, nullable: true }) waivedReason: string | null;
  @ApiProperty({ type: LatenessView }) lateness: LatenessView;
}

class StatusChangeView {
  @ApiProperty({ enum: INCIDENT_STATUSES }) status: IncidentStatus;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() by: string;
  @ApiProperty({ type: String, nullable: true, description: 'The reasoning given (required for not_a_breach)' }) reason: string | null;
}

class FactsView {
  @ApiProperty({ type: [String], nullable: true, description: 'From the current assessment' }) breachTypes: string[] | null;
  @ApiProperty({ type: [String], nullable: true, description: 'From the current assessment' }) dataCategories: string[] | null;
  @ApiProperty({ type: [String] }) subjectCategories: string[];
  @ApiProperty({ type: Number, nullable: true, description: 'Approximate number of people (current assessment)' }) subjectsApprox: number | null;
  @ApiProperty({ type: Number, nullable: true }) recordsApprox: number | null;
}

class EffectsView {
  @ApiProperty({ type: String, nullable: true }) likelyConsequences: string | null;
}

class RemedialActionView {
  @ApiProperty({ type: String, nullable: true }) measuresTaken: string | null;
  @ApiProperty({ type: String, nullable: true }) measuresProposed: string | null;
}

export class RegisterRowView {
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty({ example: 'BR-2026-0001' }) reference: string;
  @ApiProperty({ type: OrganisationRef }) organisation: OrganisationRef;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: ['controller', 'processor'] }) role: string;
  @ApiProperty({ type: [String], description: 'Processor incidents: the names of the controllers whose data the breach affects (GDPR Art. 33(2)); [] for a controller incident' }) controllers: string[];
  @ApiProperty({ enum: INCIDENT_STATUSES }) status: IncidentStatus;
  @ApiProperty({ type: StatusChangeView, nullable: true, description: 'The latest change to the current status, with its reasoning' }) statusChange: StatusChangeView | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) occurredAt: string | null;
  @ApiProperty({ format: 'date-time' }) detectedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) awareAt: string | null;
  @ApiProperty({ enum: CONTAINMENTS, description: 'contained (at containedAt) or ongoing (no containment recorded)' }) containment: Containment;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the breach was contained; null while ongoing' }) containedAt: string | null;
  @ApiProperty({ type: [String] }) affectedCountries: string[];
  @ApiProperty({ type: FactsView }) facts: FactsView;
  @ApiProperty({ type: EffectsView }) effects: EffectsView;
  @ApiProperty({ type: RemedialActionView }) remedialAction: RemedialActionView;
  @ApiProperty({ type: DecisionView, nullable: true, description: 'null until the first assessment' }) decision: DecisionView | null;
  @ApiProperty({ type: [NotificationView] }) notifications: NotificationView[];
  @ApiProperty({ type: RowLatenessView }) lateness: RowLatenessView;
}

class PeriodView {
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Inclusive' }) from: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Exclusive' }) to: string | null;
}

export class RegisterView {
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty({ type: PeriodView }) period: PeriodView;
  @ApiProperty({ type: [String], description: 'The organisations covered' }) organisationIds: string[];
  @ApiProperty({ type: [RegisterRowView] }) items: RegisterRowView[];
  @ApiProperty() total: number;
}
