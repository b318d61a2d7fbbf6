/**
 * pipelinedTransaction queues START TRANSACTION ahead of the work's first statement and COMMIT
 * behind its last one: what it writes must commit or vanish together, exactly as with
 * TypeORM's own transaction, and no connection may go back to the pool inside a transaction.
 */
import { pipelinedTransaction } from '../../src/database/pipelined-transaction.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

describe('pipelinedTransaction', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await t.db.query('CREATE TABLE pipeline_probe (id int PRIMARY KEY, note text NOT NULL)');
  });
  afterAll(async () => {
    await t.db.query('DROP TABLE pipeline_probe');
    await t.close();
  });
  beforeEach(async () => {
    await t.db.query('DELETE FROM pipeline_probe WHERE id IS NOT NULL');
  });

  const stored = async (): Promise<number[]> => (await t.db.query('SELECT id FROM pipeline_probe ORDER BY id')).map((r: { id: number }) => r.id);
  /** The pool's connections left inside a transaction (none may be). */
  const idleInTransaction = async (): Promise<number> =>
    Number(
      (
        await t.db.query(
          `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'`,
        )
      )[0].n,
    );

  it('commits the work and its last statement together, and gives the last statement its rows', async () => {
    const result = await pipelinedTransaction(t.db, async (manager, { commitWith }) => {
      await manager.query(`INSERT INTO pipeline_probe VALUES (1, 'first')`);
      // Not visible outside the transaction before COMMIT.
      expect(await stored()).toEqual([]);
      const rows = await commitWith(`INSERT INTO pipeline_probe VALUES ($1, $2) RETURNING id, note`, [2, 'last']);
      return rows;
    });
    expect(result).toEqual([{ id: 2, note: 'last' }]);
    expect(await stored()).toEqual([1, 2]);
    expect(await idleInTransaction()).toBe(0);
  });

  it('writes nothing when the last statement fails, and throws its error', async () => {
    await t.db.query(`INSERT INTO pipeline_probe VALUES (7, 'there before')`);
    const failed = pipelinedTransaction(t.db, async (manager, { commitWith }) => {
      await manager.query(`INSERT INTO pipeline_probe VALUES (1, 'first')`);
      return commitWith(`INSERT INTO pipeline_probe VALUES (7, 'taken')`, []);
    });
    await expect(failed).rejects.toMatchObject({ code: '23505' });
    expect(await stored()).toEqual([7]);
    expect(await idleInTransaction()).toBe(0);
    // The connection went back to the pool usable: the next transactions on it commit.
    for (let i = 0; i < 12; i += 1) await pipelinedTransaction(t.db, (_m, { commitWith }) => commitWith(`INSERT INTO pipeline_probe VALUES ($1, 'next')`, [100 + i]));
    expect((await stored()).length).toBe(13);
  });

  it('writes nothing when the work fails before its last statement', async () => {
    const failed = pipelinedTransaction(t.db, async (manager) => {
      await manager.query(`INSERT INTO pipeline_probe VALUES (1, 'first')`);
      await manager.query(`INSERT INTO pipeline_probe VALUES (2, NULL)`);
    });
    await expect(failed).rejects.toThrow(/null value/);
    expect(await stored()).toEqual([]);
    expect(await idleInTransaction()).toBe(0);
  });

  it('rolls back a work that ends without commitWith (it found nothing to write)', async () => {
    const result = await pipelinedTransaction(t.db, async (manager) => {
      await manager.query(`INSERT INTO pipeline_probe VALUES (1, 'not kept')`);
      return 'nothing to write';
    });
    expect(result).toBe('nothing to write');
    expect(await stored()).toEqual([]);
    expect(await idleInTransaction()).toBe(0);
  });

  it('runs named statements prepared once per connection, inside the transaction', async () => {
    const insert = 'INSERT INTO pipeline_probe VALUES ($1, $2) RETURNING id';
    for (let round = 0; round < 3; round += 1) {
      await pipelinedTransaction(t.db, async (_manager, tx) => {
        await tx.query(insert, [round * 10, 'named'], 'pipeline_probe_insert');
        await tx.query(insert, [round * 10 + 1, 'named'], 'pipeline_probe_insert');
        return tx.commitWith(insert, [round * 10 + 2, 'named'], 'pipeline_probe_insert');
      });
    }
    expect(await stored()).toEqual([0, 1, 2, 10, 11, 12, 20, 21, 22]);
    // A failure of a named statement rolls back the statements before it.
    const failed = pipelinedTransaction(t.db, async (_manager, tx) => {
      await tx.query(insert, [30, 'named'], 'pipeline_probe_insert');
      return tx.commitWith(insert, [0, 'taken'], 'pipeline_probe_insert');
    });
    await expect(failed).rejects.toMatchObject({ code: '23505' });
    expect(await stored()).not.toContain(30);
    expect(await idleInTransaction()).toBe(0);
  });

  it('refuses a second commitWith', async () => {
    const twice = pipelinedTransaction(t.db, async (_manager, { commitWith }) => {
      await commitWith(`INSERT INTO pipeline_probe VALUES (1, 'once')`, []);
      return commitWith(`INSERT INTO pipeline_probe VALUES (2, 'twice')`, []);
    });
    await expect(twice).rejects.toThrow('commitWith called twice');
    expect(await stored()).toEqual([1]);
    expect(await idleInTransaction()).toBe(0);
  });

  it('keeps transactions apart when many run at once on the pool', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        pipelinedTransaction(t.db, async (manager, { commitWith }) => {
          await manager.query(`INSERT INTO pipeline_probe VALUES ($1, 'a')`, [i * 2]);
          // Every odd one fails at its last statement, and takes its first row with it.
          return commitWith(`INSERT INTO pipeline_probe VALUES ($1, $2)`, [i * 2 + 1, i % 2 === 0 ? 'b' : null]).catch(() => 'failed');
        }),
      ),
    );
    const ids = await stored();
    expect(ids).toEqual(Array.from({ length: 20 }, (_, k) => [k * 4, k * 4 + 1]).flat());
    expect(await idleInTransaction()).toBe(0);
  });
});
