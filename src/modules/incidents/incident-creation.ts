import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { Pipeline } from '../../database/pipelined-transaction.js';
import { statementName } from '../../database/prepared.js';
import type { Settled } from '../../database/group-commit.js';
import { type InsertPart, insertEntities, insertPart, MAX_PARAMETERS, unnestPart } from '../../database/insert-entities.js';
import { DomainError } from '../../shared/domain/domain-error.js';
import { yearIn } from '../../shared/domain/time.js';
import { auditedPipeline, auditWriter, type ChainHead } from '../audit/audit-trail.js';
import { inScope, type Scope } from '../auth/principal.js';
import type { ClockOrganisation, NewIncident, ObligationsService } from '../obligations/obligations.service.js';
import type { OrganisationEntity } from '../organisations/organisation.entity.js';
import { controllersFor } from './domain/incident-controllers.js';
import { formatReference } from './domain/incident-reference.js';
import { assertRoleHeld } from './domain/incident-role.js';
import type { CreateIncidentDto, IncidentView } from './dto/incident.dto.js';
import { IncidentEntity } from './incident.entity.js';
import { toIncidentView } from './incident.view.js';
import { EscalationEntity } from '../obligations/escalation.entity.js';
import { ObligationEntity } from '../obligations/obligation.entity.js';
import { TimelineEntryEntity } from './timeline-entry.entity.js';
import { type ActingContext, recordTimeline, type TimelineEvent } from './timeline.js';

/** The most incidents one transaction creates; more wait for the next (a statement's parameters stay far below PostgreSQL's 65,535). */
export const MAX_CREATIONS_PER_TRANSACTION = 64;

/**
 * Creation transactions under way at once in one process: the next group starts when this one
 * has sent its last statement (GroupCommit's release), so that its first statements overlap
 * this one's last. More would only wait on each other's counter and audit-head locks.
 */
export const CREATION_GROUPS_IN_FLIGHT = 2;

/** A creation whose body was checked on its own (timestamps against `now`), waiting for its transaction. */
export interface CreationRequest {
  readonly dto: CreateIncidentDto;
  readonly scope: Scope;
  readonly acting: ActingContext;
  readonly now: Date;
  /** The body's instants, parsed and checked. */
  readonly instants: {
    readonly occurredAt: Date | null;
    readonly detectedAt: Date;
    readonly awareAt: Date | null;
    readonly classifiedAt: Date | null;
    readonly containedAt: Date | null;
  };
}

interface Accepted extends NewIncident {
  readonly organisation: CreatingOrganisation;
  readonly index: number;
  readonly year: number;
}

/**
 * Creates incidents in one audited transaction of three statements, whatever their number and
 * organisations: the organisations (with `START` queued ahead of them), the reference counters
 * with the audit heads, and everything else in one statement (writeAll, with `COMMIT` queued
 * behind it); see pipelinedTransaction. A request refused on its own (unknown organisation,
 * a role it does not hold, controllers named for a controller incident) is settled with its
 * error and the others go on; anything else fails the transaction, and nothing is written.
 */
export function createIncidents(
  db: DataSource,
  obligations: ObligationsService,
  requests: readonly CreationRequest[],
  release: () => void = () => undefined,
): Promise<Array<Settled<IncidentView>>> {
  return auditedPipeline(db, async (manager, tx) => {
    const outcomes: Array<Settled<IncidentView>> = [];
    const organisations = await organisationsOf(tx, requests);
    const accepted: Accepted[] = [];
    requests.forEach((request, index) => {
      const { dto, acting, now } = request;
      // Another organisation's id is answered exactly as an unknown one.
      const organisation = organisations.get(dto.organisationId);
      if (!organisation || !inScope(request.scope, organisation.id)) {
        outcomes[index] = {
          ok: false,
          error: new DomainError('INCIDENT.UNKNOWN_ORGANISATION', `Organisation ${dto.organisationId} does not exist`, 'unprocessable', { field: 'organisationId' }),
        };
        return;
      }
      const role = dto.role ?? (organisation.roles.includes('controller') ? 'controller' : 'processor');
      let controllers: IncidentEntity['controllers'];
      try {
        assertRoleHeld(organisation, role);
        controllers = controllersFor(role, dto.controllers);
      } catch (error) {
        // Refused on its own: the rest of the group goes on.
        outcomes[index] = { ok: false, error };
        return;
      }
      // Plain construction: manager.create would copy each field again through TypeORM's metadata.
      const incident = Object.assign(new IncidentEntity(), {
        id: randomUUID(),
        organisationId: organisation.id,
        title: dto.title,
        description: dto.description ?? '',
        role,
        ...request.instants,
        status: 'investigating',
        affectedCountries: dto.affectedCountries ?? [],
        recordsApprox: dto.recordsApprox ?? null,
        subjectCategories: dto.subjectCategories ?? [],
        likelyConsequences: dto.likelyConsequences ?? null,
        measuresTaken: dto.measuresTaken ?? null,
        measuresProposed: dto.measuresProposed ?? null,
        controllers,
        createdBy: acting.actor,
      });
      accepted.push({ index, incident, organisation, acting, now, year: yearIn(now, organisation.timeZone) });
    });
    if (accepted.length === 0) return outcomes;

    // References, and the audit heads of the organisations' chains, in one statement.
    const heads = await takeReferencesAndLockHeads(manager, tx, accepted);

    // The clock runs from awareness (GDPR Art. 33(1)): deadlines exist from this commit on.
    const clocks = obligations.planNewClocks(manager, accepted);
    const events: Array<{ acting: ActingContext; event: TimelineEvent }> = [];
    accepted.forEach((a, k) => {
      const { incident, acting, now } = a;
      events.push({ acting, event: { incidentId: incident.id, organisationId: incident.organisationId, at: now, action: 'created', summary: `Incident ${incident.reference} recorded` } });
      const started = clocks.events[k];
      if (started) events.push({ acting, event: started });
    });
    const timeline = recordTimeline(manager, events);
    // The next group starts once the last statement is on its way (GroupCommit's release).
    const commitAndRelease: Pipeline['commitWith'] = (text, parameters, name) => {
      const committed = tx.commitWith(text, parameters, name);
      release();
      return committed;
    };
    await writeAll(manager, commitAndRelease, heads, accepted.map((a) => a.incident), [
      [ObligationEntity, clocks.obligations],
      [EscalationEntity, clocks.rungs],
      [TimelineEntryEntity, timeline],
    ]);
    for (const a of accepted) outcomes[a.index] = { ok: true, value: toIncidentView(a.incident) };
    return outcomes;
  });
}

/**
 * Everything the group writes, after the references, in one statement: the incidents (whose
 * creation dates come back), their obligations, rungs and timeline entries, and the audit
 * entries with the moved heads. Foreign keys are checked at the end of the statement, when
 * every row is there; COMMIT goes right behind it.
 *
 * Each table's rows go as arrays (unnestPart), so the statement's text depends only on which
 * tables get rows: prepared under a name, it is parsed and planned once per connection.
 * Rows one text cannot say go as VALUES (insertPart), in an unnamed statement, or in several
 * statements when they would pass a statement's parameters.
 */
async function writeAll(
  manager: EntityManager,
  commitWith: Pipeline['commitWith'],
  heads: ReadonlyMap<string, ChainHead>,
  incidents: readonly IncidentEntity[],
  others: ReadonlyArray<readonly [EntityTarget<ObjectLiteral>, ReadonlyArray<ObjectLiteral>]>,
): Promise<void> {
  const parameters: unknown[] = [];
  const items: string[] = [];
  let constant = true;
  const part = (target: EntityTarget<ObjectLiteral>, rows: ReadonlyArray<ObjectLiteral>): InsertPart => {
    const arrays = unnestPart(manager, target, rows, parameters.length + 1);
    if (arrays) return arrays;
    constant = false;
    return insertPart(manager, target, rows, parameters.length + 1);
  };
  const first = part(IncidentEntity, incidents);
  parameters.push(...first.parameters);
  items.push(`incidents_written AS (${first.text})`);
  others.forEach(([target, rows], k) => {
    if (rows.length === 0) return;
    const written = part(target, rows);
    parameters.push(...written.parameters);
    items.push(`written_${k} AS (${written.text})`);
  });
  if (parameters.length > MAX_PARAMETERS) {
    await insertEntities(manager, IncidentEntity, incidents);
    for (const [target, rows] of others) await insertEntities(manager, target, rows);
    const append = auditWriter.takeAppend(manager, heads, 1);
    await commitWith(append ? `WITH ${append.text} SELECT 1` : 'SELECT 1', append?.parameters ?? []);
    return;
  }
  const append = auditWriter.takeAppend(manager, heads, parameters.length + 1);
  if (append) {
    parameters.push(...append.parameters);
    items.push(append.text);
  }
  const text = `WITH ${items.join(',\n')} ${first.returns ? 'SELECT * FROM incidents_written' : 'SELECT 1'}`;
  const returned = await commitWith(text, parameters, constant ? statementName('incident_create', text) : undefined);
  first.fill(returned);
}

/** What creating an incident needs of its organisation: who it is, its roles, and what its clocks depend on. */
type CreatingOrganisation = Pick<OrganisationEntity, 'id' | 'legalName' | 'roles'> & ClockOrganisation;

/**
 * The requests' organisations (those in their scope), in one plain statement: an entity
 * query built and hydrated every field of every organisation, about 5% of a creation's CPU.
 *
 * Locked FOR KEY SHARE, the lock the incidents' foreign keys would take later anyway, so that
 * it is taken first: an organisation's own change (which locks its row, then the audit head
 * at its end) then waits here, before this group holds any audit head, and the two cannot
 * wait on each other crosswise.
 */
async function organisationsOf(tx: Pipeline, requests: readonly CreationRequest[]): Promise<Map<string, CreatingOrganisation>> {
  const ids = [...new Set(requests.filter((r) => inScope(r.scope, r.dto.organisationId)).map((r) => r.dto.organisationId))];
  if (ids.length === 0) return new Map();
  // Aliased to the entity's property names: the rows are the organisations as creation needs them.
  const rows = (await tx.query(
    ORGANISATIONS_FOR_CREATION,
    [ids],
    statementName('incident_create', ORGANISATIONS_FOR_CREATION),
  )) as unknown as CreatingOrganisation[];
  return new Map(rows.map((row) => [row.id, row]));
}

const ORGANISATIONS_FOR_CREATION = `SELECT id, legal_name AS "legalName", roles, time_zone AS "timeZone", nis2_entity AS "nis2Entity",
            trust_service_provider AS "trustServiceProvider", dora_financial_entity AS "doraFinancialEntity",
            controller_notice_window_hours AS "controllerNoticeWindowHours", subject_notice_hours AS "subjectNoticeHours",
            escalation_ladder AS "escalationLadder"
       FROM organisations WHERE id = ANY($1::uuid[])
      FOR KEY SHARE`;

/**
 * Gives each incident the next numbers of its (organisation, year), in the order of the
 * requests, and locks the audit heads of the organisations' chains, in one statement. The
 * counter rows are locked by the upsert until the transaction ends, in key order, then the
 * heads in chain order (so two transactions never wait on each other crosswise), and a
 * rolled-back transaction gives its numbers back: references stay unique and gap-free.
 */
async function takeReferencesAndLockHeads(manager: EntityManager, tx: Pipeline, accepted: readonly Accepted[]): Promise<Map<string, ChainHead>> {
  const counts = new Map<string, { organisationId: string; year: number; count: number }>();
  for (const a of accepted) {
    const key = `${a.organisation.id} ${a.year}`;
    const counter = counts.get(key);
    if (counter) counter.count += 1;
    else counts.set(key, { organisationId: a.organisation.id, year: a.year, count: 1 });
  }
  const keys = [...counts.values()].sort((a, b) => (a.organisationId < b.organisationId ? -1 : a.organisationId > b.organisationId ? 1 : a.year - b.year));
  const chains = auditWriter.chainsOf(accepted.map((a) => a.organisation.id));
  const rows = (await tx.query(
    REFERENCES_AND_HEADS,
    [keys.map((k) => k.organisationId), keys.map((k) => k.year), keys.map((k) => k.count), chains],
    statementName('incident_create', REFERENCES_AND_HEADS),
  )) as Array<{ kind: 'counter' | 'head'; key: string; year: number | null; value: string; hash: string | null }>;
  // The next free number of each key: the last one taken, less the count, plus one.
  const next = new Map<string, number>();
  for (const row of rows) {
    if (row.kind !== 'counter') continue;
    const key = `${row.key} ${row.year}`;
    next.set(key, Number(row.value) - (counts.get(key)?.count ?? 0) + 1);
  }
  for (const a of accepted) {
    const key = `${a.organisation.id} ${a.year}`;
    const sequence = next.get(key);
    if (sequence === undefined) throw new Error(`Incident references: no counter came back for ${key}`);
    a.incident.reference = formatReference(a.year, sequence);
    next.set(key, sequence + 1);
  }
  const headRows = rows.filter((row) => row.kind === 'head').map((row) => ({ chain: row.key, seq: row.value, hash: row.hash as string }));
  return auditWriter.heads(manager, chains, headRows);
}

const REFERENCES_AND_HEADS = `WITH counted AS (
       INSERT INTO incident_reference_counters (organisation_id, year, last_sequence)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[])
       ON CONFLICT (organisation_id, year) DO UPDATE SET last_sequence = incident_reference_counters.last_sequence + EXCLUDED.last_sequence
       RETURNING organisation_id, year, last_sequence)
     SELECT 'counter' AS kind, organisation_id::text AS key, year, last_sequence::text AS value, NULL::text AS hash FROM counted
     UNION ALL
     SELECT 'head', chain, NULL, seq::text, hash FROM (${auditWriter.headsForUpdate('$4')}) heads`;
