import type { DataSource } from 'typeorm';

/** Per table: its row count and the newest row version (xmin), so any insert, update or delete shows. */
export type Fingerprint = Record<string, string>;

/**
 * A cheap, exact change detector: transaction ids only grow, so an UPDATE gives the row a
 * newer xmin, an INSERT raises the count or the newest xmin, a DELETE lowers the count.
 * One query over every application table (small in a test database): about a millisecond.
 */
export async function fingerprinter(db: DataSource): Promise<() => Promise<Fingerprint>> {
  const tables: Array<{ table_name: string }> = await db.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations' ORDER BY 1`,
  );
  const sql = tables
    .map(({ table_name: t }) => `SELECT '${t}' AS t, count(*)::text || '/' || coalesce(max(xmin::text::bigint), 0)::text AS f FROM "${t}"`)
    .join(' UNION ALL ');
  return async () => {
    const rows: Array<{ t: string; f: string }> = await db.query(sql);
    return Object.fromEntries(rows.map((r) => [r.t, r.f]));
  };
}

/** The tables whose fingerprint differs. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  return Object.keys(after).filter((t) => before[t] !== after[t]);
}

/** Rows added to a table since `before` (count difference). */
export function rowsAdded(before: Fingerprint, after: Fingerprint, table: string): number {
  const count = (f: Fingerprint) => Number((f[table] ?? '0/0').split('/')[0]);
  return count(after) - count(before);
}
