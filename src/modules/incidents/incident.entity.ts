import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import type { OrganisationRole } from '../organisations/domain/organisation-rules.js';
import type { IncidentController } from './domain/incident-controllers.js';
import type { IncidentStatus } from './domain/incident-status.js';

// The metadata mirrors the migrations (names included) so that migration:generate sees no drift.
@Entity('incidents')
@Index('incidents_organisation_reference_uq', ['organisationId', 'reference'], { unique: true })
@Index('incidents_organisation_created_idx', { synchronize: false }) // (organisation_id, created_at DESC, id)
@Index('incidents_status_created_idx', { synchronize: false }) // (status, created_at DESC, id)
@Index('incidents_organisation_status_created_idx', { synchronize: false }) // (organisation_id, status, created_at DESC, id DESC)
@Index('incidents_created_idx', { synchronize: false }) // (created_at DESC, id)
@Check('incidents_reference_check', "reference ~ '^BR-[0-9]{4}-[0-9]{4,}$'")
@Check('incidents_title_check', 'length(title) BETWEEN 1 AND 300')
@Check('incidents_role_check', "role IN ('controller','processor')")
@Check('incidents_status_check', "status IN ('investigating','confirmed','notified','closed','not_a_breach')")
@Check('incidents_detected_after_occurred', 'occurred_at IS NULL OR occurred_at <= detected_at')
@Check('incidents_aware_after_detected', 'aware_at IS NULL OR aware_at >= detected_at')
@Check('incidents_records_approx_check', 'records_approx >= 0')
@Check('incidents_confirmed_has_awareness', "status IN ('investigating','not_a_breach') OR aware_at IS NOT NULL")
@Check('incidents_contained_after_detected', 'contained_at IS NULL OR contained_at >= detected_at')
@Check('incidents_controllers_check', "jsonb_typeof(controllers) = 'array'")
@Check('incidents_controllers_processor_only', "role = 'processor' OR controllers = '[]'::jsonb")
export class IncidentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'incidents_organisation_id_fkey' })
  organisation?: OrganisationEntity;

  @Column('text')
  reference: string;

  @Column('text')
  title: string;

  @Column('text', { default: '' })
  description: string;

  /** The role in which the organisation is hit by this breach. */
  @Column('text')
  role: OrganisationRole;

  @Column('timestamptz', { nullable: true })
  occurredAt: Date | null;

  @Column('timestamptz')
  detectedAt: Date;

  /** The clock anchor (GDPR Art. 33(1)); null while investigating. */
  @Column('timestamptz', { nullable: true })
  awareAt: Date | null;

  /** When the breach was contained (stopped); null: still ongoing. */
  @Column('timestamptz', { nullable: true })
  containedAt: Date | null;

  /** DORA: when the incident was classified as a major ICT-related incident. */
  @Column('timestamptz', { nullable: true })
  classifiedAt: Date | null;

  @Column('text', { default: 'investigating' })
  status: IncidentStatus;

  /** ISO 3166-1 alpha-2 countries where affected data subjects reside (GB triggers UK GDPR). */
  @Column('text', { array: true, default: () => "'{}'" })
  affectedCountries: string[];

  // What notices say beyond the assessment (GDPR Art. 33(3)); null: to be provided later (Art. 33(4)).
  /** Approximate number of personal data records concerned. */
  @Column('bigint', { nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  recordsApprox: number | null;

  /** Categories of data subjects, in the organisation's words (customers, employees, pupils...). */
  @Column('text', { array: true, default: () => "'{}'" })
  subjectCategories: string[];

  @Column('text', { nullable: true })
  likelyConsequences: string | null;

  @Column('text', { nullable: true })
  measuresTaken: string | null;

  @Column('text', { nullable: true })
  measuresProposed: string | null;

  /** Processor incidents: the controllers to notify (GDPR Art. 33(2)), addressees of the controller notice. */
  @Column('jsonb', { default: () => "'[]'" })
  controllers: IncidentController[];

  @Column('text')
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}

@Entity('incident_reference_counters')
@Check('incident_reference_counters_year_check', 'year BETWEEN 1000 AND 9999')
@Check('incident_reference_counters_last_sequence_check', 'last_sequence >= 1')
export class IncidentReferenceCounterEntity {
  @Column('uuid', { primary: true })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'incident_reference_counters_organisation_id_fkey' })
  organisation?: OrganisationEntity;

  @Column('integer', { primary: true })
  year: number;

  @Column('integer')
  lastSequence: number;
}
