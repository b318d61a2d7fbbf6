import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One state change, append-only (a trigger refuses UPDATE, DELETE and TRUNCATE), chained per
 * organisation: `hash` covers the entry and `prevHash`, the hash of the one before it.
 */
@Entity('audit_entries')
@Index('audit_entries_chain_seq_key', ['chain', 'seq'], { unique: true })
@Index('audit_entries_organisation_at_idx', ['organisationId', 'at'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  /** `org:<uuid>` for an organisation's records, `system` for accounts without one. */
  @Column('text')
  chain: string;

  @Column('uuid', { nullable: true })
  organisationId: string | null;

  @Column('bigint')
  seq: string;

  @Column('timestamptz')
  at: Date;

  @Column('text')
  actor: string;

  @Column('uuid', { nullable: true })
  actorUserId: string | null;

  @Column('text')
  action: string;

  @Column('text')
  entityType: string;

  @Column('text', { nullable: true })
  entityId: string | null;

  /** One sentence for people. */
  @Column('text')
  summary: string;

  /** `{ field: { from, to } }`: before and after of each changed field (secrets never). */
  @Column('jsonb')
  changes: Record<string, unknown>;

  @Column('text', { nullable: true })
  requestId: string | null;

  @Column('text')
  prevHash: string;

  @Column('text')
  hash: string;
}

/** The last entry of each chain, locked while appending so entries chain in commit order. */
@Entity('audit_heads')
export class AuditHeadEntity {
  @PrimaryColumn('text')
  chain: string;

  @Column('bigint')
  seq: string;

  @Column('text')
  hash: string;
}
