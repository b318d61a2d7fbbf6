import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { UuidParam } from '../../shared/http/params.js';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { PageQuery } from '../../shared/http/pagination.js';
import { Actor, RequestId } from '../../shared/http/request-context.js';
import { ChangeStatusDto, CreateIncidentDto, IncidentPage, IncidentView, ListIncidentsQuery, TimelinePage, UpdateIncidentDto } from './dto/incident.dto.js';
import { IncidentsService } from './incidents.service.js';


@ApiTags('incidents')
@ApiHeader({ name: 'X-Actor', required: false, description: 'Who is acting (recorded on the timeline) until accounts exist' })
@ApiBadRequestResponse({ description: 'Invalid input; `details.fields` names the offending fields' })
@Controller('api/incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: IncidentView })
  @ApiUnprocessableEntityResponse({ description: 'INCIDENT.INVALID_TIMESTAMPS, INCIDENT.UNKNOWN_ORGANISATION, INCIDENT.ROLE_NOT_HELD' })
  create(@Body() dto: CreateIncidentDto, @Actor() actor: string, @RequestId() requestId: string | null): Promise<IncidentView> {
    return this.incidents.create(dto, { actor, requestId });
  }

  @Get()
  @ApiOkResponse({ type: IncidentPage })
  list(@Query() query: ListIncidentsQuery): Promise<IncidentPage> {
    return this.incidents.list(query) as Promise<IncidentPage>;
  }

  @Get(':id')
  @ApiOkResponse({ type: IncidentView })
  @ApiNotFoundResponse({ description: 'INCIDENT.NOT_FOUND' })
  get(@Param('id', UuidParam) id: string): Promise<IncidentView> {
    return this.incidents.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: IncidentView })
  @ApiNotFoundResponse({ description: 'INCIDENT.NOT_FOUND' })
  @ApiUnprocessableEntityResponse({ description: 'INCIDENT.INVALID_TIMESTAMPS, INCIDENT.ROLE_NOT_HELD, INCIDENT.AWARE_AT_REQUIRED' })
  update(@Param('id', UuidParam) id: string, @Body() dto: UpdateIncidentDto, @Actor() actor: string, @RequestId() requestId: string | null): Promise<IncidentView> {
    return this.incidents.update(id, dto, { actor, requestId });
  }

  @Post(':id/status')
  @HttpCode(200)
  @ApiOkResponse({ type: IncidentView })
  @ApiNotFoundResponse({ description: 'INCIDENT.NOT_FOUND' })
  @ApiUnprocessableEntityResponse({ description: 'INCIDENT.INVALID_TRANSITION, INCIDENT.AWARE_AT_REQUIRED, INCIDENT.REASON_REQUIRED' })
  changeStatus(@Param('id', UuidParam) id: string, @Body() dto: ChangeStatusDto, @Actor() actor: string, @RequestId() requestId: string | null): Promise<IncidentView> {
    return this.incidents.changeStatus(id, dto, { actor, requestId });
  }

  @Get(':id/timeline')
  @ApiOkResponse({ type: TimelinePage })
  @ApiNotFoundResponse({ description: 'INCIDENT.NOT_FOUND' })
  timeline(@Param('id', UuidParam) id: string, @Query() page: PageQuery): Promise<TimelinePage> {
    return this.incidents.timeline(id, page.limit, page.offset) as Promise<TimelinePage>;
  }
}
