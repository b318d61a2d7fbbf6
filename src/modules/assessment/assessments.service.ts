import { inScope, type Scope } from '../auth/principal.js';
import { audited } from '../audit/audit-trail.js';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../../shared/domain/clock.js';
import { DomainError } from '../../shared/domain/domain-error.js';
import type { IncidentStatus } from '../incidents/domain/incident-status.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { ObligationsService } from '../obligations/obligations.service.js';
import { type ActingContext, appendTimeline } from '../incidents/timeline.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { AssessmentEntity, AssessmentOverrideEntity } from './assessment.entity.js';
import { assess, type AssessmentResult, type BreachFacts, findContradictions, type Role } from './domain/index.js';
import { type Outcome, type OverrideOutcome, overrideViolations } from './domain/override.js';
import type { BreachFactsDto, EvaluateAssessmentDto, OverrideAssessmentDto } from './dto/breach-facts.dto.js';
import type { AssessmentHistoryView, StoredAssessmentView } from './dto/assessment.views.js';

/** An incident is assessed while it is open; a closed or retracted one keeps its record. */
const ASSESSABLE: readonly IncidentStatus[] = ['investigating', 'confirmed', 'notified'];

@Injectable()
export class AssessmentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly incidents: IncidentsService,
    private readonly obligations: ObligationsService,
  ) {}

  /** Stateless: POST /api/assessments/evaluate. */
  async evaluate(dto: EvaluateAssessmentDto, scope: Scope): Promise<AssessmentResult> {
    const { organisationId, ...rest } = dto;
    let notifyWhenInDoubt = false;
    if (organisationId !== undefined) {
      const organisation = inScope(scope, organisationId) ? await this.db.manager.findOne(OrganisationEntity, { where: { id: organisationId } }) : null;
      if (!organisation) {
        throw new DomainError('ASSESSMENT.UNKNOWN_ORGANISATION', `Organisation ${organisationId} does not exist`, 'unprocessable', { field: 'organisationId' });
      }
      notifyWhenInDoubt = organisation.notifyWhenInDoubt;
    }
    const facts = toFacts(rest, rest.role ?? 'controller');
    assertConsistent(facts);
    return assess(facts, { notifyWhenInDoubt });
  }

  /** POST /api/incidents/:id/assessments: evaluate, store immutably, make it current. */
  async record(incidentId: string, dto: BreachFactsDto, acting: ActingContext): Promise<StoredAssessmentView> {
    const now = this.clock.now();
    return audited(this.db, async (manager) => {
      const incident = await this.incidents.load(manager, incidentId, true);
      if (!ASSESSABLE.includes(incident.status)) {
        throw new DomainError('ASSESSMENT.INCIDENT_NOT_OPEN', `A ${incident.status} incident is not assessed again`, 'unprocessable', {
          status: incident.status,
        });
      }
      // The incident records the role in which the organisation is hit; the facts must agree.
      if (dto.role !== undefined && dto.role !== incident.role) {
        throw new DomainError('ASSESSMENT.ROLE_MISMATCH', `The incident is recorded with the role ${incident.role}, not ${dto.role}`, 'unprocessable', {
          field: 'role',
        });
      }
      const facts = toFacts(dto, incident.role);
      assertConsistent(facts);
      const organisation = await manager.findOneOrFail(OrganisationEntity, { where: { id: incident.organisationId } });
      const result = assess(facts, { notifyWhenInDoubt: organisation.notifyWhenInDoubt });

      const previous: Array<{ max: number | null }> = await manager.query('SELECT max(sequence) AS max FROM assessments WHERE incident_id = $1', [incident.id]);
      const sequence = Number(previous[0]?.max ?? 0) + 1;
      const saved = await manager.save(
        manager.create(AssessmentEntity, {
          incidentId: incident.id,
          organisationId: incident.organisationId,
          sequence,
          role: incident.role,
          facts,
          notifyWhenInDoubt: organisation.notifyWhenInDoubt,
          result,
          rulesVersion: result.rulesVersion,
          riskLevel: result.riskLevel,
          notifyAuthority: result.notifyAuthority,
          communicateSubjects: result.communicateSubjects,
          notifyController: result.notifyController,
          createdBy: acting.actor,
          requestId: acting.requestId,
        }),
      );
      await appendTimeline(manager, acting, {
        incidentId: incident.id,
        organisationId: incident.organisationId,
        at: now,
        action: 'assessed',
        summary: `Assessment #${sequence}: ${describe(result)} (rules ${result.rulesVersion})`,
        changes: { assessment: { from: sequence > 1 ? sequence - 1 : null, to: sequence } },
      });
      // The decision drives which duties are required (Art. 33(1), Art. 34).
      await this.obligations.recompute(manager, incident.id, acting);
      return toView(saved, null, true);
    });
  }

  async history(incidentId: string): Promise<AssessmentHistoryView> {
    await this.incidents.load(this.db.manager, incidentId);
    const rows = await this.db.manager.find(AssessmentEntity, { where: { incidentId }, order: { sequence: 'DESC' } });
    const overrides = await this.overridesFor(this.db.manager, rows.map((r) => r.id));
    return { items: rows.map((row, i) => toView(row, overrides.get(row.id) ?? null, i === 0)), total: rows.length };
  }

  async get(incidentId: string, assessmentId: string): Promise<StoredAssessmentView> {
    await this.incidents.load(this.db.manager, incidentId);
    const row = await this.load(this.db.manager, incidentId, assessmentId);
    const override = (await this.overridesFor(this.db.manager, [row.id])).get(row.id) ?? null;
    return toView(row, override, await this.isCurrent(this.db.manager, row));
  }

  /** POST .../assessments/:aid/override: a DPO replaces the outcome, with a justification kept beside it. */
  async override(incidentId: string, assessmentId: string, dto: OverrideAssessmentDto, acting: ActingContext): Promise<StoredAssessmentView> {
    const now = this.clock.now();
    return audited(this.db, async (manager) => {
      const incident = await this.incidents.load(manager, incidentId, true);
      const assessment = await this.load(manager, incidentId, assessmentId);
      if (!(await this.isCurrent(manager, assessment))) {
        throw new DomainError('ASSESSMENT.NOT_CURRENT', 'Only the current (latest) assessment can be overridden', 'unprocessable');
      }
      if ((await this.overridesFor(manager, [assessment.id])).size > 0) {
        throw new DomainError('ASSESSMENT.ALREADY_OVERRIDDEN', 'This assessment is already overridden; record a new assessment to decide again', 'conflict');
      }
      const outcome: OverrideOutcome = {
        riskLevel: dto.riskLevel,
        notifyAuthority: dto.notifyAuthority,
        communicateSubjects: dto.communicateSubjects,
        notifyController: dto.notifyController ?? assessment.notifyController,
        exemption: dto.exemption ?? null,
      };
      const violations = overrideViolations(assessment.role, outcome);
      if (violations.length > 0) {
        throw new DomainError('ASSESSMENT.INVALID_OVERRIDE', violations.map((v) => v.message).join('; '), 'unprocessable', { violations });
      }
      const saved = await manager.save(
        manager.create(AssessmentOverrideEntity, { assessmentId: assessment.id, ...outcome, justification: dto.justification, createdBy: acting.actor, requestId: acting.requestId }),
      );
      await appendTimeline(manager, acting, {
        incidentId: incident.id,
        organisationId: incident.organisationId,
        at: now,
        action: 'assessment_overridden',
        summary: `Assessment #${assessment.sequence} overridden: ${describe(outcome)}. Justification: ${dto.justification}`,
        changes: diffOutcome(assessment, outcome),
      });
      await this.obligations.recompute(manager, incident.id, acting);
      return toView(assessment, saved, true);
    });
  }

  private async load(manager: EntityManager, incidentId: string, assessmentId: string): Promise<AssessmentEntity> {
    const row = await manager.findOne(AssessmentEntity, { where: { id: assessmentId, incidentId } });
    if (!row) throw DomainError.notFound('ASSESSMENT.NOT_FOUND', `Assessment ${assessmentId} does not exist for incident ${incidentId}`);
    return row;
  }

  private async isCurrent(manager: EntityManager, row: AssessmentEntity): Promise<boolean> {
    const later = await manager.exists(AssessmentEntity, { where: { incidentId: row.incidentId, sequence: row.sequence + 1 } });
    return !later;
  }

  private async overridesFor(manager: EntityManager, ids: string[]): Promise<Map<string, AssessmentOverrideEntity>> {
    if (ids.length === 0) return new Map();
    const rows = await manager.createQueryBuilder(AssessmentOverrideEntity, 'o').where('o.assessment_id IN (:...ids)', { ids }).getMany();
    return new Map(rows.map((o) => [o.assessmentId, o]));
  }
}

/** The facts as evaluated: a plain object with the role resolved and no undefined keys. */
function toFacts(dto: BreachFactsDto, role: Role): BreachFacts {
  const facts: Record<string, unknown> = { ...dto, role };
  if (dto.dpcOverride) facts.dpcOverride = { score: dto.dpcOverride.score, reason: dto.dpcOverride.reason };
  for (const key of Object.keys(facts)) if (facts[key] === undefined) delete facts[key];
  return facts as unknown as BreachFacts;
}

function assertConsistent(facts: BreachFacts): void {
  const contradictions = findContradictions(facts);
  if (contradictions.length > 0) {
    throw new DomainError('ASSESSMENT.CONTRADICTORY_FACTS', contradictions.map((c) => c.message).join('; '), 'unprocessable', {
      contradictions,
      fields: [...new Set(contradictions.map((c) => c.field))],
    });
  }
}

function describe(o: Outcome): string {
  return `risk ${o.riskLevel}; authority ${o.notifyAuthority ? 'to be notified' : 'not notified'}; data subjects ${o.communicateSubjects.replace('_', ' ')}${o.notifyController ? '; controller to be notified' : ''}`;
}

function diffOutcome(before: Outcome, after: Outcome): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of ['riskLevel', 'notifyAuthority', 'communicateSubjects', 'notifyController'] as const) {
    if (before[key] !== after[key]) changes[key] = { from: before[key], to: after[key] };
  }
  return changes;
}

function toView(row: AssessmentEntity, override: AssessmentOverrideEntity | null, current: boolean): StoredAssessmentView {
  const source: Outcome = override ?? row;
  return {
    ...row.result,
    id: row.id,
    incidentId: row.incidentId,
    sequence: row.sequence,
    current,
    facts: row.facts as unknown as BreachFactsDto,
    notifyWhenInDoubt: row.notifyWhenInDoubt,
    override: override && {
      riskLevel: override.riskLevel,
      notifyAuthority: override.notifyAuthority,
      communicateSubjects: override.communicateSubjects,
      notifyController: override.notifyController,
      exemption: override.exemption,
      justification: override.justification,
      createdBy: override.createdBy,
      createdAt: override.createdAt.toISOString(),
    },
    effective: {
      riskLevel: source.riskLevel,
      notifyAuthority: source.notifyAuthority,
      communicateSubjects: source.communicateSubjects,
      notifyController: source.notifyController,
      overridden: override !== null,
    },
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  } as StoredAssessmentView;
}
