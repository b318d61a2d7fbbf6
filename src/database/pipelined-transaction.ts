import type { DataSource, EntityManager } from 'typeorm';

/** Sends the transaction's last statement with COMMIT right behind it; its rows. */
export type CommitWith = (text: string, parameters: unknown[]) => Promise<Array<Record<string, unknown>>>;

/**
 * A transaction whose statements are queued back to back on one connection: `START
 * TRANSACTION` goes out with the first statement, and `COMMIT` with the last (`commitWith`).
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
export async function pipelinedTransaction<T>(db: DataSource, work: (manager: EntityManager, commitWith: CommitWith) => Promise<T>): Promise<T> {
  const runner = db.createQueryRunner();
  let open = false;
  try {
    // Straight on the driver's connection, which queues in call order: TypeORM's own query()
    // goes through awaits of its own before it reaches the connection.
    const connection = (await runner.connect()) as PgConnection;
    const send = (text: string, parameters?: unknown[]): Promise<Array<Record<string, unknown>>> => {
      const sent = connection.query(text, parameters).then(
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
    const commitWith: CommitWith = async (text, parameters) => {
      if (committed) throw new Error('pipelinedTransaction: commitWith called twice');
      committed = true;
      const last = send(text, parameters);
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
    const result = await work(runner.manager, commitWith);
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
  query(text: string, values?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
}
