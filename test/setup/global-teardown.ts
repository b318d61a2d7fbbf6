import fs from 'node:fs';
import pg from 'pg';

export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__BREACH_CLOCK_TEST__;
  if (!state) return;
  if (state.embedded) await state.embedded.stop();
  if (state.tmpDir) fs.rmSync(state.tmpDir, { recursive: true, force: true });
  if (state.adminUrl) {
    const admin = new pg.Client({ connectionString: state.adminUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${state.database} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }
}
