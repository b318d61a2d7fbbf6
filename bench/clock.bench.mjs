// npm run bench:clock: the escalation clock.
//  1. A tick that finds nothing due, with 1,000 and with 100,000 open obligations (target
//     < 5 ms, and the large one within 1.5x of the small one: an index probe, never a scan).
//  2. Firing lateness at the default 1 s tick: p99 of fired_at - due_at (target <= 1.5 s).
//  3. 10,000 rungs due in the same second, fired and delivered to a local webhook (target
//     within 30 s, no duplicate).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../dist/src/app.module.js';
import { loadConfig } from '../dist/src/config/config.js';
import { startEmbeddedPostgres } from '../dist/src/database/embedded-postgres.js';
import { DeliveryService } from '../dist/src/modules/alerts/delivery.service.js';
import { ClockService } from '../dist/src/modules/obligations/clock.service.js';
import { machine, writeResult } from './lib/env.mjs';
import { summarise, round } from './lib/load.mjs';
import { startServiceProcess } from './lib/service-process.mjs';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-clock-bench-clock-'));
fs.chmodSync(dataDir, 0o755);
const db = await startEmbeddedPostgres({ dataDir, database: 'breach_clock_bench' });
const client = new pg.Client({ connectionString: db.url });
const result = { benchmark: 'clock', machine: machine() };
let context;
try {
  const config = loadConfig({ SEED_DEMO: 'false', LOG_LEVEL: 'warn', SCHEDULER_ENABLED: 'false' });
  context = await NestFactory.createApplicationContext(AppModule.forRoot({ config, databaseUrl: db.url }), { logger: ['error', 'warn'] });
  await client.connect();
  const orgId = (
    await client.query(`INSERT INTO organisations (legal_name, country, time_zone, roles, contact_kind, version) VALUES ('Bench Oy', 'FI', 'Europe/Helsinki', '{controller}', 'dpo', 1) RETURNING id`)
  ).rows[0].id;

  /** Open obligations with the default ladder's 7 pending rungs each, all in the future. */
  async function openObligations(total) {
    const have = Number((await client.query(`SELECT count(*) FROM obligations`)).rows[0].count);
    const add = total - have;
    if (add <= 0) return;
    await client.query(
      `WITH i AS (
         INSERT INTO incidents (organisation_id, reference, title, role, detected_at, aware_at, status, created_by, version)
         SELECT $1, 'BR-2026-' || lpad((${have} + n)::text, 6, '0'), 'bench', 'controller', now() - interval '2 hours', now() - interval '1 hour', 'confirmed', 'bench', 1
           FROM generate_series(1, $2) AS n RETURNING id),
       o AS (
         INSERT INTO obligations (incident_id, organisation_id, kind, regime, recipient, label, anchor, anchor_at, due_at, status, required, reasons, rule_id, rules_version, version)
         SELECT i.id, $1, 'gdpr_art33_1', 'gdpr', 'supervisory_authority', 'GDPR Art. 33(1)', '{"type":"aware_at"}', now() - interval '1 hour', now() + interval '71 hours', 'open', true, '[]', 'bench', 'bench', 1
           FROM i RETURNING id, incident_id, due_at)
       INSERT INTO escalations (obligation_id, incident_id, organisation_id, offset_minutes, due_at, state)
       SELECT o.id, o.incident_id, $1, r.m, o.due_at - r.m * interval '1 minute', 'pending'
         FROM o CROSS JOIN (VALUES (2880), (1440), (720), (360), (60), (0), (-720)) AS r(m)
        WHERE o.due_at - r.m * interval '1 minute' > now()`,
      [orgId, add],
    );
    await client.query('ANALYZE');
  }

  const clock = context.get(ClockService);
  const deliveries = context.get(DeliveryService);
  async function tickCost(n, iterations = 300) {
    const now = () => new Date();
    for (let i = 0; i < 30; i += 1) await clock.runDue(now());
    const ticks = [];
    const selects = [];
    for (let i = 0; i < iterations; i += 1) {
      let t = performance.now();
      await clock.runDue(now());
      await deliveries.deliverDue(now());
      ticks.push(performance.now() - t);
      t = performance.now();
      await client.query('SELECT 1');
      selects.push(performance.now() - t);
    }
    const plan = (await client.query(`EXPLAIN SELECT id FROM escalations WHERE state = 'pending' AND due_at <= now() ORDER BY due_at LIMIT 500 FOR UPDATE SKIP LOCKED`)).rows
      .map((r) => r['QUERY PLAN'])
      .join(' | ');
    return { openObligations: n, tick: summarise(ticks).latencyMs, referenceSelect1: summarise(selects).latencyMs, plan };
  }

  await openObligations(1_000);
  const small = await tickCost(1_000);
  await openObligations(100_000);
  const large = await tickCost(100_000);
  result.idleTick = {
    small,
    large,
    ratioP50: round(large.tick.p50 / small.tick.p50),
    target: 'tick < 5 ms (p50) with 100,000 open obligations, within 1.5x of 1,000',
    pass: large.tick.p50 < 5 && large.tick.p50 <= 1.5 * small.tick.p50,
  };
  console.log('idle tick', JSON.stringify(result.idleTick, null, 2));
  await context.close();
  context = undefined;

  // 2 and 3 run the built service as production does, on the same database.
  let received = 0;
  const keys = new Set();
  let duplicates = 0;
  let lastAt = 0;
  const receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const key = req.headers['x-breach-delivery'];
      if (keys.has(key)) duplicates += 1;
      keys.add(key);
      received += 1;
      lastAt = Date.now();
      res.end('ok');
    });
  });
  await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
  const hook = `http://127.0.0.1:${receiver.address().port}/hook`;
  await client.query(`INSERT INTO alert_channels (organisation_id, type, name, url, secret) VALUES ($1, 'webhook', 'bench', $2, 'bench-webhook-secret-0123')`, [orgId, hook]);
  const service = await startServiceProcess(db.url, { SCHEDULER_TICK_MS: '1000', LOG_LEVEL: 'warn' });
  try {
    // 2. Lateness: 1,000 rungs spread over the next 20 s on obligations already open.
    await client.query(
      `WITH o AS (SELECT id, incident_id FROM obligations ORDER BY id LIMIT 1000)
       INSERT INTO escalations (obligation_id, incident_id, organisation_id, offset_minutes, due_at, state)
       SELECT o.id, o.incident_id, $1, 200000, now() + interval '3 seconds' + random() * interval '20 seconds', 'pending' FROM o`,
      [orgId],
    );
    await waitUntil(async () => Number((await client.query(`SELECT count(*) FROM escalations WHERE offset_minutes = 200000 AND state = 'fired'`)).rows[0].count) === 1000, 60_000);
    const lateness = (await client.query(`SELECT extract(epoch FROM fired_at - due_at) * 1000 AS ms FROM escalations WHERE offset_minutes = 200000`)).rows.map((r) => Number(r.ms));
    result.firingLateness = { rungs: lateness.length, tickMs: 1000, latenessMs: summarise(lateness).latencyMs, target: 'p99 <= 1,500 ms' };
    result.firingLateness.pass = result.firingLateness.latenessMs.p99 <= 1500;
    console.log('lateness', JSON.stringify(result.firingLateness));

    // 3. Burst: 10,000 rungs due in the same second.
    await waitUntil(async () => received >= 1000, 60_000);
    received = 0;
    keys.clear();
    const dueAt = new Date(Date.now() + 3000);
    await client.query(
      `WITH o AS (SELECT id, incident_id FROM obligations ORDER BY id LIMIT 10000)
       INSERT INTO escalations (obligation_id, incident_id, organisation_id, offset_minutes, due_at, state)
       SELECT o.id, o.incident_id, $1, 300000, $2::timestamptz + random() * interval '1 second', 'pending' FROM o`,
      [orgId, dueAt],
    );
    await waitUntil(() => received >= 10_000, 120_000);
    const fired = Number((await client.query(`SELECT count(*) FROM escalations WHERE offset_minutes = 300000 AND state = 'fired'`)).rows[0].count);
    const rows = Number((await client.query(`SELECT count(*) FROM deliveries d JOIN escalations e ON e.id = d.escalation_id WHERE e.offset_minutes = 300000`)).rows[0].count);
    result.burst = {
      rungs: 10_000,
      fired,
      deliveryRows: rows,
      received,
      distinctKeys: keys.size,
      duplicates,
      secondsFromDueToLastDelivery: round((lastAt - dueAt.getTime()) / 1000),
      target: 'all fired and delivered within 30 s, no duplicate',
    };
    result.burst.pass = fired === 10_000 && keys.size === 10_000 && duplicates === 0 && result.burst.secondsFromDueToLastDelivery <= 30;
    console.log('burst', JSON.stringify(result.burst));
  } finally {
    await service.stop();
    receiver.close();
  }
  writeResult('clock', result);
  console.log('written bench/results/clock.json');
} finally {
  if (context) await context.close();
  await client.end().catch(() => undefined);
  await db.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

async function waitUntil(condition, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
