import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { UuidParam } from '../../shared/http/params.js';
import { BreachFactsDto, OverrideAssessmentDto } from '../assessment/dto/breach-facts.dto.js';
import type { ActingContext } from '../audit/audit-trail.js';
import { Acting, CurrentPrincipal, type Principal, Requires } from '../auth/principal.js';
import { CreateDocumentDto } from '../documents/dto/document.dto.js';
import { FulfilObligationDto } from '../obligations/dto/obligation.dto.js';
import { ASSESSMENT_FIELDS, DOCUMENT_FIELDS, FILING_FIELDS, OVERRIDE_FIELDS } from './domain/incident-page-model.js';
import { shapeAssessment, shapeDocument, shapeFiling, shapeOverride } from './domain/incident-page.js';
import type { FormBody } from './forms.js';
import { IncidentPageData } from './incident-pages.controller.js';

/**
 * The incident page's decision forms: assessment and override, filing a duty, answering an
 * alert, generating a notice. Each answers 303 back to its section, or the page with the
 * errors beside the form that failed.
 */
@ApiExcludeController()
@Controller('incidents/:id')
export class IncidentActionsController {
  constructor(private readonly data: IncidentPageData) {}

  @Post('assessments')
  @Requires('assessments:write')
  async assess(@Param('id', UuidParam) id: string, @CurrentPrincipal() principal: Principal, @Acting() acting: ActingContext, @Body() form: FormBody, @Res() reply: FastifyReply): Promise<void> {
    const spec = { form: 'assessment' as const, fields: ASSESSMENT_FIELDS, posted: form, dto: BreachFactsDto, shaped: shapeAssessment(form ?? {}), done: 'assessed', anchor: 'decision' };
    await this.data.submit(reply, principal, id, spec, (dto) => this.data.assessments.record(id, dto, acting));
  }

  @Post('assessments/:aid/override')
  @Requires('assessments:write')
  async override(
    @Param('id', UuidParam) id: string,
    @Param('aid', UuidParam) aid: string,
    @CurrentPrincipal() principal: Principal,
    @Acting() acting: ActingContext,
    @Body() form: FormBody,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const spec = { form: 'override' as const, fields: OVERRIDE_FIELDS, posted: form, dto: OverrideAssessmentDto, shaped: shapeOverride(form ?? {}), done: 'overridden', anchor: 'decision' };
    await this.data.submit(reply, principal, id, spec, (dto) => this.data.assessments.override(id, aid, dto, acting));
  }

  @Post('obligations/:oid/fulfil')
  @Requires('obligations:file')
  async fulfil(
    @Param('id', UuidParam) id: string,
    @Param('oid', UuidParam) oid: string,
    @CurrentPrincipal() principal: Principal,
    @Acting() acting: ActingContext,
    @Body() form: FormBody,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const zone = await this.zoneOf(principal, id);
    const spec = { form: 'filing' as const, target: oid, fields: FILING_FIELDS, posted: form, dto: FulfilObligationDto, shaped: shapeFiling(form ?? {}, zone), done: 'filed', anchor: 'obligations' };
    await this.data.submit(reply, principal, id, spec, (dto) => this.data.obligations.fulfil(id, oid, dto, acting));
  }

  @Post('escalations/:eid/ack')
  @Requires('escalations:acknowledge')
  async acknowledge(
    @Param('id', UuidParam) id: string,
    @Param('eid', UuidParam) eid: string,
    @CurrentPrincipal() principal: Principal,
    @Acting() acting: ActingContext,
    @Body() form: FormBody,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    // Nothing to fill in: the refusal (already acknowledged, not fired) is said above the section.
    const spec = { form: 'escalation' as const, target: eid, fields: [], posted: form, dto: null, shaped: {}, done: 'acknowledged', anchor: 'escalations' };
    await this.data.submit(reply, principal, id, spec, () => this.data.escalations.acknowledge(id, eid, acting));
  }

  @Post('documents')
  @Requires('documents:generate')
  async generate(@Param('id', UuidParam) id: string, @CurrentPrincipal() principal: Principal, @Acting() acting: ActingContext, @Body() form: FormBody, @Res() reply: FastifyReply): Promise<void> {
    const spec = { form: 'document' as const, fields: DOCUMENT_FIELDS, posted: form, dto: CreateDocumentDto, shaped: shapeDocument(form ?? {}), done: 'generated', anchor: 'documents' };
    await this.data.submit(reply, principal, id, spec, (dto) => this.data.documents.generate(id, dto, acting));
  }

  private async zoneOf(principal: Principal, incidentId: string): Promise<string> {
    const incident = await this.data.incidents.get(incidentId);
    return (await this.data.organisations(principal)).find((o) => o.id === incident.organisationId)?.timeZone ?? 'UTC';
  }
}
