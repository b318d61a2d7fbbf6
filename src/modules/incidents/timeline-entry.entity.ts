import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { IncidentEntity } from './incident.entity.js';

export interface FieldChange {
  readonly from: unknown;
  readonly to: unknown;
}

/** Append-only history of an incident: who did what, when, and which fields changed. */
@Entity('incident_timeline')
@Index('incident_timeline_incident_at_idx', ['incidentId', 'at', 'id'])
export class TimelineEntryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column('uuid')
  incidentId: string;

  @ManyToOne(() => IncidentEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'incident_timeline_incident_id_fkey' })
  incident?: IncidentEntity;

  @Column('uuid')
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'incident_timeline_organisation_id_fkey' })
  organisation?: OrganisationEntity;

  @Column('timestamptz')
  at: Date;

  @Column('text')
  actor: string;

  @Column('text')
  action: string;

  @Column('text')
  summary: string;

  @Column('jsonb', { default: () => "'{}'" })
  changes: Record<string, FieldChange>;

  @Column('text', { nullable: true })
  requestId: string | null;
}
