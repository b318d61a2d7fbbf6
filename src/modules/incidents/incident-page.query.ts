import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { preparedQuery } from '../../database/prepared.js';
import { escapeLike } from '../../database/escape-like.js';
import { inScope, type Scope } from '../auth/principal.js';
import { allowedTransitions, INCIDENT_STATUSES, type IncidentStatus } from './domain/incident-status.js';
import type { ListIncidentsQuery } from './dto/incident.dto.js';

/**
 * A page of incidents, as the JSON text the API answers, built by PostgreSQL in one round trip
 * (the page, its total and the view of each row). Building the same page in Node (hydrating
 * entities, parsing and re-printing five timestamps a row, serialising) cost about three
 * quarters of the service's CPU for a list of 50.
 *
 * Each field is written exactly as `toIncidentView` writes it for one incident; an e2e test
 * compares every listed item with GET /api/incidents/:id.
 */
export async function incidentPageJson(db: DataSource, query: ListIncidentsQuery, scope: Scope): Promise<string> {
  // Plain equalities where there is one value, so the planner can walk the
  // (organisation_id, status, created_at, id) index in the page's order and stop after it.
  const values: unknown[] = [];
  const where: string[] = [];
  if (query.organisationId) {
    // Another organisation's incidents are simply not there.
    if (!inScope(scope, query.organisationId)) return JSON.stringify({ items: [], total: 0, limit: query.limit, offset: query.offset });
    values.push(query.organisationId);
    where.push('i.organisation_id = $1::uuid');
  } else {
    values.push(scope.organisationIds);
    where.push('i.organisation_id = ANY($1::uuid[])');
  }
  if (query.status?.length === 1) {
    values.push(query.status[0]);
    where.push(`i.status = $${values.length}`);
  } else if (query.status?.length) {
    values.push(query.status);
    where.push(`i.status = ANY($${values.length}::text[])`);
  }
  if (query.q) {
    values.push(`%${escapeLike(query.q.trim())}%`);
    const q = `$${values.length}`;
    where.push(`(i.reference ILIKE ${q} OR i.title ILIKE ${q} OR i.description ILIKE ${q})`);
  }
  values.push(query.limit, query.offset);
  const [limit, offset] = [`$${values.length - 1}::int`, `$${values.length}::int`];
  const filter = where.join(' AND ');
  const text = `WITH page AS (
       SELECT i.* FROM incidents i WHERE ${filter} ORDER BY i.created_at DESC, i.id DESC LIMIT ${limit} OFFSET ${offset}
     )
     SELECT json_build_object(
       'items', COALESCE((SELECT json_agg(${ITEM} ORDER BY i.created_at DESC, i.id DESC) FROM page i), '[]'::json),
       'total', (SELECT count(*) FROM incidents i WHERE ${filter}),
       'limit', ${limit},
       'offset', ${offset}
     )::text AS page`;
  // A handful of distinct texts (one per combination of filters), each planned once per connection.
  const rows = await preparedQuery<{ page: string }>(db, statementName(text), text, values);
  const page = rows[0]?.page;
  if (page === undefined) throw new Error('incident page: no row');
  return finishInNode(page);
}

/**
 * What PostgreSQL does slowly is left to a pass over the text in Node: formatting instants
 * (to_char cost 40% of the statement) and looking up each status's transitions (15%). The
 * statement writes an instant as its epoch milliseconds and leaves the transitions out; this
 * pass prints the instants as Date#toISOString does and puts the transitions after the status.
 *
 * Matching on the text is safe: a pattern is a field name in quotes followed by a colon, which
 * only a key can be (inside a JSON string every quote is escaped), and every key here is ours.
 */
function finishInNode(page: string): string {
  return page.replace(INSTANT_OR_STATUS, (_match, field: string | undefined, epochMs: string | undefined, status: string | undefined) =>
    field !== undefined ? `"${field}":"${new Date(Number(epochMs)).toISOString()}"` : `"status":"${status}","allowedTransitions":${TRANSITIONS_JSON.get(status as IncidentStatus) ?? '[]'}`,
  );
}

/** An instant as whole epoch milliseconds, truncated as a JavaScript Date truncates microseconds; null stays null. */
const epochMs = (column: string): string =>
  `(date_part('epoch', date_trunc('second', ${column}))::bigint * 1000 + floor(date_part('milliseconds', ${column}))::bigint % 1000)`;

const INSTANTS = ['occurredAt', 'detectedAt', 'awareAt', 'containedAt', 'classifiedAt', 'createdAt', 'updatedAt'];
// PostgreSQL writes json_build_object's pairs as `"key" : value`.
const INSTANT_OR_STATUS = new RegExp(`"(${INSTANTS.join('|')})"\\s*:\\s*(-?\\d+)|"status"\\s*:\\s*"([a-z_]+)"`, 'g');
const TRANSITIONS_JSON = new Map(INCIDENT_STATUSES.map((status) => [status, JSON.stringify(allowedTransitions(status))]));

/** The fields of IncidentView in its order (allowedTransitions is added after status in Node), as SQL over a row `i` of incidents. */
const FIELDS: ReadonlyArray<readonly [field: string, sql: string]> = [
  ['id', 'i.id'],
  ['organisationId', 'i.organisation_id'],
  ['reference', 'i.reference'],
  ['title', 'i.title'],
  ['description', 'i.description'],
  ['role', 'i.role'],
  ['occurredAt', epochMs('i.occurred_at')],
  ['detectedAt', epochMs('i.detected_at')],
  ['awareAt', epochMs('i.aware_at')],
  ['containedAt', epochMs('i.contained_at')],
  ['classifiedAt', epochMs('i.classified_at')],
  ['status', 'i.status'],
  ['affectedCountries', 'i.affected_countries'],
  ['recordsApprox', 'i.records_approx'],
  ['subjectCategories', 'i.subject_categories'],
  ['likelyConsequences', 'i.likely_consequences'],
  ['measuresTaken', 'i.measures_taken'],
  ['measuresProposed', 'i.measures_proposed'],
  ['controllers', 'i.controllers'],
  ['createdBy', 'i.created_by'],
  ['createdAt', epochMs('i.created_at')],
  ['updatedAt', epochMs('i.updated_at')],
  ['version', 'i.version'],
];

const ITEM = `json_build_object(${FIELDS.map(([field, sql]) => `'${field}', ${sql}`).join(', ')})`;

const names = new Map<string, string>();
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `incident_page_${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
    names.set(text, name);
  }
  return name;
}
