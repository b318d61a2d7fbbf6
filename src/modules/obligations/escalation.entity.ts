import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ObligationEntity } from './obligation.entity.js';

export const ESCALATION_STATES = ['pending', 'fired', 'skipped', 'cancelled'] as const;
export type EscalationState = (typeof ESCALATION_STATES)[number];

/**
 * One rung of the escalation ladder for one obligation. Fired exactly once: the scheduler
 * claims due rows with FOR UPDATE SKIP LOCKED in the transaction that writes the deliveries.
 */
@Entity('escalations')
@Index('escalations_pending_due_idx', { synchronize: false }) // (due_at) WHERE state = 'pending'
@Index('escalations_obligation_idx', ['obligationId', 'dueAt'])
@Index('escalations_obligation_offset_uq', { synchronize: false }) // unique (obligation_id, offset_minutes) WHERE state IN ('pending','fired')
@Check('escalations_state_check', "state IN ('pending','fired','skipped','cancelled')")
export class EscalationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  obligationId: string;

  @ManyToOne(() => ObligationEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'obligation_id', foreignKeyConstraintName: 'escalations_obligation_id_fkey' })
  obligation?: ObligationEntity;

  @Column('uuid')
  incidentId: string;

  @Column('uuid')
  organisationId: string;

  /** Minutes before the deadline (positive), at it (0), or overdue (negative). */
  @Column('integer')
  offsetMinutes: number;

  @Column('timestamptz')
  dueAt: Date;

  @Column('text')
  state: EscalationState;

  /** Planned after its time had passed (catch-up rung). */
  @Column('boolean', { default: false })
  late: boolean;

  @Column('timestamptz', { nullable: true })
  firedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  acknowledgedAt: Date | null;

  @Column('text', { nullable: true })
  acknowledgedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
