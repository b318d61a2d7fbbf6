import type { DataSource, EntityManager } from 'typeorm';
import { type Pipeline, pipelinedTransaction } from '../../database/pipelined-transaction.js';
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
 * or fail together. Heads are locked last and in chain order, so appends never deadlock (a
 * writer that locks them earlier with `auditWriter` locks nothing else after them but rows
 * it inserts itself).
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

/**
 * As `audited`, for a writer whose statements go back to back (pipelinedTransaction): its last
 * statement, sent with COMMIT by `tx.commitWith`, carries the audit entries (auditWriter.takeAppend),
 * so nothing recorded may be left for the end of the transaction.
 */
export async function auditedPipeline<T>(db: DataSource, work: (manager: EntityManager, tx: Pipeline) => Promise<T>): Promise<T> {
  return pipelinedTransaction(db, async (manager, tx) => {
    const pending: Pending[] = [];
    journals.set(manager, pending);
    try {
      return await work(manager, {
        query: tx.query,
        commitWith(text, parameters, name) {
          if (pending.length > 0) throw new Error(`Audit: ${pending.length} recorded event(s) not appended before commit`);
          return tx.commitWith(text, parameters, name);
        },
      });
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
  const heads = await lockHeads(manager, chainsOf(pending.map((event) => event.organisationId)));
  const append = chainedAppend(pending, heads, 1);
  await manager.query(`WITH ${append.text} SELECT 1`, append.parameters);
}

/** The chains of these organisations' events (`null`: the system's), each once, in lock order. */
function chainsOf(organisationIds: ReadonlyArray<string | null>): string[] {
  return [...new Set(organisationIds.map(chainOf))].sort();
}

/** A chain's last entry: its sequence number and hash. */
export interface ChainHead {
  readonly seq: bigint;
  readonly hash: string;
}

/**
 * The statement part that appends events to their chains, from heads locked in this
 * transaction: two data-modifying `WITH` items (the moved heads, the entries), for the caller
 * to put in a statement of its own, with their parameters numbered from `firstParameter`.
 * The text is the same whatever the number of events and chains (the rows go as arrays).
 */
function chainedAppend(events: readonly Pending[], heads: ReadonlyMap<string, ChainHead>, firstParameter: number): { text: string; parameters: unknown[] } {
  const byChain = new Map<string, Pending[]>();
  for (const event of events) {
    const chain = chainOf(event.organisationId);
    const list = byChain.get(chain);
    if (list) list.push(event);
    else byChain.set(chain, [event]);
  }
  const columns: unknown[][] = ENTRY_COLUMNS.map(() => []);
  const moved: { chain: string[]; seq: string[]; hash: string[] } = { chain: [], seq: [], hash: [] };
  for (const chain of [...byChain.keys()].sort()) {
    const head = heads.get(chain);
    if (!head) throw new Error(`Audit: the head of chain ${chain} was not locked`);
    let { seq, hash: prevHash } = head;
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
      const row = [
        chain,
        fields.organisationId,
        fields.seq,
        fields.at.toISOString(),
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
      ];
      row.forEach((value, c) => (columns[c] as unknown[]).push(value));
      prevHash = hash;
    }
    moved.chain.push(chain);
    moved.seq.push(seq.toString());
    moved.hash.push(prevHash);
  }
  const p = (k: number) => `$${firstParameter + k}`;
  const text = `audit_moved AS (
       UPDATE audit_heads h SET seq = m.seq, hash = m.hash
         FROM unnest(${p(0)}::text[], ${p(1)}::bigint[], ${p(2)}::text[]) AS m(chain, seq, hash)
        WHERE h.chain = m.chain),
     audit_appended AS (
       INSERT INTO audit_entries (${ENTRY_COLUMNS.map(([column]) => column).join(', ')})
       SELECT * FROM unnest(${ENTRY_COLUMNS.map(([, type], c) => `${p(c + 3)}::${type}[]`).join(', ')}))`;
  return { text, parameters: [moved.chain, moved.seq, moved.hash, ...columns] };
}

/**
 * For a writer that puts the transaction's whole write in as few statements as it can (the
 * group creation of incidents): it reads and locks the heads in a statement of its own with
 * `headsForUpdate` (once it knows the organisations its events concern), records its events,
 * then takes them as a statement part with `takeAppend`, which leaves nothing for the end of
 * the transaction to append (events recorded after it are appended there as usual). Heads a
 * chain does not have yet are created by `heads`.
 */
export const auditWriter = {
  /** Reads and locks the heads of the chains `$param::text[]`, in chain order: rows (chain, seq, hash). */
  headsForUpdate: (param: string): string => `SELECT chain, seq, hash FROM audit_heads WHERE chain = ANY(${param}::text[]) ORDER BY chain FOR UPDATE`,

  chainsOf,

  /** Heads from rows of `headsForUpdate`; chains without a head yet get one (genesis), locked. */
  async heads(manager: EntityManager, chains: readonly string[], rows: ReadonlyArray<{ chain: string; seq: string; hash: string }>): Promise<Map<string, ChainHead>> {
    const heads = new Map(rows.map((row) => [row.chain, { seq: BigInt(row.seq), hash: row.hash }]));
    const missing = chains.filter((chain) => !heads.has(chain));
    if (missing.length > 0) for (const [chain, head] of await lockHeads(manager, missing)) heads.set(chain, head);
    return heads;
  },

  /** The events recorded so far in this transaction, chained onto `heads`, as a statement part; the journal is emptied. */
  takeAppend(manager: EntityManager, heads: ReadonlyMap<string, ChainHead>, firstParameter: number): { text: string; parameters: unknown[] } | null {
    const pending = journals.get(manager);
    if (!pending) throw new Error('Audit: takeAppend outside an audited transaction');
    if (pending.length === 0) return null;
    const append = chainedAppend(pending, heads, firstParameter);
    pending.length = 0;
    return append;
  },
};

/** Columns of the rows built above, in order, with each column's type. */
const ENTRY_COLUMNS: ReadonlyArray<readonly [column: string, type: string]> = [
  ['chain', 'text'],
  ['organisation_id', 'uuid'],
  ['seq', 'bigint'],
  ['at', 'timestamptz'],
  ['actor', 'text'],
  ['actor_user_id', 'uuid'],
  ['action', 'text'],
  ['entity_type', 'text'],
  ['entity_id', 'text'],
  ['summary', 'text'],
  ['changes', 'jsonb'],
  ['request_id', 'text'],
  ['prev_hash', 'text'],
  ['hash', 'text'],
];

/**
 * The chains' heads, locked until commit in chain order (so two transactions never wait on
 * each other crosswise); a chain used for the first time starts at the genesis hash.
 */
async function lockHeads(manager: EntityManager, chains: readonly string[]): Promise<Map<string, ChainHead>> {
  const select = auditWriter.headsForUpdate('$1');
  let rows: Array<{ chain: string; seq: string; hash: string }> = await manager.query(select, [chains]);
  if (rows.length < chains.length) {
    await manager.query(`INSERT INTO audit_heads (chain, seq, hash) SELECT unnest($1::text[]), 0, $2 ON CONFLICT (chain) DO NOTHING`, [chains, GENESIS_HASH]);
    rows = await manager.query(select, [chains]);
  }
  return new Map(rows.map((row) => [row.chain, { seq: BigInt(row.seq), hash: row.hash }]));
}
