import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module.js';
import { ObligationsModule } from '../obligations/obligations.module.js';
import { AssessmentsController, IncidentAssessmentsController } from './assessments.controller.js';
import { AssessmentsService } from './assessments.service.js';

@Module({
  imports: [IncidentsModule, ObligationsModule],
  controllers: [AssessmentsController, IncidentAssessmentsController],
  providers: [AssessmentsService],
  exports: [AssessmentsService],
})
export class AssessmentModule {}
