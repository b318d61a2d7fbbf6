import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export interface FieldChange {
  readonly from: unknown;
  readonly to: unknown;
}

/** Append-only history of an incident: who did what, when, and which fields changed. */
@Entity('incident_timeline')
@Index(['incidentId', 'at'])
export class TimelineEntryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column('uuid')
  incidentId: string;

  @Column('uuid')
  organisationId: string;

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
