import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DateTime } from 'luxon';
import { CLOCK, type Clock } from '../../shared/domain/clock.js';
import { DomainError } from '../../shared/domain/domain-error.js';
import { CurrentPrincipal, type Principal, Requires } from '../auth/principal.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { PDF_MAX_INCIDENTS } from '../register/domain/build-register.js';
import type { RegisterReport } from '../register/domain/register.types.js';
import { buildRegisterViewModel } from '../register/domain/register-view-model.js';
import { RegisterQuery } from '../register/dto/register.dto.js';
import { RegisterService } from '../register/register.service.js';
import { type FieldErrors, type FormBody, formText, validateForm } from './forms.js';
import { pageContext } from './page-context.js';

const FIELDS = ['from', 'to', 'organisationId', 'form'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The GDPR Art. 33(5) register as a page: the same report as GET /api/register (RegisterService),
 * filtered by the day of detection (UTC days, `to` inclusive) and organisation, with links to
 * the CSV and PDF exports of exactly what is shown.
 */
@ApiExcludeController()
@Controller('register')
export class RegisterPagesController {
  constructor(
    private readonly organisations: OrganisationsService,
    // RegisterModule does not export its service; it is looked up in the application instead.
    private readonly register: RegisterService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Requires('read')
  async page(@Query() query: FormBody, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply): Promise<void> {
    const values = { from: formText(query.from) ?? '', to: formText(query.to) ?? '', organisationId: formText(query.organisationId) ?? '' };
    const errors: FieldErrors = {};
    const from = values.from ? dayStart(values.from, 0) : undefined;
    const to = values.to ? dayStart(values.to, 1) : undefined;
    if (from === null) errors.from = 'Enter a date as YYYY-MM-DD.';
    if (to === null) errors.to = 'Enter a date as YYYY-MM-DD.';
    // Another organisation's id reads exactly like an unknown one.
    if (values.organisationId && !principal.organisationIds.includes(values.organisationId.toLowerCase())) errors.organisationId = 'Choose one of your organisations.';

    const apiQuery = { from: from ?? undefined, to: to ?? undefined, organisationId: values.organisationId || undefined };
    let report: RegisterReport | null = null;
    if (Object.keys(errors).length === 0) {
      const checked = await validateForm(RegisterQuery, apiQuery);
      if (checked.ok) {
        try {
          report = await this.register.report(checked.value, principal);
        } catch (error) {
          if (!(error instanceof DomainError) || error.kind !== 'invalid') throw error;
          // REGISTER.INVALID_PERIOD names from and to: the message goes beside the later one.
          errors[Array.isArray(error.details?.fields) && error.details.fields.includes('to') ? 'to' : 'form'] = 'The last day is before the first day.';
        }
      } else {
        Object.assign(errors, checked.errors);
      }
    }

    const organisations = (await this.organisations.list({ limit: 200, offset: 0 }, principal)).items;
    const exports = new URLSearchParams(Object.entries(apiQuery).filter((e): e is [string, string] => e[1] !== undefined));
    const shown = report;
    const model = shown && buildRegisterViewModel(shown, []);
    await reply.status(shown ? 200 : 400).view('register', {
      ...pageContext(principal, 'Register of breaches', 'register', this.clock.now()),
      values,
      errors: Object.fromEntries(FIELDS.map((f) => [f, errors[f] ?? null])),
      organisations: organisations.map((o) => ({ id: o.id, legalName: o.legalName, selected: o.id === values.organisationId.toLowerCase() })),
      report: model && {
        generatedAt: model.generatedAt,
        period: model.period,
        total: model.total,
        // One section per incident, with a link to its page; the view model keeps the order of the report.
        incidents: model.incidents.map((incident, i) => ({ ...incident, incidentId: shown?.items[i]?.incidentId ?? '' })),
        csvUrl: `/api/register?${new URLSearchParams([['format', 'csv'], ...exports])}`,
        pdfUrl: model.total <= PDF_MAX_INCIDENTS ? `/api/register?${new URLSearchParams([['format', 'pdf'], ...exports])}` : null,
        jsonUrl: exports.size > 0 ? `/api/register?${exports}` : '/api/register',
        pdfLimit: PDF_MAX_INCIDENTS,
      },
    });
  }
}

/** The first instant of a UTC day (plus `days`), as the API's instant; null for a date that is not one. */
function dayStart(day: string, days: number): string | null {
  if (!DAY.test(day)) return null;
  const date = DateTime.fromISO(day, { zone: 'utc' });
  return date.isValid ? `${date.plus({ days }).toISODate()}T00:00:00Z` : null;
}
