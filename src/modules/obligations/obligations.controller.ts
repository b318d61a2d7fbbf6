import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { UuidParam } from '../../shared/http/params.js';
import { Actor, RequestId } from '../../shared/http/request-context.js';
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
  @ApiOkResponse({ type: ObligationList })
  list(@Param('id', UuidParam) id: string): Promise<ObligationList> {
    return this.obligations.list(id);
  }

  @Post('obligations/:oid/fulfil')
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
    @Actor() actor: string,
    @RequestId() requestId: string | null,
  ): Promise<ObligationView> {
    return this.obligations.fulfil(id, oid, dto, { actor, requestId });
  }

  @Post('obligations/:oid/waive')
  @HttpCode(200)
  @ApiOkResponse({ type: ObligationView, description: 'A signed decision that the duty does not apply; kept with its reason' })
  @ApiUnprocessableEntityResponse({ description: 'OBLIGATION.NOT_OPEN' })
  waive(
    @Param('id', UuidParam) id: string,
    @Param('oid', UuidParam) oid: string,
    @Body() dto: WaiveObligationDto,
    @Actor() actor: string,
    @RequestId() requestId: string | null,
  ): Promise<ObligationView> {
    return this.obligations.waive(id, oid, dto, { actor, requestId });
  }

  @Get('escalations')
  @ApiOkResponse({ type: EscalationList })
  escalationList(@Param('id', UuidParam) id: string): Promise<EscalationList> {
    return this.escalations.list(id);
  }

  @Post('escalations/:eid/ack')
  @HttpCode(200)
  @ApiOkResponse({ type: EscalationView })
  @ApiConflictResponse({ description: 'ESCALATION.ALREADY_ACKNOWLEDGED' })
  @ApiUnprocessableEntityResponse({ description: 'ESCALATION.NOT_FIRED' })
  acknowledge(@Param('id', UuidParam) id: string, @Param('eid', UuidParam) eid: string, @Actor() actor: string, @RequestId() requestId: string | null): Promise<EscalationView> {
    return this.escalations.acknowledge(id, eid, { actor, requestId });
  }
}
