import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { IncidentEntity } from '../incidents/incident.entity.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import type { DocumentKind, DocumentLanguage, DocumentViewModel, Phase } from './domain/document.types.js';

/** A rendered notice: an immutable version (a trigger refuses UPDATE and DELETE) with its SHA-256. */
@Entity('documents')
@Index('documents_incident_kind_language_version_uq', ['incidentId', 'kind', 'language', 'version'], { unique: true })
@Check('documents_kind_check', "kind IN ('authority_notification','controller_notice','data_subject_notice')")
@Check('documents_phase_check', "phase IN ('initial','supplementary','final')")
@Check('documents_version_check', 'version >= 1')
export class DocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  incidentId: string;

  @ManyToOne(() => IncidentEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'documents_incident_id_fkey' })
  incident?: IncidentEntity;

  @Column('uuid')
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'documents_organisation_id_fkey' })
  organisation?: OrganisationEntity;

  @Column('text')
  kind: DocumentKind;

  @Column('text')
  language: DocumentLanguage;

  @Column('text')
  phase: Phase;

  /** 1, 2, 3... per incident, kind and language. */
  @Column('integer')
  version: number;

  @Column('text')
  fileName: string;

  @Column('char', { length: 64 })
  sha256: string;

  @Column('integer')
  sizeBytes: number;

  @Column('bytea', { select: false })
  pdf: Buffer;

  /** The view model: the JSON payload beside the PDF. */
  @Column('jsonb')
  payload: DocumentViewModel;

  @Column('text')
  templateVersion: string;

  @Column('uuid', { nullable: true })
  assessmentId: string | null;

  @Column('text', { nullable: true })
  rulesVersion: string | null;

  /** Why a notice was produced although the assessment says it is not required. */
  @Column('text', { nullable: true })
  forcedReason: string | null;

  @Column('text')
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('text', { nullable: true })
  requestId: string | null;
}
