import { hash } from 'node:crypto';

/** The hash a chain starts from (no entry before the first one). */
export const GENESIS_HASH = '0'.repeat(64);

export const SYSTEM_CHAIN = 'system';

export function chainOf(organisationId: string | null): string {
  return organisationId ? `org:${organisationId}` : SYSTEM_CHAIN;
}

/** What the hash covers: every column of the entry but its id and its own hash. */
export interface ChainedFields {
  readonly chain: string;
  readonly organisationId: string | null;
  readonly seq: string;
  readonly at: Date;
  readonly actor: string;
  readonly actorUserId: string | null;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string | null;
  readonly summary: string;
  readonly changes: Record<string, unknown>;
  readonly requestId: string | null;
  readonly prevHash: string;
}

/** JSON with object keys sorted at every depth, so equal content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function entryHash(entry: ChainedFields): string {
  const material = canonicalJson([
    entry.chain,
    entry.organisationId,
    entry.seq,
    entry.at.toISOString(),
    entry.actor,
    entry.actorUserId,
    entry.action,
    entry.entityType,
    entry.entityId,
    entry.summary,
    entry.changes,
    entry.requestId,
    entry.prevHash,
  ]);
  return hash('sha256', material, 'hex');
}

/** Plain JSON values only (dates as ISO strings), as jsonb will give them back. */
export function toJsonValue<T>(value: T): T {
  return JSON.parse(JSON.stringify(value ?? null)) as T;
}

export type ChainProblem = 'hash_mismatch' | 'broken_link' | 'sequence_gap';

export interface StoredEntry extends ChainedFields {
  readonly id: string;
  readonly hash: string;
}

/**
 * Walks one chain in `seq` order from `previous` (the last verified entry, or none) and
 * returns the first entry that does not follow: altered content, a link to anything but
 * its predecessor's hash, or a missing sequence number (a deleted entry).
 */
export function firstBreak(entries: readonly StoredEntry[], previous: { seq: string; hash: string } | null): { id: string; problem: ChainProblem } | null {
  let expectedSeq = previous ? BigInt(previous.seq) + 1n : 1n;
  let expectedPrev = previous ? previous.hash : GENESIS_HASH;
  for (const entry of entries) {
    if (BigInt(entry.seq) !== expectedSeq) return { id: entry.id, problem: 'sequence_gap' };
    if (entry.prevHash !== expectedPrev) return { id: entry.id, problem: 'broken_link' };
    if (entryHash(entry) !== entry.hash) return { id: entry.id, problem: 'hash_mismatch' };
    expectedSeq += 1n;
    expectedPrev = entry.hash;
  }
  return null;
}
