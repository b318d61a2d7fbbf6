import type { EntityManager } from 'typeorm';
import type { Reason } from '../../shared/domain/reason.js';
import type { AssessmentResult, BreachFacts } from '../assessment/domain/index.js';
import type { IncidentStatus } from '../incidents/domain/incident-status.js';
import type { DecisionSource, ObligationSource, RegisterIncidentSource, RegisterPeriod, RegisterSource, StatusChangeSource } from './domain/register.types.js';

/**
 * Everything the register shows, for every incident of some organisations, in four queries
 * whatever the number of incidents (incidents with their organisation; current decisions with
 * their override; obligations; latest status changes), each on an index that starts with the
 * incident id. The caller runs them in one REPEATABLE READ transaction: one snapshot.
 */
export async function loadRegisterSources(manager: EntityManager, organisationIds: readonly string[], period: RegisterPeriod): Promise<RegisterSource[]> {
  if (organisationIds.length === 0) return [];
  const incidents = await loadIncidents(manager, organisationIds, period);
  if (incidents.length === 0) return [];
  const ids = incidents.map((i) => i.id);
  // One after the other: a transaction has one connection.
  const decisions = await loadDecisions(manager, ids);
  const obligations = await loadObligations(manager, ids);
  const statusChanges = await loadStatusChanges(manager, ids);
  return incidents.map((incident) => ({
    incident,
    decision: decisions.get(incident.id) ?? null,
    obligations: obligations.get(incident.id) ?? [],
    statusChange: statusChanges.get(incident.id) ?? null,
  }));
}

interface IncidentRow {
  id: string;
  reference: string;
  organisation_id: string;
  legal_name: string;
  title: string;
  description: string;
  role: 'controller' | 'processor';
  status: IncidentStatus;
  occurred_at: Date | null;
  detected_at: Date;
  aware_at: Date | null;
  contained_at: Date | null;
  affected_countries: string[];
  records_approx: string | null;
  subject_categories: string[];
  likely_consequences: string | null;
  measures_taken: string | null;
  measures_proposed: string | null;
  controllers: Array<{ name: string }>;
}

async function loadIncidents(manager: EntityManager, organisationIds: readonly string[], period: RegisterPeriod): Promise<RegisterIncidentSource[]> {
  const rows: IncidentRow[] = await manager.query(
    `SELECT i.id, i.reference, i.organisation_id, o.legal_name, i.title, i.description, i.role, i.status,
            i.occurred_at, i.detected_at, i.aware_at, i.contained_at, i.affected_countries, i.records_approx::text AS records_approx,
            i.subject_categories, i.likely_consequences, i.measures_taken, i.measures_proposed, i.controllers
       FROM incidents i
       JOIN organisations o ON o.id = i.organisation_id
      WHERE i.organisation_id = ANY($1::uuid[])
        AND ($2::timestamptz IS NULL OR i.detected_at >= $2::timestamptz)
        AND ($3::timestamptz IS NULL OR i.detected_at < $3::timestamptz)
      ORDER BY i.detected_at, i.reference, i.id`,
    [organisationIds, period.from, period.to],
  );
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    organisation: { id: r.organisation_id, legalName: r.legal_name },
    title: r.title,
    description: r.description,
    role: r.role,
    status: r.status,
    occurredAt: r.occurred_at,
    detectedAt: r.detected_at,
    awareAt: r.aware_at,
    containedAt: r.contained_at,
    affectedCountries: r.affected_countries,
    recordsApprox: r.records_approx === null ? null : Number(r.records_approx),
    subjectCategories: r.subject_categories,
    likelyConsequences: r.likely_consequences,
    measuresTaken: r.measures_taken,
    measuresProposed: r.measures_proposed,
    // The register names the controllers; their contacts stay on the incident (and in the controller notice).
    controllers: r.controllers.map((c) => c.name),
  }));
}

interface DecisionRow {
  incident_id: string;
  id: string;
  sequence: number;
  created_at: Date;
  created_by: string;
  rules_version: string;
  risk_level: DecisionSource['engine']['riskLevel'];
  notify_authority: boolean;
  communicate_subjects: DecisionSource['engine']['communicateSubjects'];
  notify_controller: boolean;
  facts: BreachFacts;
  result: AssessmentResult;
  o_id: string | null;
  o_risk_level: DecisionSource['engine']['riskLevel'] | null;
  o_notify_authority: boolean | null;
  o_communicate_subjects: DecisionSource['engine']['communicateSubjects'] | null;
  o_notify_controller: boolean | null;
  o_exemption: string | null;
  o_justification: string | null;
  o_created_by: string | null;
  o_created_at: Date | null;
}

/**
 * The current decision of each incident, as loadCurrentDecision (assessment/current-decision.ts)
 * defines it for one: the assessment with the highest sequence, and that assessment's
 * override if any. Batched here so that the register does not make two queries per incident.
 */
async function loadDecisions(manager: EntityManager, incidentIds: readonly string[]): Promise<Map<string, DecisionSource>> {
  const rows: DecisionRow[] = await manager.query(
    `SELECT DISTINCT ON (a.incident_id)
            a.incident_id, a.id, a.sequence, a.created_at, a.created_by, a.rules_version, a.risk_level,
            a.notify_authority, a.communicate_subjects, a.notify_controller, a.facts, a.result,
            ov.id AS o_id, ov.risk_level AS o_risk_level, ov.notify_authority AS o_notify_authority,
            ov.communicate_subjects AS o_communicate_subjects, ov.notify_controller AS o_notify_controller,
            ov.exemption AS o_exemption, ov.justification AS o_justification, ov.created_by AS o_created_by, ov.created_at AS o_created_at
       FROM assessments a
       LEFT JOIN assessment_overrides ov ON ov.assessment_id = a.id
      WHERE a.incident_id = ANY($1::uuid[])
      ORDER BY a.incident_id, a.sequence DESC`,
    [incidentIds],
  );
  return new Map(
    rows.map((r) => {
      const reasons: readonly Reason[] = r.result.reasons ?? [];
      const enisa = r.result.enisa ? { score: r.result.enisa.score, band: r.result.enisa.band } : null;
      const decision: DecisionSource = {
        assessmentId: r.id,
        sequence: r.sequence,
        assessedAt: r.created_at,
        assessedBy: r.created_by,
        rulesVersion: r.rules_version,
        engine: { riskLevel: r.risk_level, notifyAuthority: r.notify_authority, communicateSubjects: r.communicate_subjects, notifyController: r.notify_controller },
        dataCategories: r.facts.dataCategories,
        breachTypes: r.facts.breachTypes,
        subjectsCount: r.facts.subjectsCount,
        enisa,
        reasons,
        override:
          r.o_id === null
            ? null
            : {
                riskLevel: r.o_risk_level!,
                notifyAuthority: r.o_notify_authority!,
                communicateSubjects: r.o_communicate_subjects!,
                notifyController: r.o_notify_controller!,
                exemption: r.o_exemption,
                justification: r.o_justification!,
                by: r.o_created_by!,
                at: r.o_created_at!,
              },
      };
      return [r.incident_id, decision];
    }),
  );
}

interface ObligationRow {
  incident_id: string;
  kind: ObligationSource['kind'];
  regime: ObligationSource['regime'];
  recipient: ObligationSource['recipient'];
  label: string;
  status: ObligationSource['status'];
  required: boolean;
  due_at: Date | null;
  submitted_at: Date | null;
  reference: string | null;
  on_time: boolean | null;
  delay_reasons: string | null;
  waived_reason: string | null;
}

async function loadObligations(manager: EntityManager, incidentIds: readonly string[]): Promise<Map<string, ObligationSource[]>> {
  const rows: ObligationRow[] = await manager.query(
    `SELECT incident_id, kind, regime, recipient, label, status, required, due_at, submitted_at, reference, on_time, delay_reasons, waived_reason
       FROM obligations
      WHERE incident_id = ANY($1::uuid[])`,
    [incidentIds],
  );
  const byIncident = new Map<string, ObligationSource[]>();
  for (const r of rows) {
    const list = byIncident.get(r.incident_id) ?? [];
    list.push({
      kind: r.kind,
      regime: r.regime,
      recipient: r.recipient,
      label: r.label,
      status: r.status,
      required: r.required,
      dueAt: r.due_at,
      submittedAt: r.submitted_at,
      reference: r.reference,
      onTime: r.on_time,
      delayReasons: r.delay_reasons,
      waivedReason: r.waived_reason,
    });
    byIncident.set(r.incident_id, list);
  }
  return byIncident;
}

interface StatusChangeRow {
  incident_id: string;
  at: Date;
  actor: string;
  summary: string;
  to_status: IncidentStatus | null;
}

/**
 * The reasoning for a status change lives only in its timeline entry, whose summary
 * IncidentsService.changeStatus writes as "Status <from> → <to>" plus ": <reason>" when one
 * was given (always, for not_a_breach).
 */
const STATUS_SUMMARY = /^Status \S+ → \S+: ([\s\S]+)$/;

async function loadStatusChanges(manager: EntityManager, incidentIds: readonly string[]): Promise<Map<string, StatusChangeSource>> {
  const rows: StatusChangeRow[] = await manager.query(
    `SELECT DISTINCT ON (incident_id) incident_id, at, actor, summary, changes->'status'->>'to' AS to_status
       FROM incident_timeline
      WHERE incident_id = ANY($1::uuid[]) AND action = 'status_changed'
      ORDER BY incident_id, at DESC, id DESC`,
    [incidentIds],
  );
  return new Map(
    rows
      .filter((r) => r.to_status !== null)
      .map((r) => [r.incident_id, { status: r.to_status!, at: r.at, by: r.actor, reason: STATUS_SUMMARY.exec(r.summary)?.[1] ?? null }]),
  );
}

/** Legal names of organisations, by id (for the PDF's cover, incidents or not). */
export async function loadOrganisationNames(manager: EntityManager, organisationIds: readonly string[]): Promise<string[]> {
  if (organisationIds.length === 0) return [];
  const rows: Array<{ legal_name: string }> = await manager.query(`SELECT legal_name FROM organisations WHERE id = ANY($1::uuid[]) ORDER BY legal_name`, [organisationIds]);
  return rows.map((r) => r.legal_name);
}
