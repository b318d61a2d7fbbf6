import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import type { ChannelType } from './domain/alert.types.js';

/** Where an organisation's alerts go. The secret signs webhook bodies and is never returned. */
@Entity('alert_channels')
@Index('alert_channels_organisation_idx', ['organisationId'])
@Check('alert_channels_type_check', "type IN ('webhook','slack','email')")
export class ChannelEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'alert_channels_organisation_id_fkey' })
  organisation?: OrganisationEntity;

  @Column('text')
  type: ChannelType;

  @Column('text')
  name: string;

  /** webhook/slack: the URL; email: the recipients. */
  @Column('text', { nullable: true })
  url: string | null;

  @Column('text', { array: true, default: () => "'{}'" })
  emailTo: string[];

  @Column('text', { nullable: true })
  secret: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  deletedAt: Date | null;
}
