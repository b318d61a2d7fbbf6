import type { DataSource, EntityManager, QueryDeepPartialEntity } from 'typeorm';
import { AuditEntryEntity, AuditHeadEntity } from './audit-entry.entity.js';
import { chainOf, entryHash, GENESIS_HASH, toJsonValue } from './domain/chain.js';

/** Who acts, for the audit trail and the timeline. */
export interface ActingContext {
  /** The user's e-mail, or `system:<part>` for the service itself. */
  readonly actor: string;
  readonly requestId: string | null;
  readonly userId?: string | null;
}

export interface AuditEvent {
  readonly organisationId: string | null;
  readonly at: Date;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string | null;
  readonly summary: string;
  /** Before and after of each changed field; never a secret. */
  readonly changes?: Record<string, unknown>;
}

interface Pending extends AuditEvent {
  readonly acting: ActingContext;
}

const journals = new WeakMap<EntityManager, Pending[]>();

/**
 * A transaction whose state changes are audited: what `recordAudit` collects is chained and
 * inserted just before commit, in the same transaction, so the trail and the change commit
 * or fail together. Heads are locked last and in chain order, so appends never deadlock.
 */
export async function audited<T>(db: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return db.transaction(async (manager) => {
    const pending: Pending[] = [];
    journals.set(manager, pending);
    try {
      const result = await work(manager);
      await appendEntries(manager, pending);
      return result;
    } finally {
      journals.delete(manager);
    }
  });
}

/** Records a state change; throws when the caller forgot to run inside `audited`. */
export function recordAudit(manager: EntityManager, acting: ActingContext, event: AuditEvent): void {
  const pending = journals.get(manager);
  if (!pending) throw new Error(`Audit: "${event.action}" happened outside an audited transaction`);
  pending.push({ ...event, acting });
}

async function appendEntries(manager: EntityManager, pending: readonly Pending[]): Promise<void> {
  if (pending.length === 0) return;
  const byChain = new Map<string, Pending[]>();
  for (const event of pending) {
    const chain = chainOf(event.organisationId);
    const events = byChain.get(chain);
    if (events) events.push(event);
    else byChain.set(chain, [event]);
  }
  for (const chain of [...byChain.keys()].sort()) {
    await manager.query(`INSERT INTO audit_heads (chain, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (chain) DO NOTHING`, [chain, GENESIS_HASH]);
    const head = await manager.findOneOrFail(AuditHeadEntity, { where: { chain }, lock: { mode: 'pessimistic_write' } });
    let seq = BigInt(head.seq);
    let prevHash = head.hash;
    const rows: Array<QueryDeepPartialEntity<AuditEntryEntity>> = [];
    for (const event of byChain.get(chain) ?? []) {
      seq += 1n;
      const fields = {
        chain,
        organisationId: event.organisationId,
        seq: seq.toString(),
        at: new Date(event.at.getTime()),
        actor: event.acting.actor,
        actorUserId: event.acting.userId ?? null,
        action: event.action,
        entityType: event.entityType,
        entityId: event.entityId,
        summary: event.summary,
        changes: toJsonValue(event.changes ?? {}),
        requestId: event.acting.requestId,
        prevHash,
      };
      const hash = entryHash(fields);
      rows.push({ ...fields, hash } as QueryDeepPartialEntity<AuditEntryEntity>);
      prevHash = hash;
    }
    await manager.insert(AuditEntryEntity, rows);
    await manager.update(AuditHeadEntity, { chain }, { seq: seq.toString(), hash: prevHash });
  }
}
