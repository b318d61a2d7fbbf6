import { audited } from '../audit/audit-trail.js';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { CLOCK, type Clock } from '../../shared/domain/clock.js';
import { DomainError } from '../../shared/domain/domain-error.js';
import type { Reason } from '../../shared/domain/reason.js';
import { toInstant } from '../../shared/http/validators.js';
import { loadCurrentDecision } from '../assessment/current-decision.js';
import { IncidentEntity } from '../incidents/incident.entity.js';
import { loadIncident } from '../incidents/incident-loader.js';
import { type ActingContext, appendTimeline, type TimelineEvent } from '../incidents/timeline.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { computeObligations } from './domain/compute-obligations.js';
import { filingViolations, isOnTime } from './domain/filing.js';
import type { DecisionFacts, ObligationKind, ObligationSpec } from './domain/obligation.types.js';
import type { FulfilObligationDto, ObligationList, ObligationView, WaiveObligationDto } from './dto/obligation.dto.js';
import { EscalationPlanner, rungsFor } from './escalation-planner.js';
import type { EscalationEntity } from './escalation.entity.js';
import { ObligationEntity } from './obligation.entity.js';
import { toObligationView } from './obligation.view.js';

interface CurrentDecision extends DecisionFacts {
  readonly decidedAt: Date;
}

export interface RecomputeOptions {
  /** Plan every open obligation's rungs again (the organisation's ladder changed). */
  readonly replanRungs?: boolean;
}

/** What an incident's obligations and their rungs depend on in its organisation. */
export type ClockOrganisation = Pick<
  OrganisationEntity,
  'timeZone' | 'nis2Entity' | 'trustServiceProvider' | 'doraFinancialEntity' | 'controllerNoticeWindowHours' | 'subjectNoticeHours' | 'escalationLadder'
>;

/** The obligations and rungs of new incidents, and each incident's timeline event naming them. */
export interface NewClocks {
  readonly obligations: ObligationEntity[];
  readonly rungs: Array<Partial<EscalationEntity>>;
  readonly events: Array<TimelineEvent | undefined>;
}

/** An incident inserted in the caller's transaction, with its organisation, who created it and when. */
export interface NewIncident {
  readonly incident: IncidentEntity;
  readonly organisation: ClockOrganisation;
  readonly acting: ActingContext;
  readonly now: Date;
}

@Injectable()
export class ObligationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly planner: EscalationPlanner,
  ) {}

  /**
   * Brings an incident's obligations in line with its facts, organisation and current
   * decision, inside the caller's transaction. Rows are updated, never deleted; a filed
   * obligation is frozen. Called whenever awareAt, the organisation's flags or the
   * assessment change.
   */
  async recompute(manager: EntityManager, incidentId: string, acting: ActingContext, options: RecomputeOptions = {}): Promise<void> {
    const now = this.clock.now();
    const incident = await manager.findOneOrFail(IncidentEntity, { where: { id: incidentId } });
    const organisation = await manager.findOneOrFail(OrganisationEntity, { where: { id: incident.organisationId } });
    const existing = await manager.find(ObligationEntity, { where: { incidentId } });
    const byKind = new Map(existing.map((o) => [o.kind, o]));
    const decision = await this.currentDecision(manager, incidentId);
    const filedAt: Partial<Record<ObligationKind, Date>> = {};
    for (const o of existing) if (o.status === 'fulfilled' && o.submittedAt) filedAt[o.kind] = o.submittedAt;

    const specs = specsFor(incident, organisation, decision, filedAt);

    const touched: ObligationEntity[] = [];
    const changes: string[] = [];
    for (const spec of specs) {
      const row = byKind.get(spec.kind);
      const updated = this.apply(manager, row, spec, incident, decision);
      if (!updated) continue;
      const saved = await manager.save(updated);
      touched.push(saved);
      if (!row || row.status !== saved.status || row.dueAt?.getTime() !== saved.dueAt?.getTime()) {
        changes.push(describeObligation(saved));
      }
    }
    // Duties that no longer apply (a flag removed, the incident retracted) are kept, closed, with a reason.
    const kinds = new Set(specs.map((s) => s.kind));
    for (const row of existing) {
      if (kinds.has(row.kind) || row.status !== 'open') continue;
      row.status = 'not_required';
      row.required = false;
      row.reasons = [
        ...row.reasons,
        incident.status === 'not_a_breach'
          ? { code: 'OBLIGATION.NOT_A_BREACH', text: 'The incident was concluded not to be a personal data breach.', source: 'GDPR Art. 4(12); EDPB Guidelines 9/2022 para. 60' }
          : { code: 'OBLIGATION.NO_LONGER_APPLIES', text: 'The facts or the organisation no longer bring this duty into play.', source: 'breach-clock deadline rules' },
      ];
      touched.push(await manager.save(row));
      changes.push(`${row.label}: not required`);
    }

    // Every obligation of the incident: the stored ones (updated in place) and the new ones.
    const all = [...existing, ...touched.filter((row) => !byKind.has(row.kind))];
    for (const row of all) await this.planner.sync(manager, row, organisation, now, { replan: options.replanRungs ?? false });

    if (changes.length > 0) await appendTimeline(manager, acting, obligationsEvent(incident, now, changes));
  }

  /**
   * The obligations of new incidents and their rungs, planned from what the caller holds:
   * nothing of theirs exists yet, so nothing is read. The caller inserts them (after the
   * incidents) in its transaction, with each incident's timeline event naming its
   * obligations (undefined when it has none).
   */
  planNewClocks(manager: EntityManager, created: readonly NewIncident[]): NewClocks {
    const obligations: ObligationEntity[] = [];
    const rungs: Array<Partial<EscalationEntity>> = [];
    const events = created.map(({ incident, organisation, now }) => {
      const changes: string[] = [];
      for (const spec of specsFor(incident, organisation, null, {})) {
        const row = this.apply(manager, undefined, spec, incident, null) as ObligationEntity;
        row.id = randomUUID();
        obligations.push(row);
        rungs.push(...rungsFor(row, organisation, now));
        changes.push(describeObligation(row));
      }
      return changes.length === 0 ? undefined : obligationsEvent(incident, now, changes);
    });
    return { obligations, rungs, events };
  }

  /** Applies a computed spec to the stored row; undefined when nothing may change (filed). */
  private apply(
    manager: EntityManager,
    row: ObligationEntity | undefined,
    spec: ObligationSpec,
    incident: IncidentEntity,
    decision: CurrentDecision | null,
  ): ObligationEntity | undefined {
    if (row?.status === 'fulfilled') return undefined;
    // A signed waiver stands until a newer assessment is recorded.
    const waived = row?.waivedAt && !(decision && decision.decidedAt > row.waivedAt);
    const target = row ?? manager.create(ObligationEntity, { incidentId: incident.id, organisationId: incident.organisationId, kind: spec.kind });
    target.regime = spec.regime;
    target.recipient = spec.recipient;
    target.label = spec.label;
    target.anchor = spec.anchor;
    target.anchorAt = spec.anchorAt;
    target.dueAt = spec.dueAt;
    target.ruleId = spec.ruleId;
    target.rulesVersion = spec.rulesVersion;
    if (waived) return target;
    if (row?.waivedAt) {
      target.waivedAt = null;
      target.waivedBy = null;
      target.waivedReason = null;
    }
    target.required = spec.required;
    target.status = spec.required ? 'open' : 'not_required';
    target.reasons = [...spec.reasons];
    return target;
  }

  /** The latest assessment, with a DPO override applied. */
  private async currentDecision(manager: EntityManager, incidentId: string): Promise<CurrentDecision | null> {
    const current = await loadCurrentDecision(manager, incidentId);
    if (!current) return null;
    const { assessment: latest, override } = current;
    const source = override ?? latest;
    return {
      assessmentId: latest.id,
      notifyAuthority: source.notifyAuthority,
      communicateSubjects: source.communicateSubjects,
      notifyController: source.notifyController,
      overridden: override !== null,
      decidedAt: override?.createdAt ?? latest.createdAt,
    };
  }

  async list(incidentId: string): Promise<ObligationList> {
    const incident = await loadIncident(this.db.manager, incidentId);
    const organisation = await this.db.manager.findOneOrFail(OrganisationEntity, { where: { id: incident.organisationId } });
    const rows = await this.db.manager.find(ObligationEntity, { where: { incidentId }, order: { dueAt: { direction: 'ASC', nulls: 'LAST' }, kind: 'ASC' } });
    const now = this.clock.now();
    return { items: rows.map((o) => toObligationView(o, organisation.timeZone, now)) };
  }

  async fulfil(incidentId: string, obligationId: string, dto: FulfilObligationDto, acting: ActingContext): Promise<ObligationView> {
    const now = this.clock.now();
    return audited(this.db, async (manager) => {
      const incident = await loadIncident(manager, incidentId, true);
      const obligation = await this.loadObligation(manager, incidentId, obligationId);
      if (obligation.status === 'fulfilled') throw new DomainError('OBLIGATION.ALREADY_FULFILLED', `${obligation.label} was already filed`, 'conflict');
      if (obligation.status === 'not_required') throw new DomainError('OBLIGATION.NOT_REQUIRED', `${obligation.label} is not required`, 'unprocessable');
      if (obligation.dueAt === null || obligation.anchorAt === null) {
        throw new DomainError('OBLIGATION.ANCHOR_PENDING', `${obligation.label} counts from an earlier filing that has not been made yet`, 'unprocessable');
      }
      const submittedAt = toInstant(dto.submittedAt);
      const violations = filingViolations({ submittedAt, dueAt: obligation.dueAt, anchorAt: obligation.anchorAt, delayReasons: dto.delayReasons }, now);
      if (violations.length > 0) {
        throw new DomainError(violations[0]!.code, violations.map((v) => v.message).join('; '), 'unprocessable', {
          violations,
          fields: [...new Set(violations.map((v) => v.field))],
        });
      }
      const onTime = isOnTime(submittedAt, obligation.dueAt);
      Object.assign(obligation, {
        status: 'fulfilled',
        submittedAt,
        reference: dto.reference,
        delayReasons: dto.delayReasons?.trim() || null,
        onTime,
        filedBy: acting.actor,
      });
      await manager.save(obligation);
      await appendTimeline(manager, acting, {
        incidentId,
        organisationId: incident.organisationId,
        at: now,
        action: 'obligation_fulfilled',
        summary: `${obligation.label} filed ${onTime ? 'on time' : 'late'} at ${submittedAt.toISOString()} (reference ${dto.reference})`,
        changes: { [obligation.kind]: { from: 'open', to: 'fulfilled' } },
      });
      // The next stages (NIS2 final report, DORA intermediate and final) count from this filing.
      await this.recompute(manager, incidentId, acting);
      const organisation = await manager.findOneOrFail(OrganisationEntity, { where: { id: incident.organisationId } });
      return toObligationView(await manager.findOneOrFail(ObligationEntity, { where: { id: obligation.id } }), organisation.timeZone, now);
    });
  }

  /** A signed decision that the duty does not apply; kept with its reasons. */
  async waive(incidentId: string, obligationId: string, dto: WaiveObligationDto, acting: ActingContext): Promise<ObligationView> {
    const now = this.clock.now();
    return audited(this.db, async (manager) => {
      const incident = await loadIncident(manager, incidentId, true);
      const obligation = await this.loadObligation(manager, incidentId, obligationId);
      if (obligation.status !== 'open') {
        throw new DomainError('OBLIGATION.NOT_OPEN', `${obligation.label} is ${obligation.status.replace('_', ' ')}`, 'unprocessable');
      }
      const reason: Reason = { code: 'OBLIGATION.WAIVED', text: dto.reason, source: `signed decision by ${acting.actor}` };
      Object.assign(obligation, { status: 'not_required', required: false, waivedReason: dto.reason, waivedBy: acting.actor, waivedAt: now, reasons: [...obligation.reasons, reason] });
      await manager.save(obligation);
      const organisation = await manager.findOneOrFail(OrganisationEntity, { where: { id: incident.organisationId } });
      await this.planner.sync(manager, obligation, organisation, now, { replan: false });
      await appendTimeline(manager, acting, {
        incidentId,
        organisationId: incident.organisationId,
        at: now,
        action: 'obligation_waived',
        summary: `${obligation.label} not required: ${dto.reason}`,
        changes: { [obligation.kind]: { from: 'open', to: 'not_required' } },
      });
      return toObligationView(obligation, organisation.timeZone, now);
    });
  }

  /** awareAt is the anchor: frozen once an obligation counted from it is filed. */
  async assertAwareAtChangeAllowed(manager: EntityManager, incidentId: string, reason: string | undefined): Promise<void> {
    const rows = await manager.find(ObligationEntity, { where: { incidentId, status: In(['open', 'fulfilled']) } });
    const anchored = rows.filter((o) => o.anchor.type === 'aware_at');
    if (anchored.some((o) => o.status === 'fulfilled')) {
      throw new DomainError('INCIDENT.AWARE_AT_FROZEN', 'awareAt cannot change: a notice counted from it has been filed', 'unprocessable', { field: 'awareAt' });
    }
    if (anchored.length > 0 && (reason?.trim().length ?? 0) < 10) {
      throw new DomainError('INCIDENT.AWARE_AT_REASON_REQUIRED', 'Changing awareAt moves legal deadlines: give the reason (awareAtChangeReason, 10+ characters)', 'unprocessable', {
        field: 'awareAtChangeReason',
      });
    }
  }


  private async loadObligation(manager: EntityManager, incidentId: string, id: string): Promise<ObligationEntity> {
    const row = await manager.findOne(ObligationEntity, { where: { id, incidentId } });
    if (!row) throw DomainError.notFound('OBLIGATION.NOT_FOUND', `Obligation ${id} does not exist for incident ${incidentId}`);
    return row;
  }
}

function specsFor(incident: IncidentEntity, organisation: ClockOrganisation, decision: DecisionFacts | null, filedAt: Partial<Record<ObligationKind, Date>>): ObligationSpec[] {
  if (incident.status === 'not_a_breach') return [];
  return computeObligations({
    incident: { role: incident.role, awareAt: incident.awareAt, classifiedAt: incident.classifiedAt, affectedCountries: incident.affectedCountries },
    organisation: {
      timeZone: organisation.timeZone,
      nis2Entity: organisation.nis2Entity,
      trustServiceProvider: organisation.trustServiceProvider,
      doraFinancialEntity: organisation.doraFinancialEntity,
      controllerNoticeWindowHours: organisation.controllerNoticeWindowHours,
      subjectNoticeHours: organisation.subjectNoticeHours,
    },
    decision,
    filedAt,
  });
}

/** An obligation as the timeline names it: label, status and deadline. */
function describeObligation(row: ObligationEntity): string {
  return `${row.label}: ${row.status}${row.dueAt ? ` (due ${row.dueAt.toISOString()})` : ''}`;
}

/** The timeline event listing what changed in an incident's obligations. */
function obligationsEvent(incident: IncidentEntity, now: Date, changes: readonly string[]): TimelineEvent {
  return { incidentId: incident.id, organisationId: incident.organisationId, at: now, action: 'obligations_updated', summary: `Obligations: ${changes.join('; ')}` };
}
