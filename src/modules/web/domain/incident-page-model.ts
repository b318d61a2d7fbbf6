import type { Permission } from '../../auth/domain/permissions.js';
import { controllerLinesText } from './controller-lines.js';
import { fieldErrors, type IncidentFacts, shown, toLocalInput } from './incident-page.js';
import {
  decisionView,
  documentRows,
  type DocumentInput,
  escalationRows,
  type EscalationInput,
  obligationRows,
  type ObligationInput,
  STATUS_LABELS,
  type StoredAssessmentInput,
  timelineRows,
  type TimelineInput,
} from './incident-views.js';

/**
 * The incident page's view model: the facts, every section's rows, and each form with its
 * values and its errors (every field present, null when fine: the templates are strict).
 */

export interface OrganisationOption {
  readonly id: string;
  readonly legalName: string;
  readonly timeZone: string;
  readonly roles: readonly string[];
}

/** A post the page refused: which form (and which row, for per-obligation forms), what was wrong, what was typed. */
export interface FailedForm {
  readonly form: 'facts' | 'status' | 'assessment' | 'override' | 'filing' | 'escalation' | 'document';
  readonly target: string | null;
  readonly errors: Readonly<Record<string, string>>;
  readonly values: Readonly<Record<string, string | string[]>>;
}

/** The incident as the API gives it (IncidentView): its facts plus identity and status. */
export interface IncidentInput extends IncidentFacts {
  readonly id: string;
  readonly reference: string;
  readonly status: string;
  readonly allowedTransitions: readonly string[];
  readonly createdBy: string;
  readonly createdAt: string;
}

export interface IncidentModelInput {
  readonly incident: IncidentInput;
  readonly organisation: OrganisationOption;
  readonly timeline: readonly TimelineInput[];
  readonly timelineTotal: number;
  /** Newest first: the first is the current decision. */
  readonly history: readonly (StoredAssessmentInput & { readonly facts: unknown })[];
  readonly obligations: readonly ObligationInput[];
  readonly escalations: readonly EscalationInput[];
  readonly documents: readonly DocumentInput[];
  readonly failed: FailedForm | null;
  readonly now: Date;
  readonly can: (permission: Permission) => boolean;
}

export const ASSESSMENT_FIELDS = [
  'breachTypes', 'dataCategories', 'dpcOverride', 'subjectsCount', 'vulnerableSubjects', 'identifiability', 'exposure', 'integrityLoss', 'availabilityLoss',
  'unavailableHours', 'backupAvailable', 'malicious', 'exfiltration', 'protection', 'recipientDeletionConfirmed', 'highRiskMitigated', 'disproportionateEffort', 'role',
] as const;
export const OVERRIDE_FIELDS = ['riskLevel', 'notifyAuthority', 'communicateSubjects', 'notifyController', 'exemption', 'justification'] as const;
export const FILING_FIELDS = ['submittedAt', 'reference', 'delayReasons'] as const;
export const DOCUMENT_FIELDS = ['kind', 'language', 'phase', 'force', 'reason', 'delayReasons'] as const;
const FACT_FORM_FIELDS = [
  'title', 'description', 'role', 'occurredAt', 'detectedAt', 'awareAt', 'containedAt', 'classifiedAt', 'affectedCountries', 'recordsApprox', 'subjectCategories',
  'likelyConsequences', 'measuresTaken', 'measuresProposed', 'controllers', 'awareAtChangeReason',
] as const;
const STATUS_FORM_FIELDS = ['status', 'reason'] as const;

const BOOLEAN_FACTS = ['vulnerableSubjects', 'backupAvailable', 'malicious', 'recipientDeletionConfirmed', 'highRiskMitigated', 'disproportionateEffort'] as const;

/** The wizard's fields as strings (checkboxes: "true" or ""), from stored facts or blank. */
export function assessmentValues(facts: Record<string, unknown> | null): Record<string, string | string[]> {
  const f = facts ?? {};
  const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  const dpc = (f.dpcOverride ?? null) as { score?: unknown; reason?: unknown } | null;
  return {
    breachTypes: Array.isArray(f.breachTypes) ? f.breachTypes.map(String) : [],
    dataCategories: Array.isArray(f.dataCategories) ? f.dataCategories.map(String) : [],
    dpcScore: str(dpc?.score),
    dpcReason: str(dpc?.reason),
    subjectsCount: str(f.subjectsCount),
    identifiability: str(f.identifiability ?? 'maximum'),
    exposure: str(f.exposure ?? 'none'),
    integrityLoss: str(f.integrityLoss ?? 'none'),
    availabilityLoss: str(f.availabilityLoss ?? 'none'),
    unavailableHours: str(f.unavailableHours),
    exfiltration: str(f.exfiltration ?? 'suspected'),
    protection: str(f.protection ?? 'none'),
    ...Object.fromEntries(BOOLEAN_FACTS.map((k) => [k, f[k] === true ? 'true' : ''])),
  };
}

function factValues(i: IncidentInput, zone: string): Record<string, string> {
  return {
    title: i.title,
    description: i.description,
    role: i.role,
    occurredAt: toLocalInput(i.occurredAt, zone),
    detectedAt: toLocalInput(i.detectedAt, zone),
    awareAt: toLocalInput(i.awareAt, zone),
    containedAt: toLocalInput(i.containedAt, zone),
    classifiedAt: toLocalInput(i.classifiedAt, zone),
    affectedCountries: i.affectedCountries.join(', '),
    recordsApprox: i.recordsApprox === null ? '' : String(i.recordsApprox),
    subjectCategories: i.subjectCategories.join(', '),
    likelyConsequences: i.likelyConsequences ?? '',
    measuresTaken: i.measuresTaken ?? '',
    measuresProposed: i.measuresProposed ?? '',
    controllers: controllerLinesText(i.controllers),
    awareAtChangeReason: '',
  };
}

export function buildIncidentModel(input: IncidentModelInput) {
  const { incident: i, organisation, failed, now } = input;
  const zone = organisation.timeZone;
  const failedOn = (form: FailedForm['form'], target: string | null = null) => (failed && failed.form === form && failed.target === target ? failed : null);
  const form = <K extends string>(name: FailedForm['form'], fields: readonly K[], defaults: Record<string, string | string[]>, target: string | null = null, replace = false) => {
    const f = failedOn(name, target);
    return { values: f ? { ...(replace ? blank(defaults) : defaults), ...f.values } : defaults, errors: fieldErrors(fields, f?.errors), failed: f !== null };
  };

  const current = input.history[0] ?? null;
  const decision = current ? decisionView(current, zone) : null;
  const obligations = obligationRows(input.obligations, zone, now).map((row) => ({
    ...row,
    filing: form('filing', FILING_FIELDS, { submittedAt: toLocalInput(now.toISOString(), zone), reference: '', delayReasons: '' }, row.id),
  }));
  const labels = new Map(input.obligations.map((o) => [o.id, o.label]));

  return {
    incident: {
      ...i,
      statusLabel: STATUS_LABELS[i.status] ?? i.status,
      occurred: shown(i.occurredAt, zone),
      detected: shown(i.detectedAt, zone),
      aware: shown(i.awareAt, zone),
      classified: shown(i.classifiedAt, zone),
      // No containment recorded: the breach is ongoing (the notices say so too).
      contained: shown(i.containedAt, zone),
      processor: i.role === 'processor',
      created: shown(i.createdAt, zone),
      countriesText: i.affectedCountries.join(', '),
      categoriesText: i.subjectCategories.join(', '),
      recordsText: i.recordsApprox === null ? null : i.recordsApprox.toLocaleString('en-GB'),
    },
    organisation: { id: organisation.id, legalName: organisation.legalName, timeZone: zone, roles: organisation.roles },
    can: {
      write: input.can('incidents:write'),
      assess: input.can('assessments:write'),
      file: input.can('obligations:file'),
      generate: input.can('documents:generate'),
      acknowledge: input.can('escalations:acknowledge'),
    },
    facts: {
      ...form('facts', FACT_FORM_FIELDS, factValues(i, zone)),
      zoneNote: `Times are read in ${zone}, the organisation's time zone, and stored with their UTC offset.`,
      // Controllers are a processor's (GDPR Art. 33(2)): asked for where the incident is, or can be, recorded as processor.
      showControllers: i.role === 'processor' || organisation.roles.includes('processor'),
    },
    status: {
      ...form('status', STATUS_FORM_FIELDS, { status: i.allowedTransitions[0] ?? '', reason: '' }),
      options: i.allowedTransitions.map((s) => ({ value: s, label: STATUS_LABELS[s] ?? s })),
    },
    assessment: form('assessment', ASSESSMENT_FIELDS, assessmentValues((current?.facts ?? null) as Record<string, unknown> | null), null, true),
    assessmentCount: input.history.length,
    decision,
    override:
      decision && !decision.overridden
        ? form('override', OVERRIDE_FIELDS, {
            riskLevel: decision.effective.riskLevel,
            notifyAuthority: String(decision.effective.notifyAuthority),
            communicateSubjects: decision.effective.communicateSubjects,
            notifyController: String(decision.effective.notifyController),
            exemption: '',
            justification: '',
          })
        : null,
    obligations,
    escalations: escalationRows(input.escalations, labels, zone).map((row) => ({ ...row, error: failedOn('escalation', row.id)?.errors.form ?? null })),
    document: form('document', DOCUMENT_FIELDS, { kind: i.role === 'processor' ? 'controller_notice' : 'authority_notification', language: 'en', phase: 'initial', force: '', reason: '', delayReasons: '' }, null, true),
    documents: documentRows(input.documents, zone),
    timeline: timelineRows(input.timeline, zone),
    timelineTotal: input.timelineTotal,
    timelineClipped: input.timelineTotal > input.timeline.length,
  };
}

/** Defaults with every checkbox unticked: a refused form shows exactly what was posted. */
function blank(defaults: Record<string, string | string[]>): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(defaults).map(([k, v]) => [k, Array.isArray(v) ? [] : v === 'true' ? '' : v]));
}
