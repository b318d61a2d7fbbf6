import { audited } from '../audit/audit-trail.js';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Scope } from '../auth/principal.js';
import { GroupCommit } from '../../database/group-commit.js';
import { isDatabaseUnavailable } from '../../shared/http/http-exception.filter.js';
import { CLOCK, type Clock } from '../../shared/domain/clock.js';
import { DomainError } from '../../shared/domain/domain-error.js';
import type { Page } from '../../shared/http/pagination.js';
import { toInstant } from '../../shared/http/validators.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { incidentPageJson } from './incident-page.query.js';
import { loadIncident } from './incident-loader.js';
import { assertTransition } from './domain/incident-status.js';
import { assertRoleHeld } from './domain/incident-role.js';
import { assertValidTimestamps, validContainedAt } from './domain/incident-timestamps.js';
import { assertControllersFitRole, normaliseControllers } from './domain/incident-controllers.js';
import { ObligationsService } from '../obligations/obligations.service.js';
import type { ChangeStatusDto, CreateIncidentDto, IncidentView, ListIncidentsQuery, TimelineEntryView, UpdateIncidentDto } from './dto/incident.dto.js';
import { CREATION_GROUPS_IN_FLIGHT, type CreationRequest, createIncidents, MAX_CREATIONS_PER_TRANSACTION } from './incident-creation.js';
import type { IncidentEntity } from './incident.entity.js';
import { toIncidentView } from './incident.view.js';
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
  ) {
    this.creations = new GroupCommit((requests, release) => createIncidents(this.db, this.obligations, requests, release), {
      maxGroup: MAX_CREATIONS_PER_TRANSACTION,
      maxInFlight: CREATION_GROUPS_IN_FLIGHT,
      retryAlone: (error) => !isDatabaseUnavailable(error),
    });
  }

  private readonly creations: GroupCommit<CreationRequest, IncidentView>;

  async create(dto: CreateIncidentDto, scope: Scope, acting: ActingContext): Promise<IncidentView> {
    const now = this.clock.now();
    const moments = { occurredAt: toInstant(dto.occurredAt ?? null), detectedAt: toInstant(dto.detectedAt), awareAt: toInstant(dto.awareAt ?? null) };
    assertValidTimestamps(moments, now);
    const classifiedAt = toInstant(dto.classifiedAt ?? null);
    assertClassification(classifiedAt, moments.detectedAt, now);
    const containedAt = validContainedAt(toInstant(dto.containedAt ?? null), moments.detectedAt, now);
    // Creations that arrive together commit together (group commit, see incident-creation.ts).
    return this.creations.submit({ dto, scope, acting, now, instants: { ...moments, classifiedAt, containedAt } });
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
