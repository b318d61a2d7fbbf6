import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type request from 'supertest';
import { createApp } from '../../src/app.factory.js';
import { loadConfig } from '../../src/config/config.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { organisationBody } from '../factories/organisation.factory.js';
import { adminAgent } from '../setup/test-app.js';

/** The embedded PostgreSQL that `npm start` uses without DATABASE_URL, across restarts and kills. */
describe('embedded PostgreSQL data directory', () => {
  let dataDir: string;
  const started: EmbeddedDatabase[] = [];
  const config = loadConfig({ SEED_DEMO: 'false', LOG_LEVEL: 'error', SCHEDULER_ENABLED: 'false' });

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-clock-restart-test-'));
    fs.chmodSync(dataDir, 0o755);
  });
  afterAll(async () => {
    for (const db of started) await db.stop().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const start = async () => {
    const db = await startEmbeddedPostgres({ dataDir, database: 'breach_clock_test' });
    started.push(db);
    return db;
  };
  const withApp = async <T>(db: EmbeddedDatabase, fn: (http: ReturnType<typeof request.agent>) => Promise<T>): Promise<T> => {
    const app = await createApp({ config, databaseUrl: db.url });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    try {
      return await fn(await adminAgent(app));
    } finally {
      await app.close();
    }
  };
  const deadPid = () => spawnSync('true').pid as number;

  it('keeps the data across a clean restart, listening on loopback only', async () => {
    const first = await start();
    expect(new URL(first.url).hostname).toBe('127.0.0.1');
    const id = await withApp(first, async (http) => (await http.post('/api/organisations').send(organisationBody({ legalName: 'Persistent Oy' })).expect(201)).body.id);
    await first.stop();
    expect(fs.existsSync(path.join(first.clusterDir, 'postmaster.pid'))).toBe(false);

    const second = await start();
    const read = await withApp(second, async (http) => (await http.get(`/api/organisations/${id}`).expect(200)).body);
    expect(read.legalName).toBe('Persistent Oy');
    await second.stop();
  });

  it('recovers from a stale postmaster.pid left by a killed run', async () => {
    const db = await start();
    const clusterDir = db.clusterDir;
    await db.stop();
    fs.writeFileSync(path.join(clusterDir, 'postmaster.pid'), `${deadPid()}\n${clusterDir}\n`);
    const again = await start();
    const list = await withApp(again, async (http) => (await http.get('/api/organisations').query({ q: 'Persistent' }).expect(200)).body);
    expect(list.total).toBe(1);
    await again.stop();
  });

  it('shuts down an orphaned server whose owner was SIGKILLed, then starts cleanly', async () => {
    const orphan = await start(); // never stopped by its owner: as after `kill -9` of the service
    const orphanPid = Number(fs.readFileSync(path.join(orphan.clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    fs.writeFileSync(path.join(dataDir, 'breach-clock.pid'), `${deadPid()}\n`);

    const recovered = await start();
    expect(isAlive(orphanPid)).toBe(false);
    const list = await withApp(recovered, async (http) => (await http.get('/api/organisations').query({ q: 'Persistent' }).expect(200)).body);
    expect(list.total).toBe(1);
    await recovered.stop();
  });

  it('refuses a data directory owned by another live service', async () => {
    const other = spawn('sleep', ['30']);
    try {
      fs.writeFileSync(path.join(dataDir, 'breach-clock.pid'), `${other.pid}\n`);
      await expect(start()).rejects.toThrow(/another breach-clock process/);
    } finally {
      other.kill();
      fs.rmSync(path.join(dataDir, 'breach-clock.pid'), { force: true });
    }
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
