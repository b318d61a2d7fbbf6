import { Acting, CurrentPrincipal, type Principal, Requires } from '../auth/principal.js';
import type { ActingContext } from '../audit/audit-trail.js';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { UuidParam } from '../../shared/http/params.js';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CreateOrganisationDto, LadderDto, LadderView, ListOrganisationsQuery, OrganisationPage, OrganisationView, UpdateOrganisationDto } from './dto/organisation.dto.js';
import { OrganisationsService } from './organisations.service.js';


@ApiTags('organisations')
@ApiBadRequestResponse({ description: 'Invalid input; `details.fields` names the offending fields' })
@Controller('api/organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Post()
  @Requires('organisations:manage')
  @HttpCode(201)
  @ApiCreatedResponse({ type: OrganisationView })
  @ApiUnprocessableEntityResponse({ description: 'ORGANISATION.INVALID: cross-field rules (establishment, sectors)' })
  create(@Body() dto: CreateOrganisationDto, @CurrentPrincipal() principal: Principal, @Acting() acting: ActingContext): Promise<OrganisationView> {
    return this.organisations.create(dto, principal, acting);
  }

  @Get()
  @Requires('read')
  @ApiOkResponse({ type: OrganisationPage })
  list(@Query() query: ListOrganisationsQuery, @CurrentPrincipal() principal: Principal): Promise<OrganisationPage> {
    return this.organisations.list(query, principal) as Promise<OrganisationPage>;
  }

  @Get(':id')
  @Requires('read')
  @ApiOkResponse({ type: OrganisationView })
  @ApiNotFoundResponse({ description: 'ORGANISATION.NOT_FOUND' })
  get(@Param('id', UuidParam) id: string): Promise<OrganisationView> {
    return this.organisations.get(id);
  }

  @Patch(':id')
  @Requires('organisations:manage')
  @ApiOkResponse({ type: OrganisationView })
  @ApiNotFoundResponse({ description: 'ORGANISATION.NOT_FOUND' })
  @ApiUnprocessableEntityResponse({ description: 'ORGANISATION.INVALID or ORGANISATION.ROLE_IN_USE' })
  update(@Param('id', UuidParam) id: string, @Body() dto: UpdateOrganisationDto, @Acting() acting: ActingContext): Promise<OrganisationView> {
    return this.organisations.update(id, dto, acting);
  }

  @Get(':id/escalation-ladder')
  @Requires('read')
  @ApiOkResponse({ type: LadderView })
  @ApiNotFoundResponse({ description: 'ORGANISATION.NOT_FOUND' })
  ladder(@Param('id', UuidParam) id: string): Promise<LadderView> {
    return this.organisations.ladder(id);
  }

  @Put(':id/escalation-ladder')
  @Requires('organisations:manage')
  @ApiOkResponse({ type: LadderView, description: 'Replaces the ladder; pending rungs of open obligations are re-planned (fired ones are not repeated)' })
  @ApiNotFoundResponse({ description: 'ORGANISATION.NOT_FOUND' })
  setLadder(@Param('id', UuidParam) id: string, @Body() dto: LadderDto, @Acting() acting: ActingContext): Promise<LadderView> {
    return this.organisations.setLadder(id, dto, acting);
  }
}
