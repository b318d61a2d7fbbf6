import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { EscalationEntity } from '../obligations/escalation.entity.js';
import { ChannelEntity } from './channel.entity.js';
import type { AlertMessage } from './domain/alert.types.js';

export const DELIVERY_STATES = ['pending', 'sending', 'retrying', 'delivered', 'dead'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/**
 * The outbox: one row per fired rung and channel, written in the firing transaction. Its id
 * is the idempotency key (X-Breach-Delivery). At-least-once delivery with retries, then dead.
 */
@Entity('deliveries')
@Index('deliveries_escalation_channel_uq', ['escalationId', 'channelId'], { unique: true })
@Index('deliveries_due_idx', { synchronize: false }) // (next_attempt_at) WHERE state IN ('pending','retrying')
@Index('deliveries_sending_idx', { synchronize: false }) // (locked_until) WHERE state = 'sending'
@Check('deliveries_state_check', "state IN ('pending','sending','retrying','delivered','dead')")
export class DeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  escalationId: string;

  @ManyToOne(() => EscalationEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'escalation_id', foreignKeyConstraintName: 'deliveries_escalation_id_fkey' })
  escalation?: EscalationEntity;

  @Column('uuid')
  channelId: string;

  @ManyToOne(() => ChannelEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'channel_id', foreignKeyConstraintName: 'deliveries_channel_id_fkey' })
  channel?: ChannelEntity;

  @Column('uuid')
  organisationId: string;

  @Column('uuid')
  incidentId: string;

  @Column('text')
  state: DeliveryState;

  @Column('integer', { default: 0 })
  attempts: number;

  @Column('timestamptz')
  nextAttemptAt: Date;

  @Column('timestamptz', { nullable: true })
  lockedUntil: Date | null;

  @Column('text', { nullable: true })
  lastError: string | null;

  @Column('timestamptz', { nullable: true })
  deliveredAt: Date | null;

  /** The alert as it was at firing time. */
  @Column('jsonb')
  payload: AlertMessage;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
