import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory.js';
import { loadConfig } from '../../src/config/config.js';
import { FixedClock } from '../../src/shared/domain/clock.js';
import { audited } from '../../src/modules/audit/audit-trail.js';
import { UserEntity } from '../../src/modules/auth/user.entity.js';
import { UsersService } from '../../src/modules/auth/users.service.js';
import { OrganisationEntity } from '../../src/modules/organisations/organisation.entity.js';
import { assertTestDatabase, TEST_DATABASE_ENV } from './test-database.js';

/** "Now" in the e2e tests, unless a test moves the clock. */
export const NOW = '2026-11-23T12:00:00Z';

/** The e2e admin's API token: every organisation created through `http` is theirs. */
export const TEST_ADMIN_TOKEN = 'bct_e2e-admin-0000000000000000000000000000000000';
export const TEST_ADMIN_EMAIL = 'e2e-admin@breach-clock.test';

export interface TestApp {
  readonly app: NestFastifyApplication;
  /** Requests as the e2e admin (Authorization header set). */
  readonly http: ReturnType<typeof request.agent>;
  /** Requests without credentials. */
  readonly anon: ReturnType<typeof request>;
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
    http: await adminAgent(app),
    anon: request(app.getHttpServer()),
    clock,
    db: app.get<DataSource>(getDataSourceToken()),
    close: () => app.close(),
  };
}

/** Requests to `app` as the e2e admin (created on first use). */
export async function adminAgent(app: NestFastifyApplication): Promise<ReturnType<typeof request.agent>> {
  await ensureTestAdmin(app);
  return request.agent(app.getHttpServer()).set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`);
}

/** The e2e admin, once per database (test files share it), member of every organisation so far. */
export async function ensureTestAdmin(app: NestFastifyApplication): Promise<void> {
  const db = app.get<DataSource>(getDataSourceToken());
  const users = app.get(UsersService);
  await audited(db, async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('breach-clock:e2e-admin'))`);
    if (await manager.exists(UserEntity, { where: { email: TEST_ADMIN_EMAIL } })) return;
    const organisations = await manager.find(OrganisationEntity, { select: { id: true } });
    const acting = { actor: 'system:e2e-setup', requestId: null, userId: null };
    const [user] = await users.insertUser(manager, { email: TEST_ADMIN_EMAIL, displayName: 'e2e admin', role: 'admin', organisationIds: organisations.map((o) => o.id) }, acting);
    await users.insertToken(manager, user.id, 'e2e', null, TEST_ADMIN_TOKEN);
  });
}
