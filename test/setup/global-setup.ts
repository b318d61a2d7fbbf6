import './resolve-ts.cjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/database/embedded-postgres.js';
import { assertTestDatabase, TEST_DATABASE_ENV } from './test-database.js';

/**
 * e2e tests run on a real PostgreSQL: the server in DATABASE_URL when set (a fresh database
 * named breach_clock_test_<pid> is created there and dropped afterwards), otherwise an
 * embedded server in a temporary directory.
 */
declare global {
  var __BREACH_CLOCK_TEST__: { embedded?: EmbeddedDatabase; adminUrl?: string; database: string; tmpDir?: string } | undefined;
}

export default async function globalSetup(): Promise<void> {
  const database = `breach_clock_test_${process.pid}`;
  const external = process.env.DATABASE_URL;
  if (external) {
    const admin = new pg.Client({ connectionString: external });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${database}`);
      await admin.query(`CREATE DATABASE ${database}`);
    } finally {
      await admin.end();
    }
    const url = new URL(external);
    url.pathname = `/${database}`;
    assertTestDatabase(url.toString());
    process.env[TEST_DATABASE_ENV] = url.toString();
    globalThis.__BREACH_CLOCK_TEST__ = { adminUrl: external, database };
    console.log(`\ne2e tests on DATABASE_URL's server, database ${database}`);
    return;
  }
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-clock-e2e-'));
  fs.chmodSync(tmpDir, 0o755);
  const embedded = await startEmbeddedPostgres({ dataDir: tmpDir, database });
  assertTestDatabase(embedded.url);
  process.env[TEST_DATABASE_ENV] = embedded.url;
  globalThis.__BREACH_CLOCK_TEST__ = { embedded, database, tmpDir };
  console.log(`\ne2e tests on an embedded PostgreSQL in ${tmpDir}`);
}
