import type { DataSource, EntityManager } from 'typeorm';

type Rows = Array<Record<string, unknown>>;

/** The statements of a pipelined transaction; `name` prepares a statement once per connection. */
export interface Pipeline {
  /** A statement of the transaction; its rows. */
  query(text: string, parameters: unknown[], name?: string): Promise<Rows>;
  /** The transaction's last statement, with COMMIT queued right behind it; its rows. */
  commitWith(text: string, parameters: unknown[], name?: string): Promise<Rows>;
}

/**
 * A transaction whose statements are queued back to back on one connection: `START
 * TRANSACTION` goes out with the first statement, and `COMMIT` with the last (`commitWith`).
 * Statements go through `tx` (or the manager, for code that takes one).
 *
 * The pg driver sends a queued statement from its own socket handler, the moment the one
 * before it is answered, without waiting for the event loop to come back to the caller. On a
 * process busy parsing other requests, every await between two statements is a wait behind
 * them: a transaction of three statements costs three such waits here instead of five.
 *
 * Statements are queued in order on the connection, so the first one of `work` runs inside the
 * transaction: `START TRANSACTION` fails only when the connection does, and then so does every
 * statement queued behind it. A statement that fails aborts the transaction, and COMMIT
 * queued behind it then ends it without writing anything; the statement's error is thrown.
 * A work that ends without `commitWith` (it found nothing to write) is rolled back.
 */
export async function pipelinedTransaction<T>(db: DataSource, work: (manager: EntityManager, tx: Pipeline) => Promise<T>): Promise<T> {
  const runner = db.createQueryRunner();
  let open = false;
  try {
    // Straight on the driver's connection, which queues in call order: TypeORM's own query()
    // goes through awaits of its own before it reaches the connection.
    const connection = (await runner.connect()) as PgConnection;
    const send = (text: string, parameters?: unknown[], name?: string): Promise<Rows> => {
      const sent = connection.query(name ? { name, text, values: parameters } : { text, values: parameters }).then(
        (result) => result.rows,
        (error: unknown) => {
          db.logger.logQueryError(error instanceof Error ? error : String(error), text, parameters, runner);
          throw error;
        },
      );
      // Awaited by the caller, or its failure is that of the statements queued behind it.
      sent.catch(() => undefined);
      return sent;
    };
    const started = send('START TRANSACTION');
    open = true;
    let committed = false;
    const query: Pipeline['query'] = (text, parameters, name) => {
      if (committed) return Promise.reject(new Error('pipelinedTransaction: a statement after commitWith'));
      return send(text, parameters, name);
    };
    const commitWith: Pipeline['commitWith'] = async (text, parameters, name) => {
      if (committed) throw new Error('pipelinedTransaction: commitWith called twice');
      committed = true;
      const last = send(text, parameters, name);
      const commit = send('COMMIT');
      try {
        await started;
        const rows = await last;
        await commit;
        return rows;
      } finally {
        // Committed, or ended by COMMIT after a failed statement (PostgreSQL answers it ROLLBACK).
        open = false;
      }
    };
    const result = await work(runner.manager, { query, commitWith });
    if (open) {
      open = false;
      await send('ROLLBACK');
    }
    return result;
  } catch (error) {
    if (open) await runner.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}

/** The pg client under TypeORM's query runner. */
interface PgConnection {
  query(config: { name?: string; text: string; values?: unknown[] }): Promise<{ rows: Rows }>;
}
