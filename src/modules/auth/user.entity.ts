import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import type { Role } from './domain/permissions.js';

/** A person (or a system) that signs in with a password or calls the API with a token. */
@Entity('users')
@Index('users_email_key', ['email'], { unique: true })
@Check('users_role_check', "role IN ('admin','dpo','responder','viewer')")
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased: e-mail addresses are compared without case. */
  @Column('text')
  email: string;

  @Column('text')
  displayName: string;

  @Column('text')
  role: Role;

  /** scrypt, PHC string; null for token-only accounts. */
  @Column('text', { nullable: true })
  passwordHash: string | null;

  @Column('boolean', { default: false })
  passwordChangeRequired: boolean;

  @Column('timestamptz', { nullable: true })
  disabledAt: Date | null;

  @Column('text')
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** Which organisations a user works for: every query is scoped to these. */
@Entity('user_organisations')
@Index('user_organisations_organisation_idx', ['organisationId'])
export class UserOrganisationEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'user_organisations_pkey' })
  userId: string;

  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'user_organisations_pkey' })
  organisationId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'user_organisations_user_id_fkey' })
  user?: UserEntity;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'user_organisations_organisation_id_fkey' })
  organisation?: OrganisationEntity;
}
