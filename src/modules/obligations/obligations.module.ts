import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module.js';
import { ClockService } from './clock.service.js';
import { EscalationPlanner } from './escalation-planner.js';
import { EscalationsService } from './escalations.service.js';
import { ObligationsController } from './obligations.controller.js';
import { ObligationsService } from './obligations.service.js';
import { SchedulerService } from './scheduler.service.js';

@Module({
  imports: [AlertsModule],
  controllers: [ObligationsController],
  providers: [ObligationsService, EscalationsService, EscalationPlanner, ClockService, SchedulerService],
  exports: [ObligationsService, EscalationPlanner, ClockService, SchedulerService, EscalationsService],
})
export class ObligationsModule {}
