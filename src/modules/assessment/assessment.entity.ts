import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { IncidentEntity } from '../incidents/incident.entity.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import type { AssessmentResult, BreachFacts, RiskLevel, Role, SubjectCommunication } from './domain/index.js';
import type { OverrideExemption } from './domain/override.js';

/**
 * An immutable evaluation of an incident's breach facts (a trigger refuses UPDATE and DELETE).
 * The latest one (highest sequence) is the incident's current decision.
 */
@Entity('assessments')
@Index('assessments_incident_sequence_uq', ['incidentId', 'sequence'], { unique: true })
@Check('assessments_sequence_check', 'sequence >= 1')
@Check('assessments_risk_level_check', "risk_level IN ('unlikely','risk','high')")
export class AssessmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  incidentId: string;

  @ManyToOne(() => IncidentEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'assessments_incident_id_fkey' })
  incident?: IncidentEntity;

  @Column('uuid')
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'assessments_organisation_id_fkey' })
  organisation?: OrganisationEntity;

  /** 1, 2, 3... per incident. */
  @Column('integer')
  sequence: number;

  @Column('text')
  role: Role;

  /** The facts as evaluated (role resolved). */
  @Column('jsonb')
  facts: BreachFacts;

  /** The organisation policy applied (notify when in doubt). */
  @Column('boolean')
  notifyWhenInDoubt: boolean;

  /** The engine's answer, exactly as returned by /evaluate. */
  @Column('jsonb')
  result: AssessmentResult;

  @Column('text')
  rulesVersion: string;

  // Denormalised from `result` for the register and filters.
  @Column('text')
  riskLevel: RiskLevel;

  @Column('boolean')
  notifyAuthority: boolean;

  @Column('text')
  communicateSubjects: SubjectCommunication;

  @Column('boolean')
  notifyController: boolean;

  @Column('text')
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('text', { nullable: true })
  requestId: string | null;
}

/** A DPO's replacement of an assessment's outcome, kept beside the original. Immutable. */
@Entity('assessment_overrides')
@Index('assessment_overrides_assessment_uq', ['assessmentId'], { unique: true })
@Check('assessment_overrides_justification_check', 'length(justification) >= 20')
@Check('assessment_overrides_risk_level_check', "risk_level IN ('unlikely','risk','high')")
@Check('assessment_overrides_exemption_check', "exemption IN ('art34_3_a','art34_3_b')")
export class AssessmentOverrideEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** One override per assessment: to decide again, assess again. */
  @Column('uuid')
  assessmentId: string;

  @ManyToOne(() => AssessmentEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'assessment_id', foreignKeyConstraintName: 'assessment_overrides_assessment_id_fkey' })
  assessment?: AssessmentEntity;

  @Column('text')
  riskLevel: RiskLevel;

  @Column('boolean')
  notifyAuthority: boolean;

  @Column('text')
  communicateSubjects: SubjectCommunication;

  @Column('boolean')
  notifyController: boolean;

  /** The Art. 34(3)(a)/(b) ground relied on to leave a high risk uncommunicated. */
  @Column('text', { nullable: true })
  exemption: OverrideExemption | null;

  @Column('text')
  justification: string;

  @Column('text')
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('text', { nullable: true })
  requestId: string | null;
}
