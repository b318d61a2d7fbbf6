import { Acting, CurrentPrincipal, type Principal, Requires } from '../auth/principal.js';
import type { ActingContext } from '../audit/audit-trail.js';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { UuidParam } from '../../shared/http/params.js';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { PageQuery } from '../../shared/http/pagination.js';
import { ChangeStatusDto, CreateIncidentDto, IncidentPage, IncidentView, ListIncidentsQuery, TimelinePage, UpdateIncidentDto } from './dto/incident.dto.js';
import { IncidentsService } from './incidents.service.js';


@ApiTags('incidents')
@ApiBadRequestResponse({ description: 'Invalid input; `details.fields` names the offending fields' })
@Controller('api/incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Post()
  @Requires('incidents:write')
  @HttpCode(201)
  @ApiCreatedResponse({ type: IncidentView })
  @ApiUnprocessableEntityResponse({
    description: 'INCIDENT.INVALID_TIMESTAMPS (including containedAt before detectedAt or in the future), INCIDENT.UNKNOWN_ORGANISATION, INCIDENT.ROLE_NOT_HELD, INCIDENT.CONTROLLERS_NOT_APPLICABLE (controllers on a controller incident)',
  })
  create(@Body() dto: CreateIncidentDto, @CurrentPrincipal() principal: Principal, @Acting() acting: ActingContext): Promise<IncidentView> {
    return this.incidents.create(dto, principal, acting);
  }

  @Get()
  @Requires('read')
  @ApiOkResponse({ type: IncidentPage })
  async list(@Query() query: ListIncidentsQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    // PostgreSQL writes the page's JSON; it goes out as it is.
    void reply.header('content-type', 'application/json; charset=utf-8');
    return this.incidents.listJson(query, principal);
  }

  @Get(':id')
  @Requires('read')
  @ApiOkResponse({ type: IncidentView })
  @ApiNotFoundResponse({ description: 'INCIDENT.NOT_FOUND' })
  get(@Param('id', UuidParam) id: string): Promise<IncidentView> {
    return this.incidents.get(id);
  }

  @Patch(':id')
  @Requires('incidents:write')
  @ApiOkResponse({ type: IncidentView })
  @ApiNotFoundResponse({ description: 'INCIDENT.NOT_FOUND' })
  @ApiUnprocessableEntityResponse({
    description: 'INCIDENT.INVALID_TIMESTAMPS, INCIDENT.ROLE_NOT_HELD, INCIDENT.AWARE_AT_REQUIRED, INCIDENT.CONTROLLERS_NOT_APPLICABLE (controllers on a controller incident; clear them to change the role to controller)',
  })
  update(@Param('id', UuidParam) id: string, @Body() dto: UpdateIncidentDto, @Acting() acting: ActingContext): Promise<IncidentView> {
    return this.incidents.update(id, dto, acting);
  }

  @Post(':id/status')
  @Requires('incidents:write')
  @HttpCode(200)
  @ApiOkResponse({ type: IncidentView })
  @ApiNotFoundResponse({ description: 'INCIDENT.NOT_FOUND' })
  @ApiUnprocessableEntityResponse({ description: 'INCIDENT.INVALID_TRANSITION, INCIDENT.AWARE_AT_REQUIRED, INCIDENT.REASON_REQUIRED' })
  changeStatus(@Param('id', UuidParam) id: string, @Body() dto: ChangeStatusDto, @Acting() acting: ActingContext): Promise<IncidentView> {
    return this.incidents.changeStatus(id, dto, acting);
  }

  @Get(':id/timeline')
  @Requires('read')
  @ApiOkResponse({ type: TimelinePage })
  @ApiNotFoundResponse({ description: 'INCIDENT.NOT_FOUND' })
  timeline(@Param('id', UuidParam) id: string, @Query() page: PageQuery): Promise<TimelinePage> {
    return this.incidents.timeline(id, page.limit, page.offset) as Promise<TimelinePage>;
  }
}
