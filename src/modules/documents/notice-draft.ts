import type { EntityManager } from 'typeorm';
import { preparedQueryIn, statementName } from '../../database/prepared.js';
import { DomainError } from '../../shared/domain/domain-error.js';
import { loadCurrentDecision } from '../assessment/current-decision.js';
import type { BreachFacts } from '../assessment/domain/index.js';
import type { IncidentEntity } from '../incidents/incident.entity.js';
import { loadIncident } from '../incidents/incident-loader.js';
import type { ObligationKind } from '../obligations/domain/obligation.types.js';
import { ObligationEntity } from '../obligations/obligation.entity.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { DocumentEntity } from './document.entity.js';
import type { DocumentRenderer } from './document-renderer.js';
import { buildViewModel, missingFinalFacts, type ObligationFacts, type ViewModelInput } from './domain/build-view-model.js';
import type { DocumentKind, DocumentViewModel } from './domain/document.types.js';
import { currentExemptions } from './domain/exemptions.js';
import type { CreateDocumentDto } from './dto/document.dto.js';

/** The duty each notice fulfils. */
const OBLIGATION_OF: Record<DocumentKind, ObligationKind> = {
  authority_notification: 'gdpr_art33_1',
  controller_notice: 'gdpr_art33_2',
  data_subject_notice: 'gdpr_art34',
};

type NoticeRequest = Pick<CreateDocumentDto, 'kind' | 'language' | 'phase' | 'force' | 'reason' | 'delayReasons'>;
type NoticeTexts = Pick<DocumentRenderer, 'dictionary' | 'templateVersion'>;

/** A notice ready to print: what it says (vm) and what it was read from. */
export interface Draft {
  readonly incident: IncidentEntity;
  readonly organisation: OrganisationEntity;
  readonly obligation: ObligationEntity | null;
  readonly assessment: Awaited<ReturnType<typeof currentAssessment>>;
  readonly vm: DocumentViewModel;
  /** The view model as JSON: all the PDF shows, so the same text is the same notice. */
  readonly fingerprint: string;
}

/** Every table readDraft reads. */
export const NOTICE_FACT_TABLES = ['incidents', 'organisations', 'obligations', 'documents', 'assessments', 'assessment_overrides'] as const;

const STAMP = `SELECT concat_ws('|', i.xmin::text, o.xmin::text,
          coalesce((SELECT string_agg(x.id || ':' || x.xmin, ',' ORDER BY x.id) FROM obligations x WHERE x.incident_id = i.id), ''),
          coalesce((SELECT string_agg(x.id || ':' || x.xmin, ',' ORDER BY x.id) FROM documents x WHERE x.incident_id = i.id AND x.kind = $2 AND x.language = $3), ''),
          coalesce((SELECT string_agg(x.id || ':' || x.xmin, ',' ORDER BY x.id) FROM assessments x WHERE x.incident_id = i.id), ''),
          coalesce((SELECT string_agg(x.id || ':' || x.xmin, ',' ORDER BY x.id) FROM assessment_overrides x JOIN assessments a ON a.id = x.assessment_id WHERE a.incident_id = i.id), '')) AS stamp
   FROM incidents i JOIN organisations o ON o.id = i.organisation_id
  WHERE i.id = $1::uuid`;
const STAMP_LOCKED = `${STAMP} FOR UPDATE OF i`;

/**
 * A stamp of every row a notice of this kind and language is read from: each row's id and
 * xmin (which every UPDATE, by whatever code, gives a new value), so an insert, update or
 * delete of any of them changes it. Equal stamps mean a draft read in the first one's snapshot
 * is still what the facts say. With `lock`, the incident is locked for the transaction.
 * An empty string for an incident that does not exist.
 */
export async function factsStamp(manager: EntityManager, incidentId: string, notice: Pick<NoticeRequest, 'kind' | 'language'>, lock = false): Promise<string> {
  const text = lock ? STAMP_LOCKED : STAMP;
  const rows = await preparedQueryIn<{ stamp: string }>(manager, statementName('notice_facts_stamp', text), text, [incidentId, notice.kind, notice.language]);
  return rows[0]?.stamp ?? '';
}

/**
 * Everything a notice says, read and checked, as of `now`. With `lock`, the incident is locked
 * for the rest of the transaction. Reads only the tables in NOTICE_FACT_TABLES (a test holds
 * it to that), so that factsStamp sees every change that could alter it.
 */
export async function readDraft(manager: EntityManager, texts: NoticeTexts, incidentId: string, dto: NoticeRequest, now: Date, lock = false): Promise<Draft> {
  const incident = await loadIncident(manager, incidentId, lock);
  const organisation = await manager.findOneOrFail(OrganisationEntity, { where: { id: incident.organisationId } });
  assertKindFitsIncident(dto.kind, incident);

  const obligations = await manager.find(ObligationEntity, { where: { incidentId } });
  const byKind = new Map(obligations.map((o) => [o.kind, o]));
  const obligation = byKind.get(OBLIGATION_OF[dto.kind]) ?? null;
  // The assessment says the notice is not required: produced only on purpose, with a reason.
  if (obligation?.status === 'not_required') {
    if (!dto.force || !dto.reason) {
      throw new DomainError(
        'DOCUMENT.NOT_REQUIRED',
        `${obligation.label} is not required for this incident (${obligation.reasons.map((r) => r.text).join(' ')}). Send force: true with a reason to produce it anyway.`,
        'unprocessable',
        { fields: ['force', 'reason'] },
      );
    }
  }

  // What a notice lists of its earlier versions; not their payloads, which the notice does not show.
  const earlier = await manager.find(DocumentEntity, {
    select: { version: true, phase: true, createdAt: true, sha256: true },
    where: { incidentId, kind: dto.kind, language: dto.language },
    order: { version: 'ASC' },
  });
  const assessment = await currentAssessment(manager, incidentId);
  const labels = texts.dictionary(dto.language);
  const input: ViewModelInput = {
    kind: dto.kind,
    language: dto.language,
    phase: dto.phase,
    version: (earlier.at(-1)?.version ?? 0) + 1,
    generatedAt: now,
    templateVersion: texts.templateVersion(dto.kind, dto.language),
    labels,
    organisation: {
      legalName: organisation.legalName,
      registrationNumber: organisation.registrationNumber,
      postalAddress: organisation.postalAddress,
      country: organisation.country,
      timeZone: organisation.timeZone,
      controllerNoticeWindowHours: organisation.controllerNoticeWindowHours,
      mainEstablishmentCountry: organisation.mainEstablishmentCountry,
      otherEstablishmentCountries: organisation.otherEstablishmentCountries,
      representativeCountry: organisation.representativeCountry,
      contact: { kind: organisation.contactKind, name: organisation.contactName, email: organisation.contactEmail, phone: organisation.contactPhone, address: organisation.contactAddress },
    },
    incident: {
      reference: incident.reference,
      title: incident.title,
      description: incident.description,
      role: incident.role,
      occurredAt: incident.occurredAt,
      detectedAt: incident.detectedAt,
      awareAt: incident.awareAt,
      containedAt: incident.containedAt,
      affectedCountries: incident.affectedCountries,
      recordsApprox: incident.recordsApprox,
      subjectCategories: incident.subjectCategories,
      likelyConsequences: incident.likelyConsequences,
      measuresTaken: incident.measuresTaken,
      measuresProposed: incident.measuresProposed,
      controllers: incident.controllers,
    },
    assessment,
    obligation: obligationFacts(obligation),
    subjectsObligation: obligationFacts(byKind.get('gdpr_art34') ?? null),
    earlier: earlier.map((e) => ({ version: e.version, phase: e.phase, createdAt: e.createdAt, sha256: e.sha256 })),
    delayReasons: dto.delayReasons ?? null,
  };
  const vm = buildViewModel(input);
  if (vm.deadline.late && !vm.deadline.delayReasons) {
    throw new DomainError('DOCUMENT.DELAY_REASONS_REQUIRED', `This notice is late (due ${vm.deadline.dueAt?.utc}): give delayReasons (GDPR Art. 33(1))`, 'unprocessable', {
      fields: ['delayReasons'],
    });
  }
  if (dto.phase === 'final') {
    const missing = missingFinalFacts(vm, labels);
    if (missing.length > 0) {
      throw new DomainError('DOCUMENT.INCOMPLETE_FINAL', `A final notice must hold every GDPR Art. 33(3) element; missing: ${missing.join(', ')}`, 'unprocessable', { missing });
    }
  }
  return { incident, organisation, obligation, assessment, vm, fingerprint: JSON.stringify(vm) };
}

function assertKindFitsIncident(kind: DocumentKind, incident: IncidentEntity): void {
  if (incident.awareAt === null) {
    throw new DomainError('DOCUMENT.NOT_AWARE', 'Record awareAt first: notices follow awareness of the breach (GDPR Art. 33(1))', 'unprocessable', { field: 'awareAt' });
  }
  if (kind === 'controller_notice' && incident.role !== 'processor') {
    throw new DomainError('DOCUMENT.WRONG_ROLE', 'A controller notice is sent by a processor (GDPR Art. 33(2)); this incident is recorded in the controller role', 'unprocessable');
  }
  if (kind !== 'controller_notice' && incident.role !== 'controller') {
    throw new DomainError('DOCUMENT.WRONG_ROLE', `A ${kind.replace('_', ' ')} is the controller's duty; as processor, send the controller notice (GDPR Art. 33(2))`, 'unprocessable');
  }
}

async function currentAssessment(manager: EntityManager, incidentId: string) {
  const current = await loadCurrentDecision(manager, incidentId);
  if (!current) return null;
  const { assessment: latest, override } = current;
  const facts = latest.facts as BreachFacts;
  return {
    id: latest.id,
    breachTypes: facts.breachTypes,
    dataCategories: facts.dataCategories,
    subjectsCount: facts.subjectsCount,
    riskLevel: override?.riskLevel ?? latest.riskLevel,
    enisa: latest.result.enisa,
    reasons: latest.result.reasons,
    overridden: override !== null,
    overrideJustification: override?.justification ?? null,
    rulesVersion: latest.rulesVersion,
    exemptions: currentExemptions(latest.result.exemptions ?? [], override),
  };
}

function obligationFacts(o: ObligationEntity | null): ObligationFacts | null {
  return o && { status: o.status, dueAt: o.dueAt, submittedAt: o.submittedAt, delayReasons: o.delayReasons, reasons: o.reasons };
}
