import type { DataSource, EntityManager } from 'typeorm';
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
    let { seq, hash: prevHash } = await lockHead(manager, chain);
    const rows: unknown[][] = [];
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
      rows.push([
        chain,
        fields.organisationId,
        fields.seq,
        fields.at,
        fields.actor,
        fields.actorUserId,
        fields.action,
        fields.entityType,
        fields.entityId,
        fields.summary,
        JSON.stringify(fields.changes),
        fields.requestId,
        prevHash,
        hash,
      ]);
      prevHash = hash;
    }
    // The entries and the moved head in one statement (one round trip per chain).
    const values = rows.map((row, r) => `(${ENTRY_COLUMNS.map(([, cast], c) => `$${r * row.length + c + 4}${cast}`).join(', ')})`);
    await manager.query(
      `WITH head AS (UPDATE audit_heads SET seq = $2, hash = $3 WHERE chain = $1)
       INSERT INTO audit_entries (${ENTRY_COLUMNS.map(([column]) => column).join(', ')}) VALUES ${values.join(', ')}`,
      [chain, seq.toString(), prevHash, ...rows.flat()],
    );
  }
}

/** Columns of the rows built above, in order, with the type each parameter is read as. */
const ENTRY_COLUMNS: ReadonlyArray<readonly [column: string, cast: string]> = [
  ['chain', ''],
  ['organisation_id', '::uuid'],
  ['seq', '::bigint'],
  ['at', '::timestamptz'],
  ['actor', ''],
  ['actor_user_id', '::uuid'],
  ['action', ''],
  ['entity_type', ''],
  ['entity_id', ''],
  ['summary', ''],
  ['changes', '::jsonb'],
  ['request_id', ''],
  ['prev_hash', ''],
  ['hash', ''],
];

/** The chain's head, locked until commit; created at the genesis hash on first use. */
async function lockHead(manager: EntityManager, chain: string): Promise<{ seq: bigint; hash: string }> {
  const select = `SELECT seq, hash FROM audit_heads WHERE chain = $1 FOR UPDATE`;
  let rows: Array<{ seq: string; hash: string }> = await manager.query(select, [chain]);
  if (rows.length === 0) {
    await manager.query(`INSERT INTO audit_heads (chain, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (chain) DO NOTHING`, [chain, GENESIS_HASH]);
    rows = await manager.query(select, [chain]);
  }
  const head = rows[0];
  if (!head) throw new Error(`Audit: the head of chain ${chain} could not be locked`);
  return { seq: BigInt(head.seq), hash: head.hash };
}
