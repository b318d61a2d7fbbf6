import { Body, Controller, Get, Inject, Param, Post, Query, Res, Injectable } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../../shared/domain/clock.js';
import { DomainError } from '../../shared/domain/domain-error.js';
import { UuidParam } from '../../shared/http/params.js';
import type { ActingContext } from '../audit/audit-trail.js';
import { AssessmentsService } from '../assessment/assessments.service.js';
import { can } from '../auth/domain/permissions.js';
import { Acting, CurrentPrincipal, type Principal, Requires } from '../auth/principal.js';
import { DocumentsService } from '../documents/documents.service.js';
import { INCIDENT_STATUSES, type IncidentStatus } from '../incidents/domain/incident-status.js';
import { ChangeStatusDto, CreateIncidentDto, type IncidentView, type ListIncidentsQuery, UpdateIncidentDto } from '../incidents/dto/incident.dto.js';
import { IncidentsService } from '../incidents/incidents.service.js';
import { EscalationsService } from '../obligations/escalations.service.js';
import { ObligationsService } from '../obligations/obligations.service.js';
import { controllerLineErrors } from './controller-field.js';
import { buildIncidentModel, type FailedForm, type OrganisationOption } from './domain/incident-page-model.js';
import { flashOf, keptValues, refusalByField, shapeIntake, shapeStatus, shapeUpdate, timeFieldErrors, TIME_FIELDS } from './domain/incident-page.js';
import { incidentListRows, statusOptions } from './domain/incident-views.js';
import { type FormBody, validateForm } from './forms.js';
import { pageContext } from './page-context.js';

export const INTAKE_FIELDS = [
  'organisationId', 'title', 'description', 'role', 'occurredAt', 'detectedAt', 'awareAt', 'containedAt', 'classifiedAt', 'affectedCountries',
  'recordsApprox', 'subjectCategories', 'likelyConsequences', 'measuresTaken', 'measuresProposed', 'controllers',
] as const;
export const FACT_FIELDS = [...INTAKE_FIELDS.filter((f) => f !== 'organisationId'), 'awareAtChangeReason'] as const;
const STATUS_FIELDS = ['status', 'reason'] as const;
const PAGE_SIZE = 50;

/** Refusals a page shows on its form; anything else (404, 403, 500) is the error page's. */
const SHOWN_ON_FORM: Readonly<Record<string, number>> = { unprocessable: 422, conflict: 409, invalid: 400, unavailable: 503 };

/** What the incident pages need from the rest of the service. */
@Injectable()
export class IncidentPageData {
  constructor(
    readonly incidents: IncidentsService,
    readonly assessments: AssessmentsService,
    readonly obligations: ObligationsService,
    readonly escalations: EscalationsService,
    readonly documents: DocumentsService,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) readonly clock: Clock,
  ) {}

  async organisations(principal: Principal): Promise<OrganisationOption[]> {
    return (await this.db.query(`SELECT id, legal_name AS "legalName", time_zone AS "timeZone", roles FROM organisations WHERE id = ANY($1::uuid[]) ORDER BY legal_name`, [
      principal.organisationIds,
    ])) as OrganisationOption[];
  }

  /** The incident page, with the failed form's errors and values when a post was refused. */
  async incidentModel(principal: Principal, id: string, flash: string | null, failed: FailedForm | null = null): Promise<Record<string, unknown>> {
    const now = this.clock.now();
    const incident = await this.incidents.get(id);
    const organisation = (await this.organisations(principal)).find((o) => o.id === incident.organisationId);
    if (!organisation) throw DomainError.notFound('INCIDENT.NOT_FOUND', `Incident ${id} does not exist`);
    const [timeline, history, obligations, escalations, documents] = await Promise.all([
      this.incidents.timeline(id, 200, 0),
      this.assessments.history(id),
      this.obligations.list(id),
      this.escalations.list(id),
      this.documents.list(id),
    ]);
    return {
      ...pageContext(principal, `${incident.reference}: ${incident.title}`, 'incidents', now, flash),
      ...buildIncidentModel({ incident, organisation, timeline: timeline.items, timelineTotal: timeline.total, history: history.items, obligations: obligations.items, escalations: escalations.items, documents: documents.items, failed, now, can: (p) => can(principal.role, p) }),
    };
  }

  /**
   * A form post on the incident page: validated with the API's DTO, done by the service, then
   * 303 back to its section (post-redirect-get), or the page again with the errors beside the
   * fields of that form and what was typed kept.
   */
  async submit<T extends object>(
    reply: FastifyReply,
    principal: Principal,
    incidentId: string,
    spec: { form: FailedForm['form']; target?: string; fields: readonly string[]; posted: FormBody; dto: (new () => T) | null; shaped: Record<string, unknown>; done: string; anchor: string },
    run: (value: T) => Promise<unknown>,
  ): Promise<void> {
    const values = keptValues(spec.posted ?? {});
    const fail = async (status: number, errors: Record<string, string>) => {
      void reply.status(status);
      await reply.view('incident', await this.incidentModel(principal, incidentId, null, { form: spec.form, target: spec.target ?? null, errors: timeFieldErrors(errors, [...TIME_FIELDS, 'submittedAt']), values }));
    };
    // A button with nothing to fill in (acknowledge) has no DTO to check.
    const checked = spec.dto ? await validateForm(spec.dto, spec.shaped) : ({ ok: true, value: {} as T } as const);
    if (!checked.ok) return fail(400, await controllerLineErrors(checked.errors, spec.posted?.controllers));
    try {
      await run(checked.value);
    } catch (error) {
      const status = error instanceof DomainError ? SHOWN_ON_FORM[error.kind] : undefined;
      if (!(error instanceof DomainError) || status === undefined) throw error;
      return fail(status, refusalByField(error.message, error.details, spec.fields));
    }
    await reply.redirect(`/incidents/${incidentId}?done=${spec.done}#${spec.anchor}`, 303);
  }
}

/** The incidents list, the intake form, and the incident page with its facts and status forms. */
@ApiExcludeController()
@Controller('incidents')
export class IncidentPagesController {
  constructor(private readonly data: IncidentPageData) {}

  @Get()
  @Requires('read')
  async list(@CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply, @Query() params: Record<string, string | string[] | undefined>): Promise<void> {
    const organisations = await this.data.organisations(principal);
    const pick = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
    const organisationId = organisations.some((o) => o.id === pick(params.organisationId)) ? pick(params.organisationId) : '';
    const status = (INCIDENT_STATUSES as readonly string[]).includes(pick(params.status)) ? (pick(params.status) as IncidentStatus) : null;
    const q = pick(params.q).slice(0, 200);
    const offset = /^\d{1,7}$/.test(pick(params.offset)) ? Number(pick(params.offset)) : 0;
    const query = { organisationId: organisationId || undefined, status: status ? [status] : undefined, q: q || undefined, limit: PAGE_SIZE, offset } as ListIncidentsQuery;
    const page = await this.data.incidents.list(query, principal);
    const link = (at: number) => `/incidents?${new URLSearchParams({ organisationId, status: status ?? '', q, offset: String(at) }).toString()}`;
    await reply.view('incidents', {
      ...pageContext(principal, 'Incidents', 'incidents', this.data.clock.now()),
      rows: incidentListRows(page.items, new Map(organisations.map((o) => [o.id, o]))),
      total: page.total,
      from: page.total === 0 ? 0 : offset + 1,
      to: offset + page.items.length,
      previous: offset > 0 ? link(Math.max(0, offset - PAGE_SIZE)) : null,
      next: offset + page.items.length < page.total ? link(offset + PAGE_SIZE) : null,
      filter: { organisationId, status: status ?? '', q, active: Boolean(organisationId || status || q) },
      organisations,
      statuses: statusOptions(INCIDENT_STATUSES),
    });
  }

  @Get('new')
  @Requires('incidents:write')
  async intakePage(@CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply): Promise<void> {
    const organisations = await this.data.organisations(principal);
    const values: Record<string, string> = Object.fromEntries(INTAKE_FIELDS.map((f) => [f, '']));
    if (organisations.length === 1) values.organisationId = organisations[0]!.id;
    await reply.view('incident-new', await this.intakeModel(principal, values, {}));
  }

  @Post()
  @Requires('incidents:write')
  async create(@CurrentPrincipal() principal: Principal, @Acting() acting: ActingContext, @Body() form: FormBody, @Res() reply: FastifyReply): Promise<void> {
    const posted = form ?? {};
    const organisations = await this.data.organisations(principal);
    const chosen = organisations.find((o) => o.id === posted.organisationId);
    // The times are read in the chosen organisation's zone; without one the organisation's error is shown.
    const shaped = shapeIntake(posted, chosen?.timeZone ?? 'UTC');
    const values = { ...Object.fromEntries(INTAKE_FIELDS.map((f) => [f, ''])), ...keptValues(posted) };
    const checked = await validateForm(CreateIncidentDto, shaped);
    if (!checked.ok) {
      const errors = await controllerLineErrors(timeFieldErrors(checked.errors, TIME_FIELDS), posted.controllers);
      if (errors.organisationId) errors.organisationId = 'Choose the organisation hit by the incident.';
      void reply.status(400);
      return reply.view('incident-new', await this.intakeModel(principal, values, errors));
    }
    try {
      const created = await this.data.incidents.create(checked.value, principal, acting);
      await reply.redirect(`/incidents/${created.id}?done=created`, 303);
    } catch (error) {
      if (!(error instanceof DomainError) || SHOWN_ON_FORM[error.kind] === undefined) throw error;
      void reply.status(SHOWN_ON_FORM[error.kind]!);
      await reply.view('incident-new', await this.intakeModel(principal, values, refusalByField(error.message, error.details, INTAKE_FIELDS)));
    }
  }

  @Get(':id')
  @Requires('read')
  async incidentPage(@Param('id', UuidParam) id: string, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply, @Query('done') done?: string): Promise<void> {
    await reply.view('incident', await this.data.incidentModel(principal, id, flashOf(done)));
  }

  @Post(':id')
  @Requires('incidents:write')
  async update(@Param('id', UuidParam) id: string, @CurrentPrincipal() principal: Principal, @Acting() acting: ActingContext, @Body() form: FormBody, @Res() reply: FastifyReply): Promise<void> {
    const current: IncidentView = await this.data.incidents.get(id);
    const zone = (await this.data.organisations(principal)).find((o) => o.id === current.organisationId)?.timeZone ?? 'UTC';
    const shaped = shapeUpdate(form ?? {}, zone, current);
    await this.data.submit(reply, principal, id, { form: 'facts', fields: FACT_FIELDS, posted: form, dto: UpdateIncidentDto, shaped, done: 'updated', anchor: 'facts' }, (dto) =>
      this.data.incidents.update(id, dto, acting),
    );
  }

  @Post(':id/status')
  @Requires('incidents:write')
  async changeStatus(@Param('id', UuidParam) id: string, @CurrentPrincipal() principal: Principal, @Acting() acting: ActingContext, @Body() form: FormBody, @Res() reply: FastifyReply): Promise<void> {
    await this.data.submit(reply, principal, id, { form: 'status', fields: STATUS_FIELDS, posted: form, dto: ChangeStatusDto, shaped: shapeStatus(form ?? {}), done: 'status', anchor: 'status' }, (dto) =>
      this.data.incidents.changeStatus(id, dto, acting),
    );
  }

  private async intakeModel(principal: Principal, values: Record<string, string | string[]>, errors: Record<string, string>): Promise<Record<string, unknown>> {
    const organisations = await this.data.organisations(principal);
    return {
      ...pageContext(principal, 'New incident', 'intake', this.data.clock.now()),
      organisations: organisations.map((o) => ({ ...o, rolesText: o.roles.join(', ') })),
      // Controllers are a processor's (GDPR Art. 33(2)): asked for when one of the organisations can be hit as processor.
      showControllers: organisations.some((o) => o.roles.includes('processor')),
      values,
      errors: Object.fromEntries(['form', ...INTAKE_FIELDS].map((f) => [f, errors[f] ?? null])),
      hasErrors: Object.keys(errors).length > 0,
    };
  }
}
