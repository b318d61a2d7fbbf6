import { Acting, Requires } from '../auth/principal.js';
import type { ActingContext } from '../audit/audit-trail.js';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { UuidParam } from '../../shared/http/params.js';
import { EscalationList, EscalationView, FulfilObligationDto, ObligationList, ObligationView, WaiveObligationDto } from './dto/obligation.dto.js';
import { EscalationsService } from './escalations.service.js';
import { ObligationsService } from './obligations.service.js';

@ApiTags('obligations')
@ApiBadRequestResponse({ description: 'Invalid input; `details.fields` names the offending fields' })
@ApiNotFoundResponse({ description: 'INCIDENT.NOT_FOUND, OBLIGATION.NOT_FOUND or ESCALATION.NOT_FOUND' })
@Controller('api/incidents/:id')
export class ObligationsController {
  constructor(
    private readonly obligations: ObligationsService,
    private readonly escalations: EscalationsService,
  ) {}

  @Get('obligations')
  @Requires('read')
  @ApiOkResponse({ type: ObligationList })
  list(@Param('id', UuidParam) id: string): Promise<ObligationList> {
    return this.obligations.list(id);
  }

  @Post('obligations/:oid/fulfil')
  @Requires('obligations:file')
  @HttpCode(200)
  @ApiOkResponse({ type: ObligationView })
  @ApiConflictResponse({ description: 'OBLIGATION.ALREADY_FULFILLED' })
  @ApiUnprocessableEntityResponse({
    description: 'OBLIGATION.DELAY_REASONS_REQUIRED, OBLIGATION.SUBMITTED_IN_FUTURE, OBLIGATION.SUBMITTED_BEFORE_ANCHOR, OBLIGATION.NOT_REQUIRED, OBLIGATION.ANCHOR_PENDING',
  })
  fulfil(
    @Param('id', UuidParam) id: string,
    @Param('oid', UuidParam) oid: string,
    @Body() dto: FulfilObligationDto,
    @Acting() acting: ActingContext,
  ): Promise<ObligationView> {
    return this.obligations.fulfil(id, oid, dto, acting);
  }

  @Post('obligations/:oid/waive')
  @Requires('obligations:file')
  @HttpCode(200)
  @ApiOkResponse({ type: ObligationView, description: 'A signed decision that the duty does not apply; kept with its reason' })
  @ApiUnprocessableEntityResponse({ description: 'OBLIGATION.NOT_OPEN' })
  waive(
    @Param('id', UuidParam) id: string,
    @Param('oid', UuidParam) oid: string,
    @Body() dto: WaiveObligationDto,
    @Acting() acting: ActingContext,
  ): Promise<ObligationView> {
    return this.obligations.waive(id, oid, dto, acting);
  }

  @Get('escalations')
  @Requires('read')
  @ApiOkResponse({ type: EscalationList })
  escalationList(@Param('id', UuidParam) id: string): Promise<EscalationList> {
    return this.escalations.list(id);
  }

  @Post('escalations/:eid/ack')
  @Requires('escalations:acknowledge')
  @HttpCode(200)
  @ApiOkResponse({ type: EscalationView })
  @ApiConflictResponse({ description: 'ESCALATION.ALREADY_ACKNOWLEDGED' })
  @ApiUnprocessableEntityResponse({ description: 'ESCALATION.NOT_FIRED' })
  acknowledge(@Param('id', UuidParam) id: string, @Param('eid', UuidParam) eid: string, @Acting() acting: ActingContext): Promise<EscalationView> {
    return this.escalations.acknowledge(id, eid, acting);
  }
}
