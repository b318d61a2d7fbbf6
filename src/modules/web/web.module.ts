import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module.js';
import { AssessmentModule } from '../assessment/assessment.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { IncidentsModule } from '../incidents/incidents.module.js';
import { ObligationsModule } from '../obligations/obligations.module.js';
import { RegisterModule } from '../register/register.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { AuthPagesController } from './auth-pages.controller.js';
import { BoardController } from './board.controller.js';
import { IncidentActionsController } from './incident-actions.controller.js';
import { IncidentPageData, IncidentPagesController } from './incident-pages.controller.js';
import { OrganisationPagesController } from './organisation-pages.controller.js';
import { RegisterPagesController } from './register-pages.controller.js';

/** The server-rendered pages (templates/pages), signed in with the session cookie. */
@Module({
  imports: [AuthModule, OrganisationsModule, AlertsModule, IncidentsModule, AssessmentModule, ObligationsModule, DocumentsModule, RegisterModule],
  providers: [IncidentPageData],
  controllers: [AuthPagesController, BoardController, RegisterPagesController, OrganisationPagesController, IncidentPagesController, IncidentActionsController],
})
export class WebModule {}
