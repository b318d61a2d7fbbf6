import { rungOf, RUNG_LABELS, timeLeftText } from './board.js';
import { controllerLinesText } from './controller-lines.js';
import { shown, type ShownTime } from './incident-page.js';
import type { IncidentController } from '../../incidents/domain/incident-controllers.js';

/**
 * The rows the incident pages print, built from the services' views (structural inputs, so
 * this stays pure): each label in words, each time in the organisation's zone and in UTC.
 */

export const STATUS_LABELS: Readonly<Record<string, string>> = {
  investigating: 'Investigating',
  confirmed: 'Confirmed breach',
  notified: 'Notified',
  closed: 'Closed',
  not_a_breach: 'Not a breach',
};

const RISK_LABELS: Readonly<Record<string, string>> = {
  unlikely: 'Unlikely to result in a risk',
  risk: 'Risk to the rights and freedoms of people',
  high: 'High risk',
};

const COMMUNICATION_LABELS: Readonly<Record<string, string>> = {
  required: 'Required: tell the people affected without undue delay (Art. 34(1))',
  not_required: 'Not required',
  public_communication: 'Public communication instead of individual messages (Art. 34(3)(c))',
};

const BAND_LABELS: Readonly<Record<string, string>> = { low: 'Low', medium: 'Medium', high: 'High', very_high: 'Very high' };

const EXEMPTION_LABELS: Readonly<Record<string, string>> = {
  art34_3_a: 'Art. 34(3)(a): the data is unintelligible to anyone not authorised to access it (e.g. encryption)',
  art34_3_b: 'Art. 34(3)(b): later measures ensure the high risk is no longer likely to materialise',
  art34_3_c: 'Art. 34(3)(c): individual communication would involve disproportionate effort; a public communication instead',
};

const OBLIGATION_STATUS_LABELS: Readonly<Record<string, string>> = { open: 'Open', fulfilled: 'Filed', not_required: 'Not required' };
const KIND_LABELS: Readonly<Record<string, string>> = {
  authority_notification: 'Notification to the supervisory authority (Art. 33)',
  controller_notice: 'Notice to the controller (Art. 33(2))',
  data_subject_notice: 'Communication to data subjects (Art. 34)',
};

const REGIME_LABELS: Readonly<Record<string, string>> = { gdpr: 'GDPR', uk_gdpr: 'UK GDPR', nis2: 'NIS2', dora: 'DORA' };
const RECIPIENT_LABELS: Readonly<Record<string, string>> = {
  supervisory_authority: 'the supervisory authority',
  controller: 'the controller',
  data_subjects: 'the people affected',
  ico: 'the ICO',
  csirt: 'the CSIRT',
  competent_authority: 'the competent authority',
};
const ESCALATION_STATE_LABELS: Readonly<Record<string, string>> = { pending: 'Planned', fired: 'Fired', skipped: 'Skipped', cancelled: 'Cancelled' };

const label = (labels: Readonly<Record<string, string>>, key: string): string => labels[key] ?? key;

interface Outcome {
  readonly riskLevel: string;
  readonly notifyAuthority: boolean;
  readonly communicateSubjects: string;
  readonly notifyController: boolean;
}

export interface StoredAssessmentInput extends Outcome {
  readonly id: string;
  readonly sequence: number;
  readonly enisa: { readonly dpc: number; readonly ei: number; readonly cb: number; readonly score: number; readonly band: string };
  readonly exemptions: readonly string[];
  readonly reasons: ReadonlyArray<{ readonly code: string; readonly text: string; readonly source: string }>;
  readonly rulesVersion: string;
  readonly notifyWhenInDoubt: boolean;
  readonly override: (Outcome & { readonly exemption: string | null; readonly justification: string; readonly createdBy: string; readonly createdAt: string }) | null;
  readonly effective: Outcome & { readonly overridden: boolean };
  readonly createdBy: string;
  readonly createdAt: string;
}

function outcomeView(o: Outcome) {
  return {
    riskLevel: o.riskLevel,
    riskLabel: label(RISK_LABELS, o.riskLevel),
    notifyAuthority: o.notifyAuthority,
    communicateSubjects: o.communicateSubjects,
    communicateLabel: label(COMMUNICATION_LABELS, o.communicateSubjects),
    notifyController: o.notifyController,
  };
}

/** The current decision: the effective outcome (an override wins), the engine's answer and its reasons. */
export function decisionView(a: StoredAssessmentInput, zone: string) {
  return {
    id: a.id,
    sequence: a.sequence,
    decidedAt: shown(a.createdAt, zone) as ShownTime,
    decidedBy: a.createdBy,
    effective: outcomeView(a.effective),
    engine: outcomeView(a),
    overridden: a.effective.overridden,
    override: a.override && {
      justification: a.override.justification,
      by: a.override.createdBy,
      at: shown(a.override.createdAt, zone) as ShownTime,
      exemption: a.override.exemption ? label(EXEMPTION_LABELS, a.override.exemption) : null,
    },
    enisa: { ...a.enisa, bandLabel: label(BAND_LABELS, a.enisa.band) },
    exemptions: a.exemptions.map((e) => label(EXEMPTION_LABELS, e)),
    reasons: a.reasons,
    rulesVersion: a.rulesVersion,
    notifyWhenInDoubt: a.notifyWhenInDoubt,
  };
}

export interface ObligationInput {
  readonly id: string;
  readonly label: string;
  readonly regime: string;
  readonly recipient: string;
  readonly status: string;
  readonly deadline: { readonly utc: string } | null;
  readonly reasons: ReadonlyArray<{ readonly code: string; readonly text: string; readonly source: string }>;
  readonly submittedAt: string | null;
  readonly reference: string | null;
  readonly delayReasons: string | null;
  readonly onTime: boolean | null;
  readonly filedBy: string | null;
  readonly waivedReason: string | null;
}

/** Each duty with its deadline, a live countdown while open, and whether it can be filed now. */
export function obligationRows(items: readonly ObligationInput[], zone: string, now: Date) {
  return items.map((o) => {
    const due = o.deadline ? new Date(o.deadline.utc) : null;
    const open = o.status === 'open';
    const rung = due && open ? rungOf(due, now) : null;
    return {
      id: o.id,
      label: o.label,
      regime: label(REGIME_LABELS, o.regime),
      recipient: label(RECIPIENT_LABELS, o.recipient),
      status: o.status,
      statusLabel: label(OBLIGATION_STATUS_LABELS, o.status),
      deadline: shown(o.deadline?.utc ?? null, zone),
      countdown: due && rung ? { dueIso: due.toISOString(), rung, rungLabel: RUNG_LABELS[rung], timeLeft: timeLeftText(due, now) } : null,
      reasons: o.reasons,
      submitted: shown(o.submittedAt, zone),
      reference: o.reference,
      delayReasons: o.delayReasons,
      lateness: o.onTime === null ? null : o.onTime ? 'on time' : 'late',
      filedBy: o.filedBy,
      waivedReason: o.waivedReason,
      // A stage counted from an earlier filing has no deadline until that filing exists.
      canFile: open && due !== null,
    };
  });
}

export interface EscalationInput {
  readonly id: string;
  readonly obligationId: string;
  readonly label: string;
  readonly dueAt: string;
  readonly state: string;
  readonly late: boolean;
  readonly firedAt: string | null;
  readonly acknowledgedAt: string | null;
  readonly acknowledgedBy: string | null;
  readonly deliveries: readonly unknown[];
}

/** The ladder's rungs, fired ones first (they are the ones to answer). */
export function escalationRows(items: readonly EscalationInput[], obligationLabels: ReadonlyMap<string, string>, zone: string) {
  const order = (state: string) => (state === 'fired' ? 0 : state === 'pending' ? 1 : 2);
  return [...items]
    .sort((a, b) => order(a.state) - order(b.state) || a.dueAt.localeCompare(b.dueAt))
    .map((e) => ({
      id: e.id,
      obligation: obligationLabels.get(e.obligationId) ?? '',
      label: e.label,
      due: shown(e.dueAt, zone) as ShownTime,
      state: e.state,
      stateLabel: label(ESCALATION_STATE_LABELS, e.state),
      late: e.late,
      fired: shown(e.firedAt, zone),
      acknowledged: shown(e.acknowledgedAt, zone),
      acknowledgedBy: e.acknowledgedBy,
      deliveries: e.deliveries.length,
      canAcknowledge: e.state === 'fired' && e.acknowledgedAt === null,
    }));
}

export interface DocumentInput {
  readonly id: string;
  readonly kind: string;
  readonly language: string;
  readonly phase: string;
  readonly version: number;
  readonly fileName: string;
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly forcedReason: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
}

export function documentRows(items: readonly DocumentInput[], zone: string) {
  return items.map((d) => ({
    id: d.id,
    kindLabel: label(KIND_LABELS, d.kind),
    language: d.language,
    phase: d.phase,
    version: d.version,
    fileName: d.fileName,
    sha256: d.sha256,
    sha256Short: d.sha256.slice(0, 12),
    size: `${Math.max(1, Math.round(d.sizeBytes / 1024))} KB`,
    forcedReason: d.forcedReason,
    createdBy: d.createdBy,
    created: shown(d.createdAt, zone) as ShownTime,
    pdfUrl: `/api/documents/${d.id}/pdf`,
    // Content-Disposition inline: the browser shows the PDF instead of saving it.
    previewUrl: `/api/documents/${d.id}/pdf?inline=1`,
  }));
}

export interface TimelineInput {
  readonly id: string;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly summary: string;
  readonly changes: Readonly<Record<string, { readonly from: unknown; readonly to: unknown }>> | null;
}

export function timelineRows(items: readonly TimelineInput[], zone: string) {
  return items.map((e) => ({
    id: e.id,
    at: shown(e.at, zone) as ShownTime,
    actor: e.actor,
    action: e.action,
    summary: e.summary,
    changes: Object.entries(e.changes ?? {}).map(([field, c]) => ({ field, from: changeText(field, c.from), to: changeText(field, c.to) })),
  }));
}

/** A changed value in words; the controllers as the form takes them ("Kauppa Oy; dpo@kauppa.example | Koulu ry"). */
export function changeText(field: string, v: unknown): string {
  if (field === 'controllers' && isControllerList(v) && v.length > 0) return cut(controllerLinesText(v).split('\n').join(' | '));
  return valueText(v);
}

/**
 * A changed value in words: empty for nothing, lists joined (an object in a list as its
 * values), the rest as JSON; long text cut.
 */
export function valueText(v: unknown): string {
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return '—';
  return cut(Array.isArray(v) ? v.map(itemText).join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v));
}

const cut = (text: string): string => (text.length > 200 ? `${text.slice(0, 200)}…` : text);

/** The controllers as the timeline stored them (every key present). */
function isControllerList(v: unknown): v is IncidentController[] {
  const text = (x: unknown) => x === null || typeof x === 'string';
  return Array.isArray(v) && v.every((c) => typeof c === 'object' && c !== null && typeof c.name === 'string' && text(c.contactEmail) && text(c.reference));
}

function itemText(item: unknown): string {
  if (typeof item !== 'object' || item === null) return String(item);
  return Object.values(item)
    .filter((x) => x !== null && x !== undefined && x !== '')
    .map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x)))
    .join('; ');
}

export interface IncidentListInput {
  readonly id: string;
  readonly organisationId: string;
  readonly reference: string;
  readonly title: string;
  readonly status: string;
  readonly awareAt: string | null;
  readonly createdAt: string;
}

export function incidentListRows(items: readonly IncidentListInput[], organisations: ReadonlyMap<string, { readonly legalName: string; readonly timeZone: string }>) {
  return items.map((i) => {
    const organisation = organisations.get(i.organisationId);
    const zone = organisation?.timeZone ?? 'UTC';
    return {
      id: i.id,
      reference: i.reference,
      title: i.title,
      organisation: organisation?.legalName ?? '',
      status: i.status,
      statusLabel: label(STATUS_LABELS, i.status),
      aware: shown(i.awareAt, zone),
      created: shown(i.createdAt, zone) as ShownTime,
    };
  });
}

export function statusOptions(statuses: readonly string[]) {
  return statuses.map((s) => ({ value: s, label: label(STATUS_LABELS, s) }));
}
