import { Acting, CurrentPrincipal, type Principal, Requires } from '../auth/principal.js';
import type { ActingContext } from '../audit/audit-trail.js';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { UuidParam } from '../../shared/http/params.js';
import { AssessmentsService } from './assessments.service.js';
import { AssessmentHistoryView, AssessmentResultView, StoredAssessmentView } from './dto/assessment.views.js';
import { BreachFactsDto, EvaluateAssessmentDto, OverrideAssessmentDto } from './dto/breach-facts.dto.js';

const CONTRADICTIONS = 'ASSESSMENT.CONTRADICTORY_FACTS: facts that contradict each other (details.contradictions)';

@ApiTags('assessments')
@ApiBadRequestResponse({ description: 'Enum or range violations and unknown fields; `details.fields` names them' })
@Controller('api/assessments')
export class AssessmentsController {
  constructor(private readonly assessments: AssessmentsService) {}

  @Post('evaluate')
  @Requires('read')
  @HttpCode(200)
  @ApiOkResponse({ type: AssessmentResultView, description: 'The decision; nothing is stored' })
  @ApiUnprocessableEntityResponse({ description: `${CONTRADICTIONS}; ASSESSMENT.UNKNOWN_ORGANISATION` })
  evaluate(@Body() dto: EvaluateAssessmentDto, @CurrentPrincipal() principal: Principal): Promise<AssessmentResultView> {
    return this.assessments.evaluate(dto, principal) as Promise<AssessmentResultView>;
  }
}

@ApiTags('assessments')
@ApiBadRequestResponse({ description: 'Enum or range violations and unknown fields; `details.fields` names them' })
@ApiNotFoundResponse({ description: 'INCIDENT.NOT_FOUND or ASSESSMENT.NOT_FOUND' })
@Controller('api/incidents/:id/assessments')
export class IncidentAssessmentsController {
  constructor(private readonly assessments: AssessmentsService) {}

  @Post()
  @Requires('assessments:write')
  @HttpCode(201)
  @ApiCreatedResponse({ type: StoredAssessmentView })
  @ApiUnprocessableEntityResponse({ description: `${CONTRADICTIONS}; ASSESSMENT.ROLE_MISMATCH; ASSESSMENT.INCIDENT_NOT_OPEN` })
  record(@Param('id', UuidParam) id: string, @Body() dto: BreachFactsDto, @Acting() acting: ActingContext): Promise<StoredAssessmentView> {
    return this.assessments.record(id, dto, acting);
  }

  @Get()
  @Requires('read')
  @ApiOkResponse({ type: AssessmentHistoryView })
  history(@Param('id', UuidParam) id: string): Promise<AssessmentHistoryView> {
    return this.assessments.history(id);
  }

  @Get(':aid')
  @Requires('read')
  @ApiOkResponse({ type: StoredAssessmentView })
  get(@Param('id', UuidParam) id: string, @Param('aid', UuidParam) aid: string): Promise<StoredAssessmentView> {
    return this.assessments.get(id, aid);
  }

  @Post(':aid/override')
  @Requires('assessments:write')
  @HttpCode(201)
  @ApiCreatedResponse({ type: StoredAssessmentView })
  @ApiConflictResponse({ description: 'ASSESSMENT.ALREADY_OVERRIDDEN' })
  @ApiUnprocessableEntityResponse({ description: 'ASSESSMENT.INVALID_OVERRIDE (an outcome the law does not allow), ASSESSMENT.NOT_CURRENT' })
  override(
    @Param('id', UuidParam) id: string,
    @Param('aid', UuidParam) aid: string,
    @Body() dto: OverrideAssessmentDto,
    @Acting() acting: ActingContext,
  ): Promise<StoredAssessmentView> {
    return this.assessments.override(id, aid, dto, acting);
  }
}
