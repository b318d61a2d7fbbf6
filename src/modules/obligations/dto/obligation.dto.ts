import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsInstant } from '../../../shared/http/validators.js';
import { OBLIGATION_KINDS, RECIPIENTS, REGIMES, type ObligationKind, type Recipient, type Regime } from '../domain/obligation.types.js';
import { OBLIGATION_STATUSES, type ObligationStatus } from '../obligation.entity.js';
import { ESCALATION_STATES, type EscalationState } from '../escalation.entity.js';
import { DeliveryView } from '../../alerts/dto/delivery.dto.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class FulfilObligationDto {
  @ApiProperty({ format: 'date-time', description: 'When the notice was actually submitted (not before awareness, not in the future)' })
  @IsInstant()
  submittedAt: string;

  @ApiProperty({ maxLength: 200, description: "The recipient's reference (authority case number, e-mail message id...)" })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reference: string;

  @ApiPropertyOptional({ maxLength: 5000, description: 'Required when filed after the deadline (GDPR Art. 33(1): "accompanied by reasons for the delay")' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(5000)
  delayReasons?: string;
}

export class WaiveObligationDto {
  @ApiProperty({ minLength: 20, maxLength: 5000, description: 'The signed reasoning for why this duty does not apply (e.g. NIS2: not a significant incident)' })
  @Transform(trim)
  @IsString()
  @MinLength(20)
  @MaxLength(5000)
  reason: string;
}

export class ReasonView {
  @ApiProperty() code: string;
  @ApiProperty() text: string;
  @ApiProperty() source: string;
}

export class DeadlineView {
  @ApiProperty({ format: 'date-time' }) utc: string;
  @ApiProperty({ example: '2026-03-30 11:00 (Europe/Helsinki, UTC+03:00)' }) local: string;
  @ApiProperty() timeZone: string;
}

export class ObligationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty({ enum: OBLIGATION_KINDS }) kind: ObligationKind;
  @ApiProperty({ enum: REGIMES }) regime: Regime;
  @ApiProperty({ enum: RECIPIENTS }) recipient: Recipient;
  @ApiProperty() label: string;
  @ApiProperty({ enum: OBLIGATION_STATUSES }) status: ObligationStatus;
  @ApiProperty() required: boolean;
  @ApiProperty({ description: 'What the deadline counts from', type: 'object', additionalProperties: true }) anchor: Record<string, unknown>;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) anchorAt: string | null;
  @ApiProperty({ type: DeadlineView, nullable: true, description: 'null while the anchor (an earlier filing) has not happened' }) deadline: DeadlineView | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Milliseconds left at the time of the answer (negative when overdue)' }) timeLeftMs: number | null;
  @ApiProperty({ type: [ReasonView] }) reasons: ReasonView[];
  @ApiProperty() ruleId: string;
  @ApiProperty() rulesVersion: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) reference: string | null;
  @ApiProperty({ type: String, nullable: true }) delayReasons: string | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'Frozen at filing' }) onTime: boolean | null;
  @ApiProperty({ type: String, nullable: true }) filedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) waivedReason: string | null;
  @ApiProperty({ type: String, nullable: true }) waivedBy: string | null;
}

export class ObligationList {
  @ApiProperty({ type: [ObligationView] }) items: ObligationView[];
}

export class EscalationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) obligationId: string;
  @ApiProperty({ description: 'Minutes before the deadline (positive), at it (0), overdue (negative)' }) offsetMinutes: number;
  @ApiProperty({ example: '24 h before' }) label: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ enum: ESCALATION_STATES }) state: EscalationState;
  @ApiProperty() late: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) firedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) acknowledgedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) acknowledgedBy: string | null;
  @ApiProperty({ type: [DeliveryView] }) deliveries: DeliveryView[];
}

export class EscalationList {
  @ApiProperty({ type: [EscalationView] }) items: EscalationView[];
}
