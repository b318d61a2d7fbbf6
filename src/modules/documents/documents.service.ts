import { audited } from '../audit/audit-trail.js';
import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../../shared/domain/clock.js';
import { DomainError } from '../../shared/domain/domain-error.js';
import { loadCurrentDecision } from '../assessment/current-decision.js';
import type { BreachFacts } from '../assessment/domain/index.js';
import type { IncidentEntity } from '../incidents/incident.entity.js';
import { loadIncident } from '../incidents/incident-loader.js';
import { type ActingContext, appendTimeline } from '../incidents/timeline.js';
import type { ObligationKind } from '../obligations/domain/obligation.types.js';
import { ObligationEntity } from '../obligations/obligation.entity.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { DocumentEntity } from './document.entity.js';
import { DocumentRenderer } from './document-renderer.js';
import { buildViewModel, missingFinalFacts, type ObligationFacts, type ViewModelInput } from './domain/build-view-model.js';
import { type DocumentKind, KIND_LANGUAGES } from './domain/document.types.js';
import { currentExemptions } from './domain/exemptions.js';
import type { CreateDocumentDto, DocumentList, DocumentView, DocumentWithPayload } from './dto/document.dto.js';

/** The duty each notice fulfils. */
const OBLIGATION_OF: Record<DocumentKind, ObligationKind> = {
  authority_notification: 'gdpr_art33_1',
  controller_notice: 'gdpr_art33_2',
  data_subject_notice: 'gdpr_art34',
};

@Injectable()
export class DocumentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly renderer: DocumentRenderer,
  ) {}

  async generate(incidentId: string, dto: CreateDocumentDto, acting: ActingContext): Promise<DocumentWithPayload> {
    if (!KIND_LANGUAGES[dto.kind].includes(dto.language)) {
      throw new DomainError('DOCUMENT.LANGUAGE_NOT_AVAILABLE', `${dto.kind} is written in ${KIND_LANGUAGES[dto.kind].join(', ')}, not ${dto.language}`, 'invalid', {
        fields: ['language'],
      });
    }
    const now = this.clock.now();
    return audited(this.db, async (manager) => {
      const incident = await loadIncident(manager, incidentId, true);
      const organisation = await manager.findOneOrFail(OrganisationEntity, { where: { id: incident.organisationId } });
      this.assertKindFitsIncident(dto.kind, incident);

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

      const earlier = await manager.find(DocumentEntity, { where: { incidentId, kind: dto.kind, language: dto.language }, order: { version: 'ASC' } });
      const assessment = await this.currentAssessment(manager, incidentId);
      const labels = this.renderer.dictionary(dto.language);
      const input: ViewModelInput = {
        kind: dto.kind,
        language: dto.language,
        phase: dto.phase,
        version: (earlier.at(-1)?.version ?? 0) + 1,
        generatedAt: now,
        templateVersion: this.renderer.templateVersion(dto.kind, dto.language),
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

      const { pdf } = await this.renderer.render(vm, organisation.legalName);
      const sha256 = createHash('sha256').update(pdf).digest('hex');
      const fileName = `${incident.reference}-${dto.kind}-${dto.language}-v${vm.document.version}.pdf`;
      const saved = await manager.save(
        manager.create(DocumentEntity, {
          incidentId,
          organisationId: incident.organisationId,
          kind: dto.kind,
          language: dto.language,
          phase: dto.phase,
          version: vm.document.version,
          fileName,
          sha256,
          sizeBytes: pdf.length,
          pdf,
          payload: vm,
          templateVersion: vm.document.templateVersion,
          assessmentId: assessment?.id ?? null,
          rulesVersion: assessment?.rulesVersion ?? null,
          forcedReason: obligation?.status === 'not_required' ? (dto.reason ?? null) : null,
          createdBy: acting.actor,
          requestId: acting.requestId,
        }),
      );
      await appendTimeline(manager, acting, {
        incidentId,
        organisationId: incident.organisationId,
        at: now,
        action: 'document_generated',
        summary: `${vm.document.title} (${vm.document.phaseLabel}, ${dto.language}) v${vm.document.version} generated, SHA-256 ${sha256.slice(0, 16)}…`,
      });
      return { ...toDocumentView(saved), payload: vm as unknown as Record<string, unknown> };
    });
  }

  async list(incidentId: string): Promise<DocumentList> {
    await loadIncident(this.db.manager, incidentId);
    const rows = await this.db.manager.find(DocumentEntity, { where: { incidentId }, order: { createdAt: 'DESC', version: 'DESC' } });
    return { items: rows.map(toDocumentView) };
  }

  async get(id: string): Promise<DocumentWithPayload> {
    const row = await this.db.manager.findOne(DocumentEntity, { where: { id } });
    if (!row) throw DomainError.notFound('DOCUMENT.NOT_FOUND', `Document ${id} does not exist`);
    return { ...toDocumentView(row), payload: row.payload as unknown as Record<string, unknown> };
  }

  /** The PDF bytes; the download is recorded on the incident's timeline. */
  async download(id: string, acting: ActingContext): Promise<{ fileName: string; sha256: string; pdf: Buffer }> {
    return audited(this.db, async (manager) => {
      const row = await manager.createQueryBuilder(DocumentEntity, 'd').addSelect('d.pdf').where('d.id = :id', { id }).getOne();
      if (!row) throw DomainError.notFound('DOCUMENT.NOT_FOUND', `Document ${id} does not exist`);
      await appendTimeline(manager, acting, {
        incidentId: row.incidentId,
        organisationId: row.organisationId,
        at: this.clock.now(),
        action: 'document_downloaded',
        summary: `${row.fileName} downloaded`,
      });
      return { fileName: row.fileName, sha256: row.sha256, pdf: row.pdf };
    });
  }

  private assertKindFitsIncident(kind: DocumentKind, incident: IncidentEntity): void {
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

  private async currentAssessment(manager: EntityManager, incidentId: string) {
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
}

function obligationFacts(o: ObligationEntity | null): ObligationFacts | null {
  return o && { status: o.status, dueAt: o.dueAt, submittedAt: o.submittedAt, delayReasons: o.delayReasons, reasons: o.reasons };
}

function toDocumentView(d: DocumentEntity): DocumentView {
  return {
    id: d.id,
    incidentId: d.incidentId,
    kind: d.kind,
    language: d.language,
    phase: d.phase,
    version: d.version,
    fileName: d.fileName,
    sha256: d.sha256,
    sizeBytes: d.sizeBytes,
    templateVersion: d.templateVersion,
    assessmentId: d.assessmentId,
    rulesVersion: d.rulesVersion,
    forcedReason: d.forcedReason,
    createdBy: d.createdBy,
    createdAt: d.createdAt.toISOString(),
    pdfUrl: `/api/documents/${d.id}/pdf`,
  };
}
