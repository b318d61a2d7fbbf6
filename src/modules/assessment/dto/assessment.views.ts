import { ApiProperty } from '@nestjs/swagger';
import { ENISA_BANDS, EXEMPTIONS, RISK_LEVELS, SUBJECT_COMMUNICATIONS, type EnisaBand, type Exemption, type RiskLevel, type SubjectCommunication } from '../domain/index.js';
import { BreachFactsDto } from './breach-facts.dto.js';

export class EnisaFlagsView {
  @ApiProperty({ description: 'ENISA §3.3: strictly more than 100 individuals' }) moreThan100Individuals: boolean;
  @ApiProperty({ description: 'ENISA §3.3: data unintelligible (state-of-the-art protection)' }) dataUnintelligible: boolean;
}

export class EnisaView {
  @ApiProperty({ minimum: 1, maximum: 4 }) dpc: number;
  @ApiProperty({ enum: [0.25, 0.5, 0.75, 1] }) ei: number;
  @ApiProperty({ minimum: 0, maximum: 2 }) cb: number;
  @ApiProperty({ description: 'SE = DPC x EI + CB' }) score: number;
  @ApiProperty({ enum: ENISA_BANDS }) band: EnisaBand;
  @ApiProperty({ type: EnisaFlagsView }) flags: EnisaFlagsView;
}

export class ReasonView {
  @ApiProperty({ example: 'DUTY.NOTIFY_AUTHORITY' }) code: string;
  @ApiProperty() text: string;
  @ApiProperty({ example: 'GDPR Art. 33(1)' }) source: string;
}

/** The assessment contract's response (DESIGN.md § Assessment contract). */
export class AssessmentResultView {
  @ApiProperty({ enum: RISK_LEVELS }) riskLevel: RiskLevel;
  @ApiProperty() notifyAuthority: boolean;
  @ApiProperty({ enum: SUBJECT_COMMUNICATIONS }) communicateSubjects: SubjectCommunication;
  @ApiProperty({ description: 'True for every breach when role = processor (Art. 33(2))' }) notifyController: boolean;
  @ApiProperty({ type: EnisaView }) enisa: EnisaView;
  @ApiProperty({ enum: EXEMPTIONS, isArray: true }) exemptions: Exemption[];
  @ApiProperty({ type: [ReasonView] }) reasons: ReasonView[];
  @ApiProperty({ example: '2026-11-23.2' }) rulesVersion: string;
}

export class OutcomeView {
  @ApiProperty({ enum: RISK_LEVELS }) riskLevel: RiskLevel;
  @ApiProperty() notifyAuthority: boolean;
  @ApiProperty({ enum: SUBJECT_COMMUNICATIONS }) communicateSubjects: SubjectCommunication;
  @ApiProperty() notifyController: boolean;
}

export class OverrideView extends OutcomeView {
  @ApiProperty({ enum: ['art34_3_a', 'art34_3_b'], nullable: true, type: String }) exemption: string | null;
  @ApiProperty() justification: string;
  @ApiProperty() createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class EffectiveOutcomeView extends OutcomeView {
  @ApiProperty({ description: 'True when a DPO override replaced the engine’s outcome' }) overridden: boolean;
}

/** A stored assessment: the contract's fields (the engine's original answer) plus its record. */
export class StoredAssessmentView extends AssessmentResultView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty({ description: '1, 2, 3... per incident' }) sequence: number;
  @ApiProperty({ description: 'The latest assessment is the incident’s current decision' }) current: boolean;
  @ApiProperty({ type: BreachFactsDto }) facts: BreachFactsDto;
  @ApiProperty({ description: 'The organisation’s notify-when-in-doubt policy as applied' }) notifyWhenInDoubt: boolean;
  @ApiProperty({ type: OverrideView, nullable: true }) override: OverrideView | null;
  @ApiProperty({ type: EffectiveOutcomeView }) effective: EffectiveOutcomeView;
  @ApiProperty() createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class AssessmentHistoryView {
  @ApiProperty({ type: [StoredAssessmentView], description: 'Newest first' }) items: StoredAssessmentView[];
  @ApiProperty() total: number;
}
