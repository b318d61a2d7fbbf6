import { type CsvCell, writeCsv } from './csv.js';
import type { RegisterNotification, RegisterRow } from './register.types.js';

/**
 * The register as CSV: one record per incident, the columns below. Lists of words
 * (countries, categories) are joined with "; "; lists of sentences (reasons, duties) put one
 * item per line inside the cell, and so do the controllers' names (a name may hold either
 * separator). Empty cell: not known (yet), or no assessment; `contained_at` is empty while the
 * breach is ongoing (`containment` says which), `controllers` for a controller incident or
 * while none is recorded.
 * The authority notification (GDPR Art. 33(1)) also has columns of its own, for sorting.
 */
const COLUMNS: ReadonlyArray<readonly [string, (row: RegisterRow) => CsvCell]> = [
  ['reference', (r) => r.reference],
  ['organisation_id', (r) => r.organisation.id],
  ['organisation', (r) => r.organisation.legalName],
  ['title', (r) => r.title],
  ['description', (r) => r.description],
  ['role', (r) => r.role],
  ['status', (r) => r.status],
  ['status_changed_at', (r) => r.statusChange?.at],
  ['status_reason', (r) => r.statusChange?.reason],
  ['occurred_at', (r) => r.occurredAt],
  ['detected_at', (r) => r.detectedAt],
  ['aware_at', (r) => r.awareAt],
  ['affected_countries', (r) => words(r.affectedCountries)],
  ['breach_types', (r) => words(r.facts.breachTypes)],
  ['data_categories', (r) => words(r.facts.dataCategories)],
  ['subject_categories', (r) => words(r.facts.subjectCategories)],
  ['subjects_approx', (r) => r.facts.subjectsApprox],
  ['records_approx', (r) => r.facts.recordsApprox],
  ['likely_consequences', (r) => r.effects.likelyConsequences],
  ['measures_taken', (r) => r.remedialAction.measuresTaken],
  ['measures_proposed', (r) => r.remedialAction.measuresProposed],
  ['assessed_at', (r) => r.decision?.assessedAt],
  ['risk_level', (r) => r.decision?.outcome.riskLevel],
  ['notify_authority', (r) => r.decision?.outcome.notifyAuthority],
  ['communicate_subjects', (r) => r.decision?.outcome.communicateSubjects],
  ['notify_controller', (r) => r.decision?.outcome.notifyController],
  ['enisa_band', (r) => r.decision?.enisa?.band],
  ['decision_reasons', (r) => lines(r.decision?.reasons.map((x) => `${x.code}: ${x.text} (${x.source})`))],
  ['overridden', (r) => (r.decision ? r.decision.override !== null : null)],
  ['override_justification', (r) => r.decision?.override?.justification],
  ['override_by', (r) => r.decision?.override?.by],
  ['override_at', (r) => r.decision?.override?.at],
  ['authority_due_at', (r) => authority(r)?.dueAt],
  ['authority_submitted_at', (r) => authority(r)?.submittedAt],
  ['authority_reference', (r) => authority(r)?.reference],
  ['authority_delay_reasons', (r) => authority(r)?.delayReasons],
  ['notifications', (r) => lines(r.notifications.map(describeNotification))],
  ['lateness', (r) => r.lateness.status],
  ['hours_late', (r) => r.lateness.hoursLate],
  // Added later: at the end, so that the columns above keep their positions.
  ['containment', (r) => r.containment],
  ['contained_at', (r) => r.containedAt],
  // Names may hold commas and semicolons: one per line inside the cell.
  ['controllers', (r) => (r.controllers.length > 0 ? lines(r.controllers) : null)],
];

export const REGISTER_CSV_HEADER: readonly string[] = COLUMNS.map(([name]) => name);

export function registerCsv(rows: readonly RegisterRow[], options: { bom?: boolean } = {}): string {
  return writeCsv(
    REGISTER_CSV_HEADER,
    rows.map((row) => COLUMNS.map(([, cell]) => cell(row))),
    options,
  );
}

function words(list: readonly string[] | null | undefined): string | null {
  return list ? list.join('; ') : null;
}

function lines(list: readonly string[] | undefined): string | null {
  return list ? list.join('\n') : null;
}

function authority(row: RegisterRow): RegisterNotification | undefined {
  return row.notifications.find((n) => n.kind === 'gdpr_art33_1');
}

/** "GDPR Art. 33(1): ... | fulfilled | due ... | filed ... | ref DPA-1 | late 26.5 h | delay: ..." */
export function describeNotification(n: RegisterNotification): string {
  const parts = [n.label, n.status, `due ${n.dueAt ?? 'not set'}`];
  if (n.submittedAt) parts.push(`filed ${n.submittedAt}`);
  if (n.reference) parts.push(`ref ${n.reference}`);
  parts.push(n.lateness.hoursLate === null ? n.lateness.status : `${n.lateness.status} ${n.lateness.hoursLate} h`);
  if (n.delayReasons) parts.push(`delay: ${n.delayReasons}`);
  if (n.waivedReason) parts.push(`waived: ${n.waivedReason}`);
  return parts.join(' | ');
}
