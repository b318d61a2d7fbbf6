import { type DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from '../ormconfig.js';
import type { AppConfig } from './config/config.js';
import { APP_CONFIG } from './config/config.token.js';
import { DocumentsModule } from './modules/documents/documents.module.js';
import { AlertsModule } from './modules/alerts/alerts.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { WebModule } from './modules/web/web.module.js';
import { ObligationsModule } from './modules/obligations/obligations.module.js';
import { AssessmentModule } from './modules/assessment/assessment.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { IncidentsModule } from './modules/incidents/incidents.module.js';
import { OrganisationsModule } from './modules/organisations/organisations.module.js';
import { RegisterModule } from './modules/register/register.module.js';
import { CLOCK, type Clock, SystemClock } from './shared/domain/clock.js';
import { SharedModule } from './shared/shared.module.js';

export interface AppModuleOptions {
  readonly config: AppConfig;
  /** The database actually used: DATABASE_URL or the embedded server's URL. */
  readonly databaseUrl: string;
  readonly clock?: Clock;
  /** false when a supervisor already ran them (cluster workers). */
  readonly runMigrations?: boolean;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        SharedModule.forRoot([
          { provide: APP_CONFIG, useValue: options.config },
          { provide: CLOCK, useValue: options.clock ?? new SystemClock() },
        ]),
        TypeOrmModule.forRoot({ ...dataSourceOptions(options.databaseUrl, options.config.databasePoolSize), migrationsRun: options.runMigrations ?? true, retryAttempts: 3, retryDelay: 1000 }),
        ScheduleModule.forRoot(),
        HealthModule,
        AuthModule,
        AuditModule,
        WebModule,
        OrganisationsModule,
        IncidentsModule,
        AssessmentModule,
        ObligationsModule,
        AlertsModule,
        DocumentsModule,
        RegisterModule,
      ],
    };
  }
}
