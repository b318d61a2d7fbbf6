import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.token.js';
import { DomainError } from '../../shared/domain/domain-error.js';
import type { DocumentKind, DocumentLanguage, DocumentViewModel } from './domain/document.types.js';
import { findChromium } from './pdf/chromium.js';
import { PdfRenderError, PdfRenderer } from './pdf/pdf-renderer.js';
import { createTemplateEngine } from './templates/template-engine.js';

/** templates/ at the repository root, from src/ (tests) or dist/src/ (built). */
function templatesDir(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'templates', 'documents');
    if (fs.existsSync(candidate)) return path.join(dir, 'templates');
  }
  throw new Error('templates/documents not found above the service');
}

/**
 * Handlebars templates to HTML, Chromium to PDF. The browser is found and launched on first
 * use, so the service starts (and answers everything else) on a machine without Chromium;
 * a notice then fails with 503 and says why.
 */
@Injectable()
export class DocumentRenderer implements OnApplicationShutdown {
  private readonly engine = createTemplateEngine(templatesDir());
  private pdf: PdfRenderer | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  templateVersion(kind: DocumentKind, language: DocumentLanguage): string {
    return this.engine.templateVersion(kind, language);
  }

  dictionary(language: DocumentLanguage) {
    return this.engine.dictionary(language);
  }

  html(vm: DocumentViewModel): string {
    return this.engine.render(vm.document.kind, vm.document.language, vm);
  }

  async render(vm: DocumentViewModel, author: string): Promise<{ html: string; pdf: Buffer }> {
    const html = this.html(vm);
    const t = this.dictionary(vm.document.language);
    const { headerTemplate, footerTemplate } = PdfRenderer.headerFooter({ reference: vm.incident.reference, confidential: t.common.confidential, page: t.common.page, of: t.common.of });
    const pdf = await this.printPdf(html, {
      title: vm.document.title,
      subject: `${vm.document.kindLabel} (${vm.document.phaseLabel}), ${vm.incident.reference}`,
      author,
      language: vm.document.language,
      headerTemplate,
      footerTemplate,
      keywords: [vm.incident.reference, vm.document.kind, vm.document.phase, 'GDPR'],
    });
    return { html, pdf };
  }

  /**
   * Prints HTML with this process's one browser (the register uses it too). A browser that
   * died, timed out, is saturated or cannot be found is a temporary condition: 503.
   */
  async printPdf(html: string, options: Parameters<PdfRenderer['render']>[1]): Promise<Buffer> {
    try {
      return await this.renderer().render(html, options);
    } catch (error: unknown) {
      if (error instanceof PdfRenderError || (error instanceof Error && /chromium|browser/i.test(error.message))) {
        throw new DomainError('DOCUMENT.RENDERER_UNAVAILABLE', `The PDF renderer is unavailable: ${(error as Error).message}. Try again; if it persists, check CHROMIUM_PATH.`, 'unavailable');
      }
      throw error;
    }
  }

  /** For /api/health: is a browser there, and is it running. Never launches one. */
  status(): { status: 'running' | 'idle' | 'missing'; executable: string | null; pid: number | null; error: string | null } {
    let executable: string;
    try {
      executable = findChromium(this.config.chromiumPath);
    } catch (error) {
      return { status: 'missing', executable: null, pid: null, error: error instanceof Error ? error.message : 'no browser' };
    }
    const s = this.pdf?.status();
    return { status: s?.launched ? 'running' : 'idle', executable, pid: s?.pid ?? null, error: null };
  }

  private renderer(): PdfRenderer {
    this.pdf ??= new PdfRenderer({ executablePath: findChromium(this.config.chromiumPath), poolSize: this.config.pdfPages, renderTimeoutMs: this.config.pdfRenderTimeoutMs });
    return this.pdf;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pdf?.close();
  }
}
