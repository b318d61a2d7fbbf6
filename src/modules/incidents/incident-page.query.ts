import type { DataSource } from 'typeorm';
import { preparedQuery, statementName } from '../../database/prepared.js';
import { escapeLike } from '../../database/escape-like.js';
import { isoInstant } from '../../shared/domain/time.js';
import { inScope, type Scope } from '../auth/principal.js';
import { allowedTransitions, INCIDENT_STATUSES, type IncidentStatus } from './domain/incident-status.js';
import type { ListIncidentsQuery } from './dto/incident.dto.js';

/**
 * A page of incidents, as the JSON text the API answers, in one round trip: a prepared
 * statement gives the total and the page's rows as plain arrays, and the JSON is written
 * straight from them. Measured per list of 50 on 2 cores (CPU, service + PostgreSQL):
 * - TypeORM entities serialised by Nest: 1.0 + 0.4 ms;
 * - PostgreSQL writing the JSON (json_build_object, to_char): 0.26 + 0.9 ms;
 * - this: 0.5 + 0.2 ms.
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
  // The total, then the page's rows (none: one row of nulls beside the total).
  const text = `SELECT c.total, ${COLUMNS} FROM (SELECT count(*) AS total FROM incidents i WHERE ${filter}) c
     LEFT JOIN LATERAL (SELECT * FROM incidents i WHERE ${filter} ORDER BY i.created_at DESC, i.id DESC LIMIT ${limit} OFFSET ${offset}) i ON true
     ORDER BY i.created_at DESC, i.id DESC`;
  // A handful of distinct texts (one per combination of filters), each planned once per connection.
  const rows = await preparedQuery<unknown[]>(db, statementName('incident_page', text), text, values, { rowMode: 'array' });
  const total = rows[0]?.[0];
  if (total === undefined) throw new Error('incident page: no row');
  const items = rows[0]?.[1] === null ? '' : rows.map(itemJson).join(',');
  return `{"items":[${items}],"total":${Number(total)},"limit":${query.limit},"offset":${query.offset}}`;
}

/**
 * One incident as toIncidentView shows it, written straight from the row: no entity, no Date
 * parsed from PostgreSQL's text and printed again, no object to serialise. Building the JSON
 * in PostgreSQL instead (json_build_object) cost it about 9 µs a row.
 */
function itemJson(r: unknown[]): string {
  const status = r[12] as IncidentStatus;
  return (
    `{"id":"${r[1]}","organisationId":"${r[2]}","reference":${json(r[3])},"title":${json(r[4])},"description":${json(r[5])},"role":${json(r[6])},` +
    `"occurredAt":${instant(r[7])},"detectedAt":${instant(r[8])},"awareAt":${instant(r[9])},"containedAt":${instant(r[10])},"classifiedAt":${instant(r[11])},` +
    `"status":${json(status)},"allowedTransitions":${TRANSITIONS_JSON.get(status) ?? '[]'},"affectedCountries":${r[13]},"recordsApprox":${r[14] === null ? 'null' : Number(r[14])},` +
    `"subjectCategories":${r[15]},"likelyConsequences":${json(r[16])},"measuresTaken":${json(r[17])},"measuresProposed":${json(r[18])},"controllers":${r[19]},` +
    `"createdBy":${json(r[20])},"createdAt":${instant(r[21])},"updatedAt":${instant(r[22])},"version":${Number(r[23])}}`
  );
}

const json = (value: unknown): string => JSON.stringify(value ?? null);

/** Epoch milliseconds (int8, as text) to Date#toISOString's form; null stays null. */
const instant = (epochMs: unknown): string => (epochMs === null ? 'null' : `"${isoInstant(Number(epochMs))}"`);

const TRANSITIONS_JSON = new Map(INCIDENT_STATUSES.map((status) => [status, JSON.stringify(allowedTransitions(status))]));

/** An instant as whole epoch milliseconds, truncated as a JavaScript Date truncates microseconds; null stays null. */
const epochMs = (column: string): string =>
  `(date_part('epoch', date_trunc('second', ${column}))::bigint * 1000 + floor(date_part('milliseconds', ${column}))::bigint % 1000)`;

/** The row's columns, in the order itemJson reads them (after the total). */
const COLUMNS = [
  'i.id',
  'i.organisation_id',
  'i.reference',
  'i.title',
  'i.description',
  'i.role',
  epochMs('i.occurred_at'),
  epochMs('i.detected_at'),
  epochMs('i.aware_at'),
  epochMs('i.contained_at'),
  epochMs('i.classified_at'),
  'i.status',
  // Arrays as JSON text, ready to embed: no array literal parsed in Node and written again.
  'array_to_json(i.affected_countries)::text',
  'i.records_approx',
  'array_to_json(i.subject_categories)::text',
  'i.likely_consequences',
  'i.measures_taken',
  'i.measures_proposed',
  'i.controllers::text',
  'i.created_by',
  epochMs('i.created_at'),
  epochMs('i.updated_at'),
  'i.version',
].join(', ');
