import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../../shared/domain/clock.js';
import { DomainError } from '../../shared/domain/domain-error.js';
import { toInstant } from '../../shared/http/validators.js';
import { inScope, type Principal, type Scope } from '../auth/principal.js';
import { assertPrintable, assertValidPeriod, buildRegister } from './domain/build-register.js';
import { registerCsv } from './domain/register-csv.js';
import type { RegisterPeriod, RegisterReport } from './domain/register.types.js';
import { buildRegisterViewModel } from './domain/register-view-model.js';
import type { RegisterQuery } from './dto/register.dto.js';
import { loadOrganisationNames, loadRegisterSources } from './register.loader.js';
import { RegisterPdf } from './register-pdf.js';

export interface RegisterFile {
  readonly fileName: string;
  readonly contentType: string;
  readonly body: string | Buffer;
}

/** The GDPR Art. 33(5) register of the caller's organisations: JSON, CSV or PDF. */
@Injectable()
export class RegisterService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly pdf: RegisterPdf,
  ) {}

  async report(query: RegisterQuery, scope: Scope): Promise<RegisterReport> {
    return (await this.load(query, scope)).report;
  }

  async csv(query: RegisterQuery, scope: Scope): Promise<RegisterFile> {
    const { report } = await this.load(query, scope);
    return { fileName: fileName(report, 'csv'), contentType: 'text/csv; charset=utf-8', body: registerCsv(report.items) };
  }

  async pdfFile(query: RegisterQuery, principal: Principal): Promise<RegisterFile> {
    const { report, organisationNames } = await this.load(query, principal);
    assertPrintable(report.total);
    const body = await this.pdf.render(buildRegisterViewModel(report, organisationNames), principal.displayName);
    return { fileName: fileName(report, 'pdf'), contentType: 'application/pdf', body };
  }

  private async load(query: RegisterQuery, scope: Scope): Promise<{ report: RegisterReport; organisationNames: string[] }> {
    const period: RegisterPeriod = { from: toInstant(query.from ?? null), to: toInstant(query.to ?? null) };
    assertValidPeriod(period);
    const organisationIds = this.organisations(query.organisationId, scope);
    const now = this.clock.now();
    // One snapshot for every query: rows, decisions and filings agree with each other.
    return this.db.transaction('REPEATABLE READ', async (manager) => {
      const sources = await loadRegisterSources(manager, organisationIds, period);
      const organisationNames = await loadOrganisationNames(manager, organisationIds);
      return { report: buildRegister(sources, { now, period, organisationIds }), organisationNames };
    });
  }

  /** The organisations covered: the one asked for (if it is the caller's), else all of the caller's. */
  private organisations(organisationId: string | undefined, scope: Scope): string[] {
    if (organisationId === undefined) return [...scope.organisationIds].sort();
    const id = organisationId.toLowerCase();
    // Another organisation's id is answered exactly as an unknown one.
    if (!inScope(scope, id)) throw DomainError.notFound('ORGANISATION.NOT_FOUND', `Organisation ${organisationId} does not exist`);
    return [id];
  }
}

/** breach-register-2026-11-23.csv: the day of generation (UTC). */
function fileName(report: RegisterReport, extension: 'csv' | 'pdf'): string {
  return `breach-register-${report.generatedAt.slice(0, 10)}.${extension}`;
}
