import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory.js';
import { loadConfig } from '../../src/config/config.js';
import { FixedClock } from '../../src/shared/domain/clock.js';
import { assertTestDatabase, TEST_DATABASE_ENV } from './test-database.js';

/** "Now" in the e2e tests, unless a test moves the clock. */
export const NOW = '2026-11-23T12:00:00Z';

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly http: ReturnType<typeof request>;
  readonly clock: FixedClock;
  readonly db: DataSource;
  close(): Promise<void>;
}

export function testDatabaseUrl(): string {
  const url = process.env[TEST_DATABASE_ENV];
  if (!url) throw new Error(`${TEST_DATABASE_ENV} is not set: run e2e tests through npm test (global setup)`);
  assertTestDatabase(url);
  return url;
}

/** The production application (createApp), on the test database, with a fixed clock. */
export async function createTestApp(clock = new FixedClock(NOW), env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({ SEED_DEMO: 'false', LOG_LEVEL: 'error', SCHEDULER_ENABLED: 'false', ...env });
  const app = await createApp({ config, databaseUrl: testDatabaseUrl(), clock });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    http: request(app.getHttpServer()),
    clock,
    db: app.get<DataSource>(getDataSourceToken()),
    close: () => app.close(),
  };
}
