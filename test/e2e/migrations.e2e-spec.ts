import { createDataSource } from '../../ormconfig.js';
import { MIGRATIONS } from '../../src/database/migrations/index.js';
import { withScratchDatabase } from '../setup/scratch-database.js';

/** Migrations are the only schema source: they apply, revert, and match the entities exactly. */
describe('migrations', () => {
  it('apply on an empty database, leave no drift from the entities, and revert to nothing', async () => {
    await withScratchDatabase('migrations', async (url) => {
      const ds = createDataSource(url);
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
});
