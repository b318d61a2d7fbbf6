import pg from 'pg';
import { testDatabaseUrl } from './test-app.js';

/** A throw-away database on the test server, for tests that need an empty one. */
export async function withScratchDatabase<T>(suffix: string, fn: (url: string) => Promise<T>): Promise<T> {
  const base = new URL(testDatabaseUrl());
  const name = `${base.pathname.slice(1)}_${suffix}`;
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: base.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS ${name}`);
  await admin(`CREATE DATABASE ${name}`);
  try {
    return await fn(url.toString());
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}
