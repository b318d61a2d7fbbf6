import pg from 'pg';
import { createDataSource } from '../../ormconfig.js';
import { MIGRATIONS } from '../../src/database/migrations/index.js';
import { testDatabaseUrl } from '../setup/test-app.js';

/** Migrations are the only schema source: they apply, revert, and match the entities exactly. */
describe('migrations', () => {
  const base = new URL(testDatabaseUrl());
  const name = `${base.pathname.slice(1)}_migrations`;
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

  beforeAll(async () => {
    await admin(`DROP DATABASE IF EXISTS ${name}`);
    await admin(`CREATE DATABASE ${name}`);
  });
  afterAll(async () => {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('apply on an empty database, leave no drift from the entities, and revert to nothing', async () => {
    const ds = createDataSource(url.toString());
    await ds.initialize();
    try {
      const applied = await ds.runMigrations({ transaction: 'each' });
      expect(applied.map((m) => m.name)).toEqual(MIGRATIONS.map((M) => new M().name));

      const drift = await ds.driver.createSchemaBuilder().log();
      expect(drift.upQueries.map((q) => q.query)).toEqual([]);

      for (let i = 0; i < MIGRATIONS.length; i += 1) await ds.undoLastMigration({ transaction: 'each' });
      const tables = await ds.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`);
      expect(tables).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });
});
