import { DomainError } from '../../../shared/domain/domain-error.js';
import { obligationLateness, rowLateness } from './lateness.js';
import type { DecisionSource, OutcomeSource, RegisterDecision, RegisterNotification, RegisterOutcome, RegisterPeriod, RegisterReport, RegisterRow, RegisterSource } from './register.types.js';

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/** `from` inclusive, `to` exclusive: `from` after `to` cannot select anything and is refused. */
export function assertValidPeriod(period: RegisterPeriod): void {
  if (period.from && period.to && period.from.getTime() > period.to.getTime()) {
    throw new DomainError('REGISTER.INVALID_PERIOD', `from (${period.from.toISOString()}) is after to (${period.to.toISOString()})`, 'invalid', {
      fields: ['from', 'to'],
    });
  }
}

/**
 * The PDF is for reading and filing, one section per incident: Chromium prints about 30 of
 * them a second, so past this many the render would hold a browser page for over 15 s and then
 * meet the renderer's 30 s limit. Larger registers go out as CSV or JSON, or by period.
 */
export const PDF_MAX_INCIDENTS = 500;

export function assertPrintable(total: number): void {
  if (total > PDF_MAX_INCIDENTS) {
    throw new DomainError(
      'REGISTER.TOO_LARGE_FOR_PDF',
      `The register holds ${total} incidents; a PDF holds at most ${PDF_MAX_INCIDENTS}. Choose a shorter period (from, to) or one organisation, or use format=csv.`,
      'unprocessable',
      { total, limit: PDF_MAX_INCIDENTS, fields: ['from', 'to', 'organisationId'] },
    );
  }
}

/** Does an incident detected at `detectedAt` fall in the period (from inclusive, to exclusive)? */
export function inPeriod(detectedAt: Date, period: RegisterPeriod): boolean {
  const t = detectedAt.getTime();
  return (period.from === null || t >= period.from.getTime()) && (period.to === null || t < period.to.getTime());
}

function outcome(o: OutcomeSource): RegisterOutcome {
  return { riskLevel: o.riskLevel, notifyAuthority: o.notifyAuthority, communicateSubjects: o.communicateSubjects, notifyController: o.notifyController };
}

function toDecision(d: DecisionSource): RegisterDecision {
  return {
    assessmentId: d.assessmentId,
    sequence: d.sequence,
    assessedAt: d.assessedAt.toISOString(),
    assessedBy: d.assessedBy,
    rulesVersion: d.rulesVersion,
    outcome: outcome(d.override ?? d.engine),
    engineOutcome: outcome(d.engine),
    enisa: d.enisa,
    reasons: d.reasons.map((r) => ({ code: r.code, text: r.text, source: r.source })),
    override: d.override && { exemption: d.override.exemption, justification: d.override.justification, by: d.override.by, at: d.override.at.toISOString() },
  };
}

/** One register row per incident; duties in due order (undated last), then by kind. */
export function buildRegisterRow(source: RegisterSource, now: Date): RegisterRow {
  const { incident, decision } = source;
  const notifications: RegisterNotification[] = [...source.obligations]
    .sort((a, b) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity) || a.kind.localeCompare(b.kind))
    .map((o) => ({
      kind: o.kind,
      label: o.label,
      regime: o.regime,
      recipient: o.recipient,
      status: o.status,
      required: o.required,
      dueAt: iso(o.dueAt),
      submittedAt: iso(o.submittedAt),
      reference: o.reference,
      onTime: o.onTime,
      delayReasons: o.delayReasons,
      waivedReason: o.waivedReason,
      lateness: obligationLateness(o, now),
    }));
  const change = source.statusChange;
  return {
    incidentId: incident.id,
    reference: incident.reference,
    organisation: { id: incident.organisation.id, legalName: incident.organisation.legalName },
    title: incident.title,
    description: incident.description,
    role: incident.role,
    controllers: [...incident.controllers],
    status: incident.status,
    // Only the reasoning for the status the incident is in now (not_a_breach, closed...).
    statusChange: change && change.status === incident.status ? { status: change.status, at: change.at.toISOString(), by: change.by, reason: change.reason } : null,
    occurredAt: iso(incident.occurredAt),
    detectedAt: incident.detectedAt.toISOString(),
    awareAt: iso(incident.awareAt),
    containment: incident.containedAt ? 'contained' : 'ongoing',
    containedAt: iso(incident.containedAt),
    affectedCountries: [...incident.affectedCountries],
    facts: {
      breachTypes: decision ? [...decision.breachTypes] : null,
      dataCategories: decision ? [...decision.dataCategories] : null,
      subjectCategories: [...incident.subjectCategories],
      subjectsApprox: decision ? decision.subjectsCount : null,
      recordsApprox: incident.recordsApprox,
    },
    effects: { likelyConsequences: incident.likelyConsequences },
    remedialAction: { measuresTaken: incident.measuresTaken, measuresProposed: incident.measuresProposed },
    decision: decision ? toDecision(decision) : null,
    notifications,
    lateness: rowLateness(notifications.map((n) => n.lateness)),
  };
}

/** Rows in the order of detection (then reference), as a regulator reads a register. */
export function buildRegister(sources: readonly RegisterSource[], input: { now: Date; period: RegisterPeriod; organisationIds: readonly string[] }): RegisterReport {
  const items = sources
    .map((s) => buildRegisterRow(s, input.now))
    .sort((a, b) => a.detectedAt.localeCompare(b.detectedAt) || a.reference.localeCompare(b.reference) || a.organisation.id.localeCompare(b.organisation.id));
  return {
    generatedAt: input.now.toISOString(),
    period: { from: iso(input.period.from), to: iso(input.period.to) },
    organisationIds: [...input.organisationIds],
    items,
    total: items.length,
  };
}
