import { DateTime } from 'luxon';
import { controllerLinesText, parseControllerLines } from './controller-lines.js';
import type { IncidentController } from '../../incidents/domain/incident-controllers.js';

/**
 * The incident pages without Nest or the database: posted strings shaped into the JSON API's
 * DTO shapes (the DTOs then validate them, as for the API), times read in the organisation's
 * zone, domain refusals put beside the field they name, and the rows the templates print.
 */

/** A form as posted (application/x-www-form-urlencoded): strings, or string arrays for repeated names. */
export type Posted = Readonly<Record<string, string | string[] | undefined>>;

const first = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
/** Browsers post textarea line breaks as CRLF; the record keeps LF. */
const text = (v: string | string[] | undefined): string => first(v).replace(/\r\n?/g, '\n').trim();
const orUndefined = (v: string): string | undefined => (v === '' ? undefined : v);
const orNull = (v: string): string | null => (v === '' ? null : v);
const list = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v ? [v] : []).map((s) => s.trim()).filter(Boolean);
/** "FI, se GB" -> ["FI", "SE", "GB"]. */
const codes = (v: string | string[] | undefined): string[] => [...new Set(text(v).split(/[\s,;]+/).filter(Boolean).map((c) => c.toUpperCase()))];
/** "customers, employees" -> ["customers", "employees"] (categories may contain spaces). */
const items = (v: string | string[] | undefined): string[] => [...new Set(text(v).split(/[,\n]/).map((s) => s.trim()).filter(Boolean))];
/** A number when it reads as one, else the text itself so that the DTO names the field. */
const numeric = (v: string | string[] | undefined): number | string | undefined => {
  const t = text(v);
  return t === '' ? undefined : /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
};
/**
 * The controllers textarea (one a line, see controller-lines.ts) as the DTO's list; text that
 * does not read is passed on as it is, so that the DTO refuses the field and the page words why
 * beside it, naming the line. Line numbers count from the textarea's first line: not trimmed.
 */
const controllerList = (v: string | string[] | undefined): unknown => {
  const parsed = parseControllerLines(first(v));
  return parsed.ok ? parsed.controllers.map(({ name, contactEmail, reference }) => ({ name, contactEmail, reference })) : text(v);
};
const bool = (v: string | string[] | undefined): boolean => ['true', 'on', 'yes'].includes(first(v));
/** Radio buttons "true"/"false": anything else is left for the DTO to refuse as not a boolean. */
const yesNo = (v: string | string[] | undefined): boolean | string | undefined => (first(v) === 'true' ? true : first(v) === 'false' ? false : orUndefined(first(v)));

// ---------------------------------------------------------------- times

const LOCAL_INPUT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/** An instant as a `datetime-local` value in the organisation's zone ("2026-11-20T10:00"). */
export function toLocalInput(iso: string | null, zone: string): string {
  return iso === null ? '' : DateTime.fromISO(iso, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
}

/**
 * A `datetime-local` value read in the organisation's zone, as an ISO instant with its offset
 * ("2026-11-20T10:00:00+02:00"). An unreadable value is passed on unchanged so that the DTO
 * refuses it on its field; a time skipped by a DST change moves forward, as the clock did.
 */
export function fromLocalInput(value: string, zone: string): string {
  if (!LOCAL_INPUT.test(value)) return value;
  const local = DateTime.fromISO(value, { zone });
  return local.isValid ? (local.toISO({ suppressMilliseconds: true }) as string) : value;
}

/** "Fri 20 Nov 2026 10:00 (UTC+02:00)" and "Fri 20 Nov 2026 08:00 UTC". */
export interface ShownTime {
  readonly iso: string;
  readonly local: string;
  readonly utc: string;
}

export function shown(iso: string | null, zone: string): ShownTime | null {
  if (iso === null) return null;
  return {
    iso,
    local: DateTime.fromISO(iso, { zone }).toFormat("ccc d LLL yyyy HH:mm '(UTC'ZZ')'"),
    utc: DateTime.fromISO(iso, { zone: 'utc' }).toFormat("ccc d LLL yyyy HH:mm 'UTC'"),
  };
}

// ---------------------------------------------------------------- forms -> DTO shapes

export const TIME_FIELDS = ['occurredAt', 'detectedAt', 'awareAt', 'containedAt', 'classifiedAt'] as const;
const NOTICE_TEXTS = ['likelyConsequences', 'measuresTaken', 'measuresProposed'] as const;

/** POST /incidents: CreateIncidentDto's shape; times read in the chosen organisation's zone. */
export function shapeIntake(form: Posted, zone: string): Record<string, unknown> {
  const shaped: Record<string, unknown> = {
    organisationId: text(form.organisationId),
    title: text(form.title),
    description: orUndefined(text(form.description)),
    role: orUndefined(text(form.role)),
    affectedCountries: codes(form.affectedCountries),
    recordsApprox: numeric(form.recordsApprox),
    subjectCategories: items(form.subjectCategories),
  };
  for (const field of TIME_FIELDS) shaped[field] = field === 'detectedAt' ? fromLocalInput(text(form[field]), zone) : orUndefined(fromLocalInput(text(form[field]), zone));
  for (const field of NOTICE_TEXTS) shaped[field] = orUndefined(text(form[field]));
  // Processor incidents only: an empty list is left to the API's default (none).
  if (text(form.controllers) !== '') shaped.controllers = controllerList(form.controllers);
  return dropUndefined(shaped);
}

/** The incident as its edit form shows it. */
export interface IncidentFacts {
  readonly title: string;
  readonly description: string;
  readonly role: string;
  readonly occurredAt: string | null;
  readonly detectedAt: string;
  readonly awareAt: string | null;
  readonly classifiedAt: string | null;
  /** When the breach was contained; null: ongoing. */
  readonly containedAt: string | null;
  readonly affectedCountries: readonly string[];
  readonly recordsApprox: number | null;
  readonly subjectCategories: readonly string[];
  readonly likelyConsequences: string | null;
  readonly measuresTaken: string | null;
  readonly measuresProposed: string | null;
  /** Processor incidents: the controllers to notify (GDPR Art. 33(2)). */
  readonly controllers: readonly IncidentController[];
}

/**
 * POST /incidents/:id: UpdateIncidentDto's shape. A time the form shows unchanged (to the
 * minute) is left out, so that saving the form never moves a deadline's anchor by the seconds
 * a datetime-local input cannot show; an emptied field clears the fact (null). The controllers
 * likewise: only when the textarea was on the form and no longer shows the stored list (so a
 * name typed through the API with a ";" in it does not stop the facts from being saved); an
 * emptied textarea clears them.
 */
export function shapeUpdate(form: Posted, zone: string, current: IncidentFacts): Record<string, unknown> {
  const shaped: Record<string, unknown> = {
    title: text(form.title),
    description: text(form.description),
    role: orUndefined(text(form.role)),
    affectedCountries: codes(form.affectedCountries),
    recordsApprox: numeric(form.recordsApprox) ?? null,
    subjectCategories: items(form.subjectCategories),
    awareAtChangeReason: orUndefined(text(form.awareAtChangeReason)),
  };
  for (const field of TIME_FIELDS) {
    const value = text(form[field]);
    if (value === toLocalInput(current[field], zone)) continue;
    // detectedAt cannot be cleared: null is refused on its field by the DTO.
    shaped[field] = value === '' ? null : fromLocalInput(value, zone);
  }
  for (const field of NOTICE_TEXTS) shaped[field] = orNull(text(form[field]));
  if (form.controllers !== undefined && text(form.controllers) !== controllerLinesText(current.controllers)) shaped.controllers = controllerList(form.controllers);
  return dropUndefined(shaped);
}

export function shapeStatus(form: Posted): Record<string, unknown> {
  return dropUndefined({ status: text(form.status), reason: orUndefined(text(form.reason)) });
}

/** The assessment contract's breach facts (DESIGN.md); the role comes from the incident. */
export function shapeAssessment(form: Posted): Record<string, unknown> {
  const dpcScore = text(form.dpcScore);
  const dpcReason = text(form.dpcReason);
  return dropUndefined({
    breachTypes: list(form.breachTypes),
    dataCategories: list(form.dataCategories),
    dpcOverride: dpcScore === '' && dpcReason === '' ? undefined : { score: numeric(form.dpcScore), reason: dpcReason },
    subjectsCount: numeric(form.subjectsCount),
    vulnerableSubjects: bool(form.vulnerableSubjects),
    identifiability: text(form.identifiability),
    exposure: text(form.exposure),
    integrityLoss: text(form.integrityLoss),
    availabilityLoss: text(form.availabilityLoss),
    unavailableHours: numeric(form.unavailableHours),
    backupAvailable: bool(form.backupAvailable),
    malicious: bool(form.malicious),
    exfiltration: text(form.exfiltration),
    protection: text(form.protection),
    recipientDeletionConfirmed: bool(form.recipientDeletionConfirmed),
    highRiskMitigated: bool(form.highRiskMitigated),
    disproportionateEffort: bool(form.disproportionateEffort),
  });
}

export function shapeOverride(form: Posted): Record<string, unknown> {
  return dropUndefined({
    riskLevel: text(form.riskLevel),
    notifyAuthority: yesNo(form.notifyAuthority),
    communicateSubjects: text(form.communicateSubjects),
    notifyController: yesNo(form.notifyController),
    exemption: orUndefined(text(form.exemption)),
    justification: text(form.justification),
  });
}

export function shapeFiling(form: Posted, zone: string): Record<string, unknown> {
  return dropUndefined({ submittedAt: fromLocalInput(text(form.submittedAt), zone), reference: text(form.reference), delayReasons: orUndefined(text(form.delayReasons)) });
}

export function shapeDocument(form: Posted): Record<string, unknown> {
  const force = bool(form.force);
  return dropUndefined({
    kind: text(form.kind),
    language: text(form.language),
    phase: text(form.phase),
    force: force || undefined,
    reason: orUndefined(text(form.reason)),
    delayReasons: orUndefined(text(form.delayReasons)),
  });
}

/** What the form showed, to show again beside its errors: every posted field as text. */
export function keptValues(form: Posted): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(form)) if (key !== '_csrf' && value !== undefined) kept[key] = Array.isArray(value) ? value : value.replace(/\r\n?/g, '\n');
  return kept;
}

function dropUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

// ---------------------------------------------------------------- refusals beside their fields

interface FieldMessage {
  readonly field?: unknown;
  readonly message?: unknown;
}

/**
 * A domain refusal as errors per field of the form that was posted: each violation or
 * contradiction that names one of `fields` goes beside it, anything else is said above the
 * form (`form`). `details` is the DomainError's.
 */
export function refusalByField(message: string, details: Record<string, unknown> | undefined, fields: readonly string[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const named = [...asList(details?.violations), ...asList(details?.contradictions)];
  for (const v of named) {
    const field = typeof v.field === 'string' ? v.field.split('.')[0]! : '';
    if (fields.includes(field) && typeof v.message === 'string') errors[field] = errors[field] ? `${errors[field]} ${sentence(v.message)}` : sentence(v.message);
  }
  const single = typeof details?.field === 'string' ? details.field : null;
  if (single && fields.includes(single)) errors[single] ??= sentence(message);
  const listed = Array.isArray(details?.fields) ? details.fields.filter((f): f is string => typeof f === 'string' && fields.includes(f)) : [];
  for (const field of listed) errors[field] ??= sentence(message);
  if (Object.keys(errors).length === 0) errors.form = sentence(message);
  return errors;
}

const asList = (v: unknown): FieldMessage[] => (Array.isArray(v) ? v.filter((x): x is FieldMessage => typeof x === 'object' && x !== null) : []);

function sentence(s: string): string {
  const t = s.trim();
  return t.charAt(0).toUpperCase() + t.slice(1) + (/[.!?]$/.test(t) ? '' : '.');
}

/** A form's errors with every field present (null: fine), as the strict templates need. */
export function fieldErrors(fields: readonly string[], errors: Readonly<Record<string, string>> = {}): Record<string, string | null> {
  return Object.fromEntries(['form', ...fields].map((f) => [f, errors[f] ?? null]));
}

/** The friendlier sentence for a time field the DTO refused (its own speaks of ISO 8601 offsets). */
export function timeFieldErrors(errors: Readonly<Record<string, string>>, timeFields: readonly string[]): Record<string, string> {
  const out = { ...errors };
  for (const f of timeFields) if (out[f] && /ISO 8601/.test(out[f])) out[f] = 'Enter a date and a time (day, month, year, hours and minutes).';
  return out;
}

// ---------------------------------------------------------------- after a post

/** Post-redirect-get: the message shown after each kind of change (never text from the URL). */
export const FLASH: Readonly<Record<string, string>> = {
  created: 'Incident recorded. Its legal clocks run from the moment of awareness.',
  updated: 'Facts saved; the deadlines were recomputed where they depend on them.',
  status: 'Status changed.',
  assessed: 'Assessment recorded. It is now the incident’s current decision.',
  overridden: 'Override recorded beside the engine’s answer.',
  filed: 'Filing recorded.',
  acknowledged: 'Alert acknowledged.',
  generated: 'Notice generated: a new immutable version.',
};

export function flashOf(key: unknown): string | null {
  return typeof key === 'string' && Object.hasOwn(FLASH, key) ? (FLASH[key] as string) : null;
}
