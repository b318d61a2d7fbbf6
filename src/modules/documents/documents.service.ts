import { audited } from '../audit/audit-trail.js';
import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../../shared/domain/clock.js';
import { DomainError } from '../../shared/domain/domain-error.js';
import { KeyedSerial } from '../../shared/domain/keyed-serial.js';
import { loadIncident } from '../incidents/incident-loader.js';
import { type ActingContext, appendTimeline } from '../incidents/timeline.js';
import { DocumentEntity } from './document.entity.js';
import { DocumentRenderer } from './document-renderer.js';
import { KIND_LANGUAGES } from './domain/document.types.js';
import type { CreateDocumentDto, DocumentList, DocumentView, DocumentWithPayload } from './dto/document.dto.js';
import { type Draft, factsStamp, readDraft } from './notice-draft.js';

/** Prints of one notice before giving up when the facts change during each (409 DOCUMENT.FACTS_CHANGED). */
export const PRINT_ATTEMPTS = 3;

@Injectable()
export class DocumentsService {
  /** One print at a time per notice (incident, kind, language) in this process. */
  private readonly printing = new KeyedSerial();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly renderer: DocumentRenderer,
  ) {}

  /**
   * A new version of a notice. Chromium prints outside any transaction, so a slow or saturated
   * browser holds no database connection and no lock:
   * 1. the facts are read in one snapshot, with a stamp of every row they come from;
   * 2. the PDF is printed;
   * 3. a short transaction locks the incident and takes the stamp again. Unchanged, the notice
   *    is stored. Changed, the facts are read again under the lock: if the notice would say
   *    the same, it is stored; if not (an edit, a new assessment, a version stored by another
   *    process), it is printed again from the new facts, at most PRINT_ATTEMPTS times.
   * A request for the same notice of the same incident waits for the one before it in this
   * process. What is stored is always what the facts say when it is committed.
   */
  async generate(incidentId: string, dto: CreateDocumentDto, acting: ActingContext): Promise<DocumentWithPayload> {
    if (!KIND_LANGUAGES[dto.kind].includes(dto.language)) {
      throw new DomainError('DOCUMENT.LANGUAGE_NOT_AVAILABLE', `${dto.kind} is written in ${KIND_LANGUAGES[dto.kind].join(', ')}, not ${dto.language}`, 'invalid', {
        fields: ['language'],
      });
    }
    return this.printing.run(`${incidentId}:${dto.kind}:${dto.language}`, async () => {
      for (let attempt = 1; ; attempt += 1) {
        const now = this.clock.now();
        const read = await this.db.transaction('REPEATABLE READ', async (manager) => ({
          draft: await readDraft(manager, this.renderer, incidentId, dto, now),
          stamp: await factsStamp(manager, incidentId, dto),
        }));
        const { pdf } = await this.renderer.render(read.draft.vm, read.draft.organisation.legalName);
        const stored = await audited(this.db, async (manager) => {
          if ((await factsStamp(manager, incidentId, dto, true)) === read.stamp) return this.store(manager, read.draft, dto, pdf, now, acting);
          const current = await readDraft(manager, this.renderer, incidentId, dto, now, true);
          return current.fingerprint === read.draft.fingerprint ? this.store(manager, current, dto, pdf, now, acting) : null;
        });
        if (stored) return stored;
        if (attempt >= PRINT_ATTEMPTS) {
          throw new DomainError(
            'DOCUMENT.FACTS_CHANGED',
            `The incident's facts changed each time this notice was printed (${PRINT_ATTEMPTS} times); nothing was stored. Try again once the edits have settled.`,
            'conflict',
          );
        }
      }
    });
  }

  private async store(manager: EntityManager, draft: Draft, dto: CreateDocumentDto, pdf: Buffer, now: Date, acting: ActingContext): Promise<DocumentWithPayload> {
    const { incident, obligation, assessment, vm } = draft;
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const fileName = `${incident.reference}-${dto.kind}-${dto.language}-v${vm.document.version}.pdf`;
    const saved = await manager.save(
      manager.create(DocumentEntity, {
        incidentId: incident.id,
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
      incidentId: incident.id,
      organisationId: incident.organisationId,
      at: now,
      action: 'document_generated',
      summary: `${vm.document.title} (${vm.document.phaseLabel}, ${dto.language}) v${vm.document.version} generated, SHA-256 ${sha256.slice(0, 16)}…`,
    });
    return { ...toDocumentView(saved), payload: vm as unknown as Record<string, unknown> };
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
