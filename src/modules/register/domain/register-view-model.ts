import type { IncidentStatus } from '../../incidents/domain/incident-status.js';
import type { Lateness, RegisterReport, RegisterRow, RowLateness } from './register.types.js';

/**
 * What templates/register/en.hbs prints: every value a ready-made string (or null for
 * "not known", which the template words), so the template holds no logic beyond if/each.
 */
export interface RegisterViewModel {
  readonly title: string;
  readonly generatedAt: string;
  readonly period: string;
  readonly organisations: readonly string[];
  readonly total: number;
  readonly incidents: readonly IncidentViewModel[];
}

export interface IncidentViewModel {
  readonly reference: string;
  readonly title: string;
  readonly organisation: string;
  readonly description: string | null;
  readonly role: string;
  /** Processor incidents: the controllers' names (possibly none yet); null for a controller incident. */
  readonly controllers: { readonly names: readonly string[] } | null;
  readonly status: string;
  readonly statusChange: { readonly at: string; readonly by: string; readonly reason: string | null } | null;
  readonly occurredAt: string | null;
  readonly detectedAt: string;
  readonly awareAt: string | null;
  /** null: ongoing, no containment recorded. */
  readonly containedAt: string | null;
  readonly affectedCountries: string | null;
  readonly breachTypes: string | null;
  readonly dataCategories: string | null;
  readonly subjectCategories: string | null;
  readonly subjectsApprox: string | null;
  readonly recordsApprox: string | null;
  readonly likelyConsequences: string | null;
  readonly measuresTaken: string | null;
  readonly measuresProposed: string | null;
  readonly decision: {
    readonly assessedAt: string;
    readonly assessedBy: string;
    readonly rulesVersion: string;
    readonly riskLevel: string;
    readonly notifyAuthority: string;
    readonly communicateSubjects: string;
    readonly notifyController: string;
    readonly enisa: string | null;
    readonly reasons: ReadonlyArray<{ readonly code: string; readonly text: string; readonly source: string }>;
    readonly override: { readonly at: string; readonly by: string; readonly justification: string; readonly engineOutcome: string } | null;
  } | null;
  readonly notifications: ReadonlyArray<{
    readonly label: string;
    readonly status: string;
    readonly dueAt: string | null;
    readonly submittedAt: string | null;
    readonly reference: string | null;
    readonly lateness: string;
    readonly late: boolean;
    readonly delayReasons: string | null;
    readonly waivedReason: string | null;
  }>;
  readonly lateness: string;
  readonly late: boolean;
}

const STATUS: Readonly<Record<IncidentStatus, string>> = {
  investigating: 'Investigating',
  confirmed: 'Confirmed breach',
  notified: 'Notified',
  closed: 'Closed',
  not_a_breach: 'Not a personal data breach',
};
const RISK: Readonly<Record<string, string>> = { unlikely: 'Unlikely to result in a risk', risk: 'Risk', high: 'High risk' };
const SUBJECTS: Readonly<Record<string, string>> = { required: 'Required', not_required: 'Not required', public_communication: 'Public communication instead' };
const OBLIGATION_STATUS: Readonly<Record<string, string>> = { open: 'Open', fulfilled: 'Filed', not_required: 'Not required' };

/** "2026-11-20 09:30 UTC". */
export function shownUtc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

const maybeUtc = (iso: string | null): string | null => (iso === null ? null : shownUtc(iso));
const list = (items: readonly string[] | null): string | null => (items && items.length > 0 ? items.join(', ') : null);
const yesNo = (value: boolean): string => (value ? 'Yes' : 'No');
const count = (n: number | null): string | null => (n === null ? null : n.toLocaleString('en-GB'));

export function latenessLabel(l: Lateness | RowLateness): string {
  switch (l.status) {
    case 'late':
      return `Filed ${l.hoursLate ?? 0} h late`;
    case 'overdue':
      return `Overdue by ${l.hoursLate ?? 0} h`;
    case 'pending':
      return 'Not due yet';
    case 'on_time':
      return 'On time';
    case 'not_required':
      return 'Not required';
    case 'none':
      return 'No notification duty';
  }
}

function periodLabel(period: RegisterReport['period']): string {
  if (!period.from && !period.to) return 'All incidents, whenever detected';
  const from = period.from ? `from ${shownUtc(period.from)} (inclusive)` : '';
  const to = period.to ? `before ${shownUtc(period.to)}` : '';
  return `Incidents detected ${[from, to].filter(Boolean).join(' and ')}`;
}

function incident(row: RegisterRow): IncidentViewModel {
  const d = row.decision;
  return {
    reference: row.reference,
    title: row.title,
    organisation: row.organisation.legalName,
    description: row.description.trim() === '' ? null : row.description,
    role: row.role === 'controller' ? 'Controller' : 'Processor',
    controllers: row.role === 'processor' ? { names: row.controllers } : null,
    status: STATUS[row.status],
    statusChange: row.statusChange && { at: shownUtc(row.statusChange.at), by: row.statusChange.by, reason: row.statusChange.reason },
    occurredAt: maybeUtc(row.occurredAt),
    detectedAt: shownUtc(row.detectedAt),
    awareAt: maybeUtc(row.awareAt),
    containedAt: maybeUtc(row.containedAt),
    affectedCountries: list(row.affectedCountries),
    breachTypes: list(row.facts.breachTypes),
    dataCategories: list(row.facts.dataCategories),
    subjectCategories: list(row.facts.subjectCategories),
    subjectsApprox: count(row.facts.subjectsApprox),
    recordsApprox: count(row.facts.recordsApprox),
    likelyConsequences: row.effects.likelyConsequences,
    measuresTaken: row.remedialAction.measuresTaken,
    measuresProposed: row.remedialAction.measuresProposed,
    decision: d && {
      assessedAt: shownUtc(d.assessedAt),
      assessedBy: d.assessedBy,
      rulesVersion: d.rulesVersion,
      riskLevel: RISK[d.outcome.riskLevel] ?? d.outcome.riskLevel,
      notifyAuthority: yesNo(d.outcome.notifyAuthority),
      communicateSubjects: SUBJECTS[d.outcome.communicateSubjects] ?? d.outcome.communicateSubjects,
      notifyController: yesNo(d.outcome.notifyController),
      enisa: d.enisa && `${d.enisa.score} (${d.enisa.band.replace('_', ' ')})`,
      reasons: d.reasons,
      override: d.override && {
        at: shownUtc(d.override.at),
        by: d.override.by,
        justification: d.override.justification,
        engineOutcome: `${RISK[d.engineOutcome.riskLevel] ?? d.engineOutcome.riskLevel}; notify the authority: ${yesNo(d.engineOutcome.notifyAuthority)}; tell the people: ${SUBJECTS[d.engineOutcome.communicateSubjects] ?? d.engineOutcome.communicateSubjects}`,
      },
    },
    notifications: row.notifications.map((n) => ({
      label: n.label,
      status: OBLIGATION_STATUS[n.status] ?? n.status,
      dueAt: maybeUtc(n.dueAt),
      submittedAt: maybeUtc(n.submittedAt),
      reference: n.reference,
      lateness: latenessLabel(n.lateness),
      late: n.lateness.status === 'late' || n.lateness.status === 'overdue',
      delayReasons: n.delayReasons,
      waivedReason: n.waivedReason,
    })),
    lateness: latenessLabel(row.lateness),
    late: row.lateness.status === 'late' || row.lateness.status === 'overdue',
  };
}

/** `organisationNames`: the legal names of the organisations covered, incidents or not. */
export function buildRegisterViewModel(report: RegisterReport, organisationNames: readonly string[]): RegisterViewModel {
  return {
    title: 'Register of personal data breaches (GDPR Art. 33(5))',
    generatedAt: shownUtc(report.generatedAt),
    period: periodLabel(report.period),
    organisations: [...new Set(organisationNames)].sort((a, b) => a.localeCompare(b)),
    total: report.total,
    incidents: report.items.map(incident),
  };
}
