import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { ContactKind, OrganisationRole } from './domain/organisation-rules.js';

// The metadata mirrors the migrations (names included) so that migration:generate sees no drift.
@Entity('organisations')
@Check('organisations_legal_name_check', 'length(legal_name) BETWEEN 1 AND 300')
@Check('organisations_country_check', "country ~ '^[A-Z]{2}$'")
@Check('organisations_roles_check', "cardinality(roles) >= 1 AND roles <@ ARRAY['controller','processor']")
@Check('organisations_contact_kind_check', "contact_kind IN ('dpo','contact_point')")
@Check('organisations_controller_notice_window_hours_check', 'controller_notice_window_hours BETWEEN 1 AND 720')
@Check('organisations_subject_notice_hours_check', 'subject_notice_hours BETWEEN 1 AND 720')
@Check('organisations_registration_number_check', 'length(registration_number) BETWEEN 1 AND 100')
@Check('organisations_postal_address_check', 'length(postal_address) BETWEEN 1 AND 500')
@Index('organisations_legal_name_idx', { synchronize: false }) // expression index on lower(legal_name)
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  legalName: string;

  /** ISO 3166-1 alpha-2 country of registration. */
  @Column('char', { length: 2 })
  country: string;

  /** IANA time zone in which deadlines are shown (beside UTC). */
  @Column('text')
  timeZone: string;

  /** Business or company registration number in the registry of `country` (Y-tunnus, KBO/BCE number...). */
  @Column('text', { nullable: true })
  registrationNumber: string | null;

  /**
   * The organisation's own postal (registered) address, multi-line. Not the contact point's
   * address (`contactAddress`), which is where the DPO or contact point receives mail.
   */
  @Column('text', { nullable: true })
  postalAddress: string | null;

  @Column('text', { array: true })
  roles: OrganisationRole[];

  @Column('text')
  contactKind: ContactKind;

  @Column('text', { nullable: true })
  contactName: string | null;

  @Column('text', { nullable: true })
  contactEmail: string | null;

  @Column('text', { nullable: true })
  contactPhone: string | null;

  @Column('text', { nullable: true })
  contactAddress: string | null;

  @Column('char', { length: 2, nullable: true })
  mainEstablishmentCountry: string | null;

  @Column('text', { array: true, default: () => "'{}'" })
  otherEstablishmentCountries: string[];

  @Column('char', { length: 2, nullable: true })
  representativeCountry: string | null;

  @Column('boolean', { default: false })
  nis2Entity: boolean;

  @Column('boolean', { default: false })
  trustServiceProvider: boolean;

  @Column('boolean', { default: false })
  doraFinancialEntity: boolean;

  @Column('integer', { default: 24 })
  controllerNoticeWindowHours: number;

  /** GDPR Art. 34 target: hours from awareness to tell data subjects of a high risk (default 72). */
  @Column('integer', { default: 72 })
  subjectNoticeHours: number;

  /** The escalation ladder; null means the default (48, 24, 12, 6, 1 h before, at the deadline, every 12 h overdue). */
  @Column('jsonb', { nullable: true })
  escalationLadder: unknown;

  @Column('boolean', { default: false })
  notifyWhenInDoubt: boolean;

  /** What the organisation promises about breach notices (e.g. its privacy policy's words). */
  @Column('text', { nullable: true })
  breachNoticeCommitment: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
