import { hash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

interface Pool {
  query(config: { name: string; text: string; values: unknown[]; rowMode?: 'array' }): Promise<{ rows: unknown[] }>;
}

/**
 * A named prepared statement on TypeORM's own pg pool: planned once per connection instead
 * of on every call. For the few statements on every request's path (authentication), where
 * planning cost more than running (0.25 ms against 0.09 ms for the token lookup).
 */
export async function preparedQuery<T>(db: DataSource, name: string, text: string, values: unknown[], options: { rowMode?: 'array' } = {}): Promise<T[]> {
  const pool = (db.driver as unknown as { master?: Pool }).master;
  if (!pool) return db.query(text, values) as Promise<T[]>;
  const result = await pool.query({ name, text, values, ...options });
  return result.rows as T[];
}

/**
 * A named prepared statement on the connection of the manager's transaction (planned once per
 * connection), or on the pool outside a transaction.
 */
export async function preparedQueryIn<T>(manager: EntityManager, name: string, text: string, values: unknown[]): Promise<T[]> {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) return preparedQuery<T>(manager.dataSource, name, text, values);
  const connection = (await runner.connect()) as Pool;
  const result = await connection.query({ name, text, values });
  return result.rows as T[];
}

const names = new Map<string, string>();

/**
 * A prepared statement's name for a statement text: the same text gets the same name (and is
 * prepared once per connection), and callers keep their distinct texts few.
 */
export function statementName(prefix: string, text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `${prefix}_${hash('sha256', text, 'hex').slice(0, 16)}`;
    names.set(text, name);
  }
  return name;
}
