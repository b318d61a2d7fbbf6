import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { startWebhookReceiver } from '../setup/receivers.js';
import { startServiceProcess, type ServiceProcess, waitFor } from '../setup/service-process.js';
import { testDatabaseUrl } from '../setup/test-app.js';

/**
 * Plants `incidents x rungsEach` pending rungs due within `withinMs` from now, all alerting one
 * webhook channel; returns the organisation id. Written with SQL: the point is the clock.
 */
async function plantRungs(client: pg.Client, receiverUrl: string, incidents: number, rungsEach: number, withinMs: number, fromMs = 2000): Promise<string> {
  const org = await client.query(
    `INSERT INTO organisations (legal_name, country, time_zone, roles, contact_kind, version) VALUES ('Fault Test Oy', 'FI', 'Europe/Helsinki', '{controller}', 'dpo', 1) RETURNING id`,
  );
  const orgId = org.rows[0].id as string;
  await client.query(`INSERT INTO alert_channels (organisation_id, type, name, url, secret) VALUES ($1, 'webhook', 'faults', $2, 'fault-test-webhook-secret')`, [orgId, receiverUrl]);
  for (let i = 1; i <= incidents; i += 1) {
    const incident = await client.query(
      `INSERT INTO incidents (organisation_id, reference, title, role, detected_at, aware_at, status, created_by, version)
       VALUES ($1, $2, 'fault test', 'controller', now() - interval '2 hours', now() - interval '1 hour', 'confirmed', 'faults', 1) RETURNING id`,
      [orgId, `BR-2026-${String(i).padStart(4, '0')}`],
    );
    const incidentId = incident.rows[0].id as string;
    const obligation = await client.query(
      `INSERT INTO obligations (incident_id, organisation_id, kind, regime, recipient, label, anchor, anchor_at, due_at, status, required, reasons, rule_id, rules_version, version)
       VALUES ($1, $2, 'gdpr_art33_1', 'gdpr', 'supervisory_authority', 'GDPR Art. 33(1)', '{"type":"aware_at"}', now() - interval '1 hour', now() + interval '71 hours', 'open', true, '[]', 'fault', 'fault', 1) RETURNING id`,
      [incidentId, orgId],
    );
    await client.query(
      `INSERT INTO escalations (obligation_id, incident_id, organisation_id, offset_minutes, due_at, state)
       SELECT $1, $2, $3, 100000 + n, now() + ($4::double precision + random() * $5::double precision) * interval '1 millisecond', 'pending'
         FROM generate_series(1, $6) AS n`,
      [obligation.rows[0].id, incidentId, orgId, fromMs, withinMs - fromMs, rungsEach],
    );
  }
  return orgId;
}

describe('clock reliability', () => {
  it('fires 2,000 rungs due within a minute exactly once across three instances, one killed mid-burst', async () => {
    const receiver = await startWebhookReceiver();
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    const instances: ServiceProcess[] = [];
    try {
      // Three instances first (they apply migrations), then the rungs, due from 2 s to 30 s out.
      for (let i = 0; i < 3; i += 1) instances.push(await startServiceProcess(testDatabaseUrl(), { SCHEDULER_TICK_MS: '200' }));
      const orgId = await plantRungs(client, receiver.url, 20, 100, 30_000);
      const escalationIds = () => new Set(receiver.received.map((r) => JSON.parse(r.body).escalationId as string));

      await waitFor(() => escalationIds().size >= 400, 60_000, '400 alerts before the kill');
      instances[0]!.child.kill('SIGKILL');
      await waitFor(() => escalationIds().size >= 2000, 120_000, 'all 2,000 alerts');
      await waitFor(async () => {
        const open = await client.query(`SELECT count(*)::int AS n FROM deliveries WHERE organisation_id = $1 AND state <> 'delivered'`, [orgId]);
        return open.rows[0].n === 0;
      }, 60_000, 'every delivery marked delivered');

      const fired = await client.query(`SELECT state, count(*)::int AS n FROM escalations WHERE organisation_id = $1 GROUP BY state`, [orgId]);
      expect(fired.rows).toEqual([{ state: 'fired', n: 2000 }]);
      const deliveries = await client.query(`SELECT count(*)::int AS n, count(DISTINCT escalation_id)::int AS rungs FROM deliveries WHERE organisation_id = $1`, [orgId]);
      expect(deliveries.rows[0]).toEqual({ n: 2000, rungs: 2000 });
      // At-least-once delivery: a repeat (an instance killed mid-send) carries the same key.
      const byKey = new Map<string, Set<string>>();
      for (const r of receiver.received) {
        const key = r.headers['x-breach-delivery'] as string;
        byKey.set(key, (byKey.get(key) ?? new Set()).add(JSON.parse(r.body).escalationId));
      }
      expect(byKey.size).toBe(2000);
      expect([...byKey.values()].every((rungs) => rungs.size === 1)).toBe(true);
    } finally {
      for (const instance of instances) await instance.stop();
      await client.end();
      await receiver.close();
    }
  }, 240_000);

  it('survives a database restart during ticks without manual action, and says so in the log', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-clock-dbrestart-test-'));
    fs.chmodSync(dataDir, 0o755);
    const receiver = await startWebhookReceiver();
    let db = await startEmbeddedPostgres({ dataDir, database: 'breach_clock_test' });
    const port = db.port;
    let instance: ServiceProcess | undefined;
    try {
      instance = await startServiceProcess(db.url, { SCHEDULER_TICK_MS: '200' });
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      await plantRungs(client, receiver.url, 1, 5, 9_000, 6_000); // due 6 to 9 s from now
      await client.end();

      await db.stop(); // the database goes away while the clock ticks
      await waitFor(() => /scheduler tick failed/.test(instance!.output()), 15_000, 'the failure in the log');
      const down = await fetch(`${instance.base}/api/health`);
      expect(down.status).toBe(503);

      db = await startEmbeddedPostgres({ dataDir, database: 'breach_clock_test', port });
      await waitFor(() => receiver.received.length >= 5, 60_000, 'the 5 alerts after the restart');
      await waitFor(() => /scheduler recovered/.test(instance!.output()), 15_000, 'the recovery in the log');
      expect((await fetch(`${instance.base}/api/health`)).status).toBe(200);
      expect(instance.child.exitCode).toBeNull();
      expect(new Set(receiver.received.map((r) => JSON.parse(r.body).escalationId)).size).toBe(5);
    } finally {
      await instance?.stop();
      await db.stop();
      await receiver.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
