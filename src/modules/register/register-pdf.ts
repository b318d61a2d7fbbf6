import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { DocumentRenderer } from '../documents/document-renderer.js';
import { PdfRenderer } from '../documents/pdf/pdf-renderer.js';
import { COMPILE_OPTIONS } from '../documents/templates/template-engine.js';
import { registerHelpers } from '../documents/templates/helpers.js';
import { guardViewModel } from '../documents/templates/view-model-guard.js';
import type { RegisterViewModel } from './domain/register-view-model.js';

const TEMPLATE = path.join('templates', 'register', 'en.hbs');

/** templates/register/en.hbs at the repository root, from src/ (tests) or dist/src/ (built). */
function templateFile(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, TEMPLATE);
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`${TEMPLATE} not found above the service`);
}

/**
 * The register as PDF. The same rules as the notices: a private Handlebars instance in strict
 * mode with the notices' helpers and compile options (every value escaped; a field the
 * template names but the view model lacks fails the render, through the view-model guard),
 * and the documents module's Chromium (one browser per process, JavaScript off, nothing
 * fetched), reached through its DocumentRenderer.
 */
@Injectable()
export class RegisterPdf {
  private template: Handlebars.TemplateDelegate | undefined;

  constructor(private readonly documents: DocumentRenderer) {}

  html(vm: RegisterViewModel): string {
    if (!this.template) {
      const hb = Handlebars.create();
      registerHelpers(hb);
      this.template = hb.compile(fs.readFileSync(templateFile(), 'utf8'), COMPILE_OPTIONS);
    }
    return this.template(guardViewModel(vm));
  }

  async render(vm: RegisterViewModel, author: string): Promise<Buffer> {
    const html = this.html(vm);
    const { headerTemplate, footerTemplate } = PdfRenderer.headerFooter({ reference: 'Breach register, GDPR Art. 33(5)', confidential: 'Confidential', page: 'Page', of: 'of' });
    // The notices' renderer: one Chromium per process, and the same 503 when it is unavailable.
    return this.documents.printPdf(html, {
      title: vm.title,
      subject: vm.period,
      author,
      language: 'en',
      headerTemplate,
      footerTemplate,
      keywords: ['GDPR', 'Art. 33(5)', 'breach register'],
    });
  }
}
