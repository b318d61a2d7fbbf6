import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { UuidParam } from '../../shared/http/params.js';
import { Actor, RequestId } from '../../shared/http/request-context.js';
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
  @HttpCode(200)
  @ApiOkResponse({ type: AssessmentResultView, description: 'The decision; nothing is stored' })
  @ApiUnprocessableEntityResponse({ description: `${CONTRADICTIONS}; ASSESSMENT.UNKNOWN_ORGANISATION` })
  evaluate(@Body() dto: EvaluateAssessmentDto): Promise<AssessmentResultView> {
    return this.assessments.evaluate(dto) as Promise<AssessmentResultView>;
  }
}

@ApiTags('assessments')
@ApiHeader({ name: 'X-Actor', required: false, description: 'Who is acting (recorded with the assessment) until accounts exist' })
@ApiBadRequestResponse({ description: 'Enum or range violations and unknown fields; `details.fields` names them' })
@ApiNotFoundResponse({ description: 'INCIDENT.NOT_FOUND or ASSESSMENT.NOT_FOUND' })
@Controller('api/incidents/:id/assessments')
export class IncidentAssessmentsController {
  constructor(private readonly assessments: AssessmentsService) {}

  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ type: StoredAssessmentView })
  @ApiUnprocessableEntityResponse({ description: `${CONTRADICTIONS}; ASSESSMENT.ROLE_MISMATCH; ASSESSMENT.INCIDENT_NOT_OPEN` })
  record(@Param('id', UuidParam) id: string, @Body() dto: BreachFactsDto, @Actor() actor: string, @RequestId() requestId: string | null): Promise<StoredAssessmentView> {
    return this.assessments.record(id, dto, { actor, requestId });
  }

  @Get()
  @ApiOkResponse({ type: AssessmentHistoryView })
  history(@Param('id', UuidParam) id: string): Promise<AssessmentHistoryView> {
    return this.assessments.history(id);
  }

  @Get(':aid')
  @ApiOkResponse({ type: StoredAssessmentView })
  get(@Param('id', UuidParam) id: string, @Param('aid', UuidParam) aid: string): Promise<StoredAssessmentView> {
    return this.assessments.get(id, aid);
  }

  @Post(':aid/override')
  @HttpCode(201)
  @ApiCreatedResponse({ type: StoredAssessmentView })
  @ApiConflictResponse({ description: 'ASSESSMENT.ALREADY_OVERRIDDEN' })
  @ApiUnprocessableEntityResponse({ description: 'ASSESSMENT.INVALID_OVERRIDE (an outcome the law does not allow), ASSESSMENT.NOT_CURRENT' })
  override(
    @Param('id', UuidParam) id: string,
    @Param('aid', UuidParam) aid: string,
    @Body() dto: OverrideAssessmentDto,
    @Actor() actor: string,
    @RequestId() requestId: string | null,
  ): Promise<StoredAssessmentView> {
    return this.assessments.override(id, aid, dto, { actor, requestId });
  }
}
