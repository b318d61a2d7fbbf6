import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { Reason } from '../../shared/domain/reason.js';
import { IncidentEntity } from '../incidents/incident.entity.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import type { Anchor, ObligationKind, Recipient, Regime } from './domain/obligation.types.js';

export const OBLIGATION_STATUSES = ['open', 'fulfilled', 'not_required'] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

/** One duty of an incident with its deadline. Never deleted: a duty that lapses becomes not_required with reasons. */
@Entity('obligations')
@Index('obligations_incident_kind_uq', ['incidentId', 'kind'], { unique: true })
@Index('obligations_open_due_idx', { synchronize: false }) // (due_at) WHERE status = 'open'
@Check('obligations_status_check', "status IN ('open','fulfilled','not_required')")
@Check('obligations_filing_check', "status <> 'fulfilled' OR (submitted_at IS NOT NULL AND on_time IS NOT NULL)")
export class ObligationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  incidentId: string;

  @ManyToOne(() => IncidentEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'obligations_incident_id_fkey' })
  incident?: IncidentEntity;

  @Column('uuid')
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'obligations_organisation_id_fkey' })
  organisation?: OrganisationEntity;

  @Column('text')
  kind: ObligationKind;

  @Column('text')
  regime: Regime;

  @Column('text')
  recipient: Recipient;

  @Column('text')
  label: string;

  @Column('jsonb')
  anchor: Anchor;

  @Column('timestamptz', { nullable: true })
  anchorAt: Date | null;

  @Column('timestamptz', { nullable: true })
  dueAt: Date | null;

  @Column('text')
  status: ObligationStatus;

  @Column('boolean')
  required: boolean;

  @Column('jsonb')
  reasons: Reason[];

  @Column('text')
  ruleId: string;

  @Column('text')
  rulesVersion: string;

  // Filing (frozen once fulfilled).
  @Column('timestamptz', { nullable: true })
  submittedAt: Date | null;

  @Column('text', { nullable: true })
  reference: string | null;

  @Column('text', { nullable: true })
  delayReasons: string | null;

  @Column('boolean', { nullable: true })
  onTime: boolean | null;

  @Column('text', { nullable: true })
  filedBy: string | null;

  // A signed decision that the duty does not apply (e.g. NIS2: not a significant incident).
  @Column('text', { nullable: true })
  waivedReason: string | null;

  @Column('text', { nullable: true })
  waivedBy: string | null;

  @Column('timestamptz', { nullable: true })
  waivedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
