import type { DataSource } from 'typeorm';
import { DomainError } from '../../shared/domain/domain-error.js';
import type { Principal } from './principal.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Owner {
  /** Returns the organisations the record belongs to (one, or a user's several). */
  readonly sql: string;
  readonly code: string;
  readonly noun: string;
}

/**
 * Who owns the record a route starts from, keyed by the path segment before its first
 * parameter (`/api/incidents/:id/...` -> incidents). Nested records (`:oid`, `:eid`, `:aid`,
 * `:cid`) are looked up by their services under that parent, so checking the parent is enough.
 */
const OWNERS: Readonly<Record<string, Owner>> = {
  organisations: { sql: `SELECT id::text AS org FROM organisations WHERE id = $1`, code: 'ORGANISATION.NOT_FOUND', noun: 'Organisation' },
  incidents: { sql: `SELECT organisation_id::text AS org FROM incidents WHERE id = $1`, code: 'INCIDENT.NOT_FOUND', noun: 'Incident' },
  documents: { sql: `SELECT organisation_id::text AS org FROM documents WHERE id = $1`, code: 'DOCUMENT.NOT_FOUND', noun: 'Document' },
  deliveries: { sql: `SELECT organisation_id::text AS org FROM deliveries WHERE id = $1`, code: 'DELIVERY.NOT_FOUND', noun: 'Delivery' },
  users: { sql: `SELECT organisation_id::text AS org FROM user_organisations WHERE user_id = $1`, code: 'USER.NOT_FOUND', noun: 'User' },
  tokens: {
    sql: `SELECT m.organisation_id::text AS org FROM api_tokens t JOIN user_organisations m ON m.user_id = t.user_id WHERE t.id = $1`,
    code: 'TOKEN.NOT_FOUND',
    noun: 'Token',
  },
};

/** Self-owned records: a user always sees themself and their own tokens. */
const SELF: Readonly<Record<string, string>> = {
  users: `SELECT id::text AS owner FROM users WHERE id = $1`,
  tokens: `SELECT user_id::text AS owner FROM api_tokens WHERE id = $1`,
};

/**
 * Refuses, with the record's own 404, a route whose record belongs to none of the caller's
 * organisations: the answer is the same as for a record that does not exist, so another
 * organisation's records cannot even be confirmed to exist.
 */
export async function assertRouteInScope(db: DataSource, routeUrl: string, params: Record<string, string>, principal: Principal): Promise<void> {
  const segments = routeUrl.split('/').filter(Boolean);
  const index = segments.findIndex((s) => s.startsWith(':'));
  if (index < 0) return;
  const collection = segments[index - 1] ?? '';
  const owner = OWNERS[collection];
  if (!owner) throw new Error(`Tenancy: no owner known for "${collection}" in ${routeUrl}`);
  const id = params[segments[index].slice(1)];
  // Not a UUID: the validation pipe answers 400 for it.
  if (typeof id !== 'string' || !UUID.test(id)) return;

  const self = SELF[collection];
  if (self) {
    const rows: Array<{ owner: string }> = await db.query(self, [id]);
    if (rows[0]?.owner === principal.userId) return;
  }
  const rows: Array<{ org: string }> = await db.query(owner.sql, [id]);
  if (rows.some((row) => principal.organisationIds.includes(row.org))) return;
  throw DomainError.notFound(owner.code, `${owner.noun} ${id} does not exist`);
}
