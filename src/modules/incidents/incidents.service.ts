import { audited } from '../audit/audit-trail.js';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { inScope, type Scope } from '../auth/principal.js';
import { CLOCK, type Clock } from '../../shared/domain/clock.js';
import { DomainError } from '../../shared/domain/domain-error.js';
import { yearIn } from '../../shared/domain/time.js';
import type { Page } from '../../shared/http/pagination.js';
import { toInstant } from '../../shared/http/validators.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { incidentPageJson } from './incident-page.query.js';
import { loadIncident } from './incident-loader.js';
import { allowedTransitions, assertTransition } from './domain/incident-status.js';
import { formatReference } from './domain/incident-reference.js';
import { assertValidTimestamps, validContainedAt } from './domain/incident-timestamps.js';
import { assertControllersFitRole, controllersFor, normaliseControllers } from './domain/incident-controllers.js';
import { ObligationsService } from '../obligations/obligations.service.js';
import type { ChangeStatusDto, CreateIncidentDto, IncidentView, ListIncidentsQuery, TimelineEntryView, UpdateIncidentDto } from './dto/incident.dto.js';
import { IncidentEntity } from './incident.entity.js';
import { type FieldChange, TimelineEntryEntity } from './timeline-entry.entity.js';
import { type ActingContext, appendTimeline } from './timeline.js';

export type { ActingContext } from './timeline.js';

/** Fields whose changes are recorded on the timeline, in display order. */
/** What notices say beyond the assessment (GDPR Art. 33(3)). */
const NOTICE_FIELDS = ['recordsApprox', 'subjectCategories', 'likelyConsequences', 'measuresTaken', 'measuresProposed'] as const;

const TRACKED = ['title', 'description', 'role', 'occurredAt', 'detectedAt', 'awareAt', 'containedAt', 'classifiedAt', 'affectedCountries', ...NOTICE_FIELDS, 'controllers', 'status'] as const;

/** Changes that move or create deadlines. */
const CLOCK_FIELDS = ['role', 'awareAt', 'classifiedAt', 'affectedCountries'] as const;

@Injectable()
export class IncidentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly obligations: ObligationsService,
  ) {}

  async create(dto: CreateIncidentDto, scope: Scope, acting: ActingContext): Promise<IncidentView> {
    const now = this.clock.now();
    const moments = { occurredAt: toInstant(dto.occurredAt ?? null), detectedAt: toInstant(dto.detectedAt), awareAt: toInstant(dto.awareAt ?? null) };
    const classifiedAt = toInstant(dto.classifiedAt ?? null);
    assertValidTimestamps(moments, now);
    assertClassification(classifiedAt, moments.detectedAt, now);

    return audited(this.db, async (manager) => {
      // Another organisation's id is answered exactly as an unknown one.
      const organisation = inScope(scope, dto.organisationId) ? await manager.findOne(OrganisationEntity, { where: { id: dto.organisationId } }) : null;
      if (!organisation) {
        throw new DomainError('INCIDENT.UNKNOWN_ORGANISATION', `Organisation ${dto.organisationId} does not exist`, 'unprocessable', {
          field: 'organisationId',
        });
      }
      const role = dto.role ?? (organisation.roles.includes('controller') ? 'controller' : 'processor');
      assertRoleHeld(organisation, role);

      const reference = formatReference(...(await this.nextSequence(manager, organisation, now)));
      const incident = await manager.save(
        manager.create(IncidentEntity, {
          organisationId: organisation.id,
          reference,
          title: dto.title,
          description: dto.description ?? '',
          role,
          ...moments,
          classifiedAt,
          status: 'investigating',
          affectedCountries: dto.affectedCountries ?? [],
          recordsApprox: dto.recordsApprox ?? null,
          subjectCategories: dto.subjectCategories ?? [],
          likelyConsequences: dto.likelyConsequences ?? null,
          measuresTaken: dto.measuresTaken ?? null,
          measuresProposed: dto.measuresProposed ?? null,
          containedAt: validContainedAt(toInstant(dto.containedAt ?? null), toInstant(dto.detectedAt), now),
          controllers: controllersFor(role, dto.controllers),
          createdBy: acting.actor,
        }),
      );
      await appendTimeline(manager, acting, { incidentId: incident.id, organisationId: incident.organisationId, at: now, action: 'created', summary: `Incident ${reference} recorded` });
      // The clock runs from awareness (GDPR Art. 33(1)): deadlines exist from this commit on.
      await this.obligations.recompute(manager, incident.id, acting, { created: { incident, organisation } });
      return toIncidentView(incident);
    });
  }

  /**
   * Takes the next number for (organisation, year). The counter row is locked by the upsert
   * until the transaction ends, so concurrent creations queue and a rolled-back insert gives
   * its number back: references stay unique and gap-free.
   */
  private async nextSequence(manager: EntityManager, organisation: OrganisationEntity, now: Date): Promise<[number, number]> {
    const year = yearIn(now, organisation.timeZone);
    const rows: Array<{ last_sequence: number }> = await manager.query(
      `INSERT INTO incident_reference_counters (organisation_id, year, last_sequence) VALUES ($1, $2, 1)
       ON CONFLICT (organisation_id, year) DO UPDATE SET last_sequence = incident_reference_counters.last_sequence + 1
       RETURNING last_sequence`,
      [organisation.id, year],
    );
    return [year, Number(rows[0]?.last_sequence)];
  }

  async get(id: string): Promise<IncidentView> {
    return toIncidentView(await this.load(this.db.manager, id));
  }

  load(manager: EntityManager, id: string, lock = false): Promise<IncidentEntity> {
    return loadIncident(manager, id, lock);
  }

  async list(query: ListIncidentsQuery, scope: Scope): Promise<Page<IncidentView>> {
    return JSON.parse(await this.listJson(query, scope)) as Page<IncidentView>;
  }

  /** The same page as JSON text, for the API to send as it is. */
  listJson(query: ListIncidentsQuery, scope: Scope): Promise<string> {
    return incidentPageJson(this.db, query, scope);
  }

  async update(id: string, dto: UpdateIncidentDto, acting: ActingContext): Promise<IncidentView> {
    const now = this.clock.now();
    return audited(this.db, async (manager) => {
      const incident = await this.load(manager, id, true);
      const before = snapshot(incident);

      if (dto.title !== undefined) incident.title = dto.title;
      if (dto.description !== undefined) incident.description = dto.description;
      if (dto.occurredAt !== undefined) incident.occurredAt = toInstant(dto.occurredAt);
      if (dto.detectedAt !== undefined) incident.detectedAt = toInstant(dto.detectedAt);
      if (dto.awareAt !== undefined) incident.awareAt = toInstant(dto.awareAt);
      if (dto.classifiedAt !== undefined) incident.classifiedAt = toInstant(dto.classifiedAt);
      if (dto.containedAt !== undefined) incident.containedAt = toInstant(dto.containedAt);
      if (dto.affectedCountries !== undefined) incident.affectedCountries = dto.affectedCountries;
      if (dto.controllers !== undefined) incident.controllers = normaliseControllers(dto.controllers);
      for (const field of NOTICE_FIELDS) {
        if (dto[field] !== undefined) (incident as unknown as Record<string, unknown>)[field] = dto[field];
      }
      if (dto.role !== undefined && dto.role !== incident.role) {
        const organisation = await manager.findOneOrFail(OrganisationEntity, { where: { id: incident.organisationId } });
        assertRoleHeld(organisation, dto.role);
        incident.role = dto.role;
      }
      // Checked on the result: a role change to controller must clear the controllers with it.
      assertControllersFitRole(incident.role, incident.controllers);

      assertValidTimestamps(incident, now);
      assertClassification(incident.classifiedAt, incident.detectedAt, now);
      if (incident.awareAt === null && incident.status !== 'investigating' && incident.status !== 'not_a_breach') {
        throw new DomainError('INCIDENT.AWARE_AT_REQUIRED', `awareAt cannot be removed from a ${incident.status} incident`, 'unprocessable', {
          field: 'awareAt',
        });
      }
      if (before.awareAt !== (incident.awareAt?.toISOString() ?? null)) {
        await this.obligations.assertAwareAtChangeAllowed(manager, incident.id, dto.awareAtChangeReason);
      }

      const changes = diff(before, snapshot(incident));
      if (Object.keys(changes).length === 0) return toIncidentView(incident);
      const saved = await manager.save(incident);
      const why = changes.awareAt && dto.awareAtChangeReason ? ` (awareAt moved: ${dto.awareAtChangeReason.trim()})` : '';
      await appendTimeline(manager, acting, { incidentId: saved.id, organisationId: saved.organisationId, at: now, action: 'updated', summary: `Changed ${Object.keys(changes).join(', ')}${why}`, changes });
      if (CLOCK_FIELDS.some((field) => field in changes)) await this.obligations.recompute(manager, saved.id, acting);
      return toIncidentView(saved);
    });
  }

  async changeStatus(id: string, dto: ChangeStatusDto, acting: ActingContext): Promise<IncidentView> {
    const now = this.clock.now();
    return audited(this.db, async (manager) => {
      const incident = await this.load(manager, id, true);
      const reason = dto.reason?.trim() || undefined;
      assertTransition({ from: incident.status, to: dto.status, awareAt: incident.awareAt, reason });
      const from = incident.status;
      incident.status = dto.status;
      const saved = await manager.save(incident);
      const summary = `Status ${from} → ${dto.status}` + (reason ? `: ${reason}` : '');
      await appendTimeline(manager, acting, { incidentId: saved.id, organisationId: saved.organisationId, at: now, action: 'status_changed', summary, changes: { status: { from, to: dto.status } } });
      if (from === 'not_a_breach' || dto.status === 'not_a_breach') await this.obligations.recompute(manager, saved.id, acting);
      return toIncidentView(saved);
    });
  }

  async timeline(id: string, limit: number, offset: number): Promise<Page<TimelineEntryView>> {
    await this.load(this.db.manager, id);
    const [rows, total] = await this.db.manager.findAndCount(TimelineEntryEntity, {
      where: { incidentId: id },
      order: { at: 'ASC', id: 'ASC' },
      skip: offset,
      take: limit,
    });
    return {
      items: rows.map((e) => ({ id: String(e.id), at: e.at.toISOString(), actor: e.actor, action: e.action, summary: e.summary, changes: e.changes, requestId: e.requestId })),
      total,
      limit,
      offset,
    };
  }

}

/** DORA classification happens after the first signal, and not in the future. */
function assertClassification(classifiedAt: Date | null, detectedAt: Date, now: Date): void {
  if (classifiedAt === null) return;
  const violations = [];
  if (classifiedAt.getTime() > now.getTime() + 60_000) violations.push({ field: 'classifiedAt', code: 'IN_FUTURE', message: 'classifiedAt is in the future' });
  if (classifiedAt < detectedAt) violations.push({ field: 'classifiedAt', code: 'BEFORE_DETECTED', message: 'classifiedAt is before detectedAt' });
  if (violations.length > 0) {
    throw new DomainError('INCIDENT.INVALID_TIMESTAMPS', violations.map((v) => v.message).join('; '), 'unprocessable', { violations });
  }
}

function assertRoleHeld(organisation: OrganisationEntity, role: string): void {
  if (!organisation.roles.includes(role as OrganisationEntity['roles'][number])) {
    throw new DomainError(
      'INCIDENT.ROLE_NOT_HELD',
      `${organisation.legalName} is not registered as ${role} (its roles: ${organisation.roles.join(', ')})`,
      'unprocessable',
      { field: 'role' },
    );
  }
}

type Snapshot = Record<(typeof TRACKED)[number], unknown>;

function snapshot(incident: IncidentEntity): Snapshot {
  const json = (value: unknown) => (value instanceof Date ? value.toISOString() : value);
  return Object.fromEntries(TRACKED.map((field) => [field, json(incident[field])])) as Snapshot;
}

function diff(before: Snapshot, after: Snapshot): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const field of TRACKED) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) changes[field] = { from: before[field], to: after[field] };
  }
  return changes;
}

export function toIncidentView(i: IncidentEntity): IncidentView {
  return {
    id: i.id,
    organisationId: i.organisationId,
    reference: i.reference,
    title: i.title,
    description: i.description,
    role: i.role,
    occurredAt: i.occurredAt?.toISOString() ?? null,
    detectedAt: i.detectedAt.toISOString(),
    awareAt: i.awareAt?.toISOString() ?? null,
    containedAt: i.containedAt?.toISOString() ?? null,
    classifiedAt: i.classifiedAt?.toISOString() ?? null,
    status: i.status,
    allowedTransitions: [...allowedTransitions(i.status)],
    affectedCountries: i.affectedCountries,
    recordsApprox: i.recordsApprox,
    subjectCategories: i.subjectCategories,
    likelyConsequences: i.likelyConsequences,
    measuresTaken: i.measuresTaken,
    measuresProposed: i.measuresProposed,
    controllers: i.controllers,
    createdBy: i.createdBy,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
    version: i.version,
  };
}
