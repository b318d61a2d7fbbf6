import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { OrganisationRole } from '../organisations/domain/organisation-rules.js';
import type { IncidentStatus } from './domain/incident-status.js';

@Entity('incidents')
@Index(['organisationId', 'reference'], { unique: true })
export class IncidentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

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

  @Column('text', { default: 'investigating' })
  status: IncidentStatus;

  /** ISO 3166-1 alpha-2 countries where affected data subjects reside (GB triggers UK GDPR). */
  @Column('text', { array: true, default: () => "'{}'" })
  affectedCountries: string[];

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
export class IncidentReferenceCounterEntity {
  @Column('uuid', { primary: true })
  organisationId: string;

  @Column('integer', { primary: true })
  year: number;

  @Column('integer')
  lastSequence: number;
}
