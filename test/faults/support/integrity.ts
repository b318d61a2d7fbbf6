import type pg from 'pg';
import { computeObligations } from '../../../src/modules/obligations/domain/compute-obligations.js';
import type { Exchange } from './http.js';

/**
 * What IncidentsService.create writes in one transaction, checked row by row after a fault:
 * the incident, its `created` timeline entry and `incident.created` audit entry, and, from
 * awareness on, every obligation the deadline rules give it (kinds and due times, from the
 * same pure function the service uses), the `obligations_updated` entry on the timeline and
 * in the audit trail, and a planned rung for each open duty with a deadline.
 */
export interface IncidentRow {
  readonly id: string;
  readonly reference: string;
  readonly createdBy: string;
  /** The X-Request-Id of the request that created it (from its `created` timeline entry). */
  readonly createdByRequest: string | null;
  readonly problems: string[];
}

interface Row {
  id: string;
  reference: string;
  created_by: string;
  role: 'controller' | 'processor';
  aware_at: Date | null;
  classified_at: Date | null;
  affected_countries: string[];
  status: string;
  timeline: Array<{ action: string; request_id: string | null }>;
  audit: Array<{ action: string; request_id: string | null }>;
  obligations: Array<{ kind: string; status: string; due_at: string | null; rungs: number }>;
}

export async function checkIncidents(client: pg.Client, organisationId: string): Promise<IncidentRow[]> {
  const org = (
    await client.query(
      `SELECT time_zone, nis2_entity, trust_service_provider, dora_financial_entity, controller_notice_window_hours, subject_notice_hours FROM organisations WHERE id = $1`,
      [organisationId],
    )
  ).rows[0];
  const { rows } = await client.query<Row>(
    `SELECT i.id, i.reference, i.created_by, i.role, i.aware_at, i.classified_at, i.affected_countries, i.status,
       COALESCE((SELECT json_agg(json_build_object('action', t.action, 'request_id', t.request_id) ORDER BY t.id) FROM incident_timeline t WHERE t.incident_id = i.id), '[]') AS timeline,
       COALESCE((SELECT json_agg(json_build_object('action', a.action, 'request_id', a.request_id) ORDER BY a.seq) FROM audit_entries a
                  WHERE a.chain = 'org:' || i.organisation_id AND a.entity_type = 'incident' AND a.entity_id = i.id::text), '[]') AS audit,
       COALESCE((SELECT json_agg(json_build_object('kind', o.kind, 'status', o.status, 'due_at', o.due_at,
                  'rungs', (SELECT count(*) FROM escalations e WHERE e.obligation_id = o.id AND e.state IN ('pending', 'fired')))) FROM obligations o WHERE o.incident_id = i.id), '[]') AS obligations
       FROM incidents i WHERE i.organisation_id = $1 ORDER BY i.reference`,
    [organisationId],
  );
  return rows.map((row) => {
    const problems: string[] = [];
    const created = row.timeline.find((t) => t.action === 'created');
    if (!created) problems.push('no "created" timeline entry');
    if (!row.audit.some((a) => a.action === 'incident.created')) problems.push('no "incident.created" audit entry');
    const expected = computeObligations({
      incident: { role: row.role, awareAt: row.aware_at, classifiedAt: row.classified_at, affectedCountries: row.affected_countries },
      organisation: {
        timeZone: org.time_zone,
        nis2Entity: org.nis2_entity,
        trustServiceProvider: org.trust_service_provider,
        doraFinancialEntity: org.dora_financial_entity,
        controllerNoticeWindowHours: org.controller_notice_window_hours,
        subjectNoticeHours: org.subject_notice_hours,
      },
      decision: null,
      filedAt: {},
    });
    for (const spec of expected) {
      const stored = row.obligations.find((o) => o.kind === spec.kind);
      if (!stored) {
        problems.push(`obligation ${spec.kind} missing`);
        continue;
      }
      const due = stored.due_at === null ? null : new Date(stored.due_at).toISOString();
      if (due !== (spec.dueAt?.toISOString() ?? null)) problems.push(`obligation ${spec.kind} due ${due}, rules say ${spec.dueAt?.toISOString()}`);
      if (stored.status === 'open' && stored.due_at !== null && Number(stored.rungs) === 0) problems.push(`obligation ${spec.kind} is open with no escalation rung planned`);
    }
    for (const o of row.obligations) if (!expected.some((s) => s.kind === o.kind)) problems.push(`unexpected obligation ${o.kind}`);
    if (expected.length > 0) {
      if (!row.timeline.some((t) => t.action === 'obligations_updated')) problems.push('no "obligations_updated" timeline entry');
      if (!row.audit.some((a) => a.action === 'incident.obligations_updated')) problems.push('no "incident.obligations_updated" audit entry');
    }
    return { id: row.id, reference: row.reference, createdBy: row.created_by, createdByRequest: created?.request_id ?? null, problems };
  });
}

/**
 * Every incident row against the answers to `POST /api/incidents`: a 201 whose row is missing,
 * or a row created by a request that was answered anything but 201, is a lie to the client.
 * Rows made by requests that never got an answer (the connection broke) are the only
 * unacknowledged rows allowed.
 */
export function reconcileCreations(rows: readonly IncidentRow[], posts: readonly Exchange[]) {
  const byRequest = new Map(posts.map((p) => [p.requestId, p]));
  const rowIds = new Set(rows.map((r) => r.id));
  const acknowledged = posts.filter((p) => p.status === 201);
  const unanswered = posts.filter((p) => p.status === null);
  return {
    acknowledged: acknowledged.length,
    unanswered: unanswered.length,
    /** 201 answers with no row. */
    lostAcknowledged: acknowledged.filter((p) => !rowIds.has(p.body?.id)).map((p) => ({ requestId: p.requestId, id: p.body?.id })),
    /** Rows whose request was answered with an error (it said nothing was written). */
    rowsDeniedByAnswer: rows
      .filter((r) => {
        const status = r.createdByRequest === null ? undefined : byRequest.get(r.createdByRequest)?.status;
        return status !== undefined && status !== null && status !== 201;
      })
      .map((r) => ({ reference: r.reference, requestId: r.createdByRequest, answered: byRequest.get(r.createdByRequest as string)?.status, body: byRequest.get(r.createdByRequest as string)?.body })),
    /** Rows of ours created by no request we sent. */
    rowsFromNowhere: rows.filter((r) => r.createdByRequest === null || !byRequest.has(r.createdByRequest)).map((r) => r.reference),
    /** Rows made by requests that got no answer: allowed, counted. */
    rowsOfUnanswered: rows.filter((r) => r.createdByRequest !== null && byRequest.get(r.createdByRequest)?.status === null).length,
    incomplete: rows.filter((r) => r.problems.length > 0).map((r) => ({ reference: r.reference, problems: r.problems })),
  };
}

/** References are per organisation and year, unique and gap-free (README § Incidents). */
export function referenceGaps(rows: readonly IncidentRow[]): string[] {
  const byYear = new Map<string, number[]>();
  for (const r of rows) {
    const [, year, number] = r.reference.split('-');
    byYear.set(year as string, [...(byYear.get(year as string) ?? []), Number(number)]);
  }
  const problems: string[] = [];
  for (const [year, numbers] of byYear) {
    numbers.sort((a, b) => a - b).forEach((n, i) => {
      if (n !== i + 1) problems.push(`${year}: reference #${i + 1} is ${n}`);
    });
  }
  return problems.slice(0, 10);
}

/** How many timeline and audit entries each request id left (the service records the caller's X-Request-Id). */
export async function traces(client: pg.Client, requestIds: readonly string[]): Promise<Map<string, { timeline: string[]; audit: string[] }>> {
  const found = new Map(requestIds.map((id) => [id, { timeline: [] as string[], audit: [] as string[] }]));
  const timeline = await client.query(`SELECT request_id, action FROM incident_timeline WHERE request_id = ANY($1)`, [requestIds]);
  for (const row of timeline.rows) found.get(row.request_id)?.timeline.push(row.action);
  const audit = await client.query(`SELECT request_id, action FROM audit_entries WHERE request_id = ANY($1)`, [requestIds]);
  for (const row of audit.rows) found.get(row.request_id)?.audit.push(row.action);
  return found;
}
