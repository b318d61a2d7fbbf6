// npm run bench:api: the JSON API under load with 100,000 incidents stored.
// Targets (issue 8): POST /api/incidents p95 < 25 ms and a filtered list p95 < 50 ms at 50
// concurrent clients, no errors, and exactly one stored row per successful answer.
// Reference in the same run: raw `pg` INSERTs of the same rows, 50 concurrent clients.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../dist/src/database/embedded-postgres.js';
import { incidentPageJson } from '../dist/src/modules/incidents/incident-page.query.js';
import { machine, writeResult } from './lib/env.mjs';
import { cpuSnapshot, cpuUsed } from './lib/procs.mjs';
import { BENCH_AUTH, spawnService } from './lib/service.mjs';
import { runLoad as runClosedLoop } from './lib/load.mjs';
import { runLoad } from './lib/wrk.mjs';

const STORED = Number(process.env.BENCH_STORED_INCIDENTS ?? 100_000);
const ORGANISATIONS = 100;
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 15_000);
const CONNECTIONS = 50;
// One worker, the service's default: these routes spend as much CPU in PostgreSQL as in Node,
// and on 2 cores a second worker only takes CPU from PostgreSQL and wrk (measured 2026-11-23:
// list p95 46 ms with 1 worker against 107 ms with 2; creation 740/s against 494/s).
const WORKERS = process.env.HTTP_WORKERS ?? '1';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-clock-bench-api-'));
fs.chmodSync(dataDir, 0o755);
const db = await startEmbeddedPostgres({ dataDir, database: 'breach_clock_bench' });
const service = await spawnService({ DATABASE_URL: db.url, HTTP_WORKERS: WORKERS });
const client = new pg.Client({ connectionString: db.url });
await client.connect();

async function api(method, url, body) {
  const res = await fetch(`${service.base}${url}`, { method, headers: { ...BENCH_AUTH, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

const incidentBody = (organisationId, i) => ({
  organisationId,
  title: `Load test incident ${i}`,
  description: 'A misdirected e-mail with a customer list.',
  detectedAt: new Date(Date.now() - 3_600_000).toISOString(),
  affectedCountries: ['FI'],
});

try {
  // 100 organisations through the API; 1,000 stored incidents each, copied in SQL from one
  // made through the API (same columns, references continuing the organisation's sequence).
  const organisations = [];
  for (let i = 0; i < ORGANISATIONS; i += 1) {
    organisations.push(
      (
        await api('POST', '/api/organisations', {
          legalName: `Load ${i} Oy`,
          country: 'FI',
          timeZone: 'Europe/Helsinki',
          roles: ['controller'],
          contact: { kind: 'dpo', email: 'dpo@example.test' },
          establishment: { mainEstablishmentCountry: 'FI' },
        })
      ).id,
    );
  }
  const seedStarted = performance.now();
  const perOrganisation = Math.ceil(STORED / ORGANISATIONS);
  for (const organisationId of organisations) {
    const template = await api('POST', '/api/incidents', incidentBody(organisationId, 0));
    await client.query(
      `INSERT INTO incidents (id, organisation_id, reference, title, description, role, occurred_at, detected_at, aware_at, classified_at, status, affected_countries,
                              records_approx, subject_categories, likely_consequences, measures_taken, measures_proposed, created_by, version)
       SELECT gen_random_uuid(), t.organisation_id, 'BR-' || extract(year FROM now() AT TIME ZONE 'Europe/Helsinki')::int || '-' || lpad((g + 1)::text, 4, '0'),
              'Stored incident ' || g, t.description, t.role, t.occurred_at, t.detected_at - (g || ' minutes')::interval,
              CASE WHEN g % 10 = 0 THEN NULL ELSE t.detected_at - (g || ' minutes')::interval END, NULL,
              CASE WHEN g % 10 = 0 THEN 'investigating' ELSE 'closed' END, t.affected_countries,
              t.records_approx, t.subject_categories, t.likely_consequences, t.measures_taken, t.measures_proposed, 'bench-seed', 1
         FROM incidents t, generate_series(1, $2::int - 1) g WHERE t.id = $1`,
      [template.id, perOrganisation],
    );
  }
  // New references continue after the copies.
  await client.query(`UPDATE incident_reference_counters SET last_sequence = $1`, [perOrganisation + 10]);
  // As autovacuum would have left a table that grew over time (statistics and visibility map).
  await client.query('VACUUM ANALYZE');
  const stored = Number((await client.query('SELECT count(*) FROM incidents')).rows[0].count);
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  // Reference: the same rows through raw pg, 50 clients, 5 s.
  await client.query(`CREATE TABLE bench_raw_incidents (LIKE incidents INCLUDING DEFAULTS)`);
  const raw = await rawInserts(db.url, organisations[0], 5000);
  // Creation is measured on a settled database too: without the reference's table, which
  // autovacuum would otherwise visit during the run, and after a checkpoint of what the seed
  // and the reference wrote.
  await client.query('DROP TABLE bench_raw_incidents');
  await client.query('CHECKPOINT');

  // Incident creation through the API, organisations in turn (one organisation per request).
  const bodies = Array.from({ length: 500 }, (_, i) => JSON.stringify(incidentBody(organisations[i % ORGANISATIONS], i)));
  const before = Number((await client.query('SELECT count(*) FROM incidents')).rows[0].count);
  await runLoad({ url: `${service.base}/api/incidents`, method: 'POST', bodies: bodies.slice(0, 50), headers: BENCH_AUTH, connections: 10, durationMs: 2000 }); // warm-up
  const warm = Number((await client.query('SELECT count(*) FROM incidents')).rows[0].count);
  const createCpu = cpuSnapshot(service.pid);
  const create = await runLoad({ url: `${service.base}/api/incidents`, method: 'POST', bodies, headers: BENCH_AUTH, connections: CONNECTIONS, durationMs: DURATION_MS });
  create.cpu = cpuUsed(createCpu, cpuSnapshot(service.pid), create.requests);

  // Exactness: wrk stops with requests in flight, so rows are counted against a bounded,
  // closed-loop run that waits for every answer: 2,000 creations, 50 clients.
  const counted = await settledCount(client);
  const exact = await runClosedLoop({ url: `${service.base}/api/incidents`, method: 'POST', body: bodies[1], headers: BENCH_AUTH, connections: CONNECTIONS, durationMs: 120_000, maxRequests: 2000 });
  const after = Number((await client.query('SELECT count(*) FROM incidents')).rows[0].count);
  const succeeded = exact.statuses?.[201] ?? 0;

  // A filtered list: one organisation's open incidents, newest first, a page of 50.
  // The list is measured on a settled database, as the seeded table was: the creations above
  // leave autovacuum and a checkpoint to run, and those would be measured instead of the list.
  await client.query('VACUUM ANALYZE incidents');
  await client.query('CHECKPOINT');
  const listCpu = cpuSnapshot(service.pid);
  const list = await runLoad({
    url: `${service.base}/api/incidents?organisationId=${organisations[7]}&status=investigating&limit=50`,
    headers: BENCH_AUTH,
    connections: CONNECTIONS,
    durationMs: DURATION_MS,
  });
  list.cpu = cpuUsed(listCpu, cpuSnapshot(service.pid), list.requests);

  if (process.env.BENCH_EXPLAIN) {
    // The list's own statement, as the service writes it for this filter.
    let statement;
    const capture = { driver: {}, query: async (text, values) => ((statement = { text, values }), [[0, null]]) }; // a total and no rows
    await incidentPageJson(capture, { organisationId: organisations[7], status: ['investigating'], limit: 50, offset: 0 }, { organisationIds: organisations });
    console.log((await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, statement.values)).rows.map((r) => r['QUERY PLAN']).join('\n'));
    // The plan a prepared statement settles on after five executions: generic, without the values.
    await client.query(`PREPARE bench_list AS ${statement.text}`);
    await client.query(`SET plan_cache_mode = force_generic_plan`);
    const args = statement.values.map((v) => (typeof v === 'number' ? String(v) : client.escapeLiteral(String(v)))).join(', ');
    console.log((await client.query(`EXPLAIN (ANALYZE, BUFFERS) EXECUTE bench_list(${args})`)).rows.map((r) => r['QUERY PLAN']).join('\n'));
    await client.query(`RESET plan_cache_mode`);
    await client.query(`DEALLOCATE bench_list`);
  }
  const result = {
    benchmark: 'api',
    machine: machine(),
    note: `HTTP_WORKERS=${WORKERS}; embedded PostgreSQL; wrk on the same 2-core machine`,
    stored: { incidents: stored, organisations: ORGANISATIONS, seedSeconds: Math.round(seedSeconds * 10) / 10 },
    reference: { what: 'raw pg INSERT of the same incident row into a copy of the table, 50 clients, 5 s', ...raw },
    create,
    exactness: { requests: 2000, answered201: succeeded, otherStatuses: exact.statuses, errors: exact.errors, rowsAdded: after - counted, wrkRunRowsAdded: counted - warm, rowsBeforeWarmUp: before },
    list,
    ratioInsertsToRaw: Math.round((raw.insertsPerSec / create.throughputPerSec) * 10) / 10,
    targets: { createP95Ms: 25, listP95Ms: 50 },
  };
  result.pass =
    create.latencyMs.p95 < 25 && list.latencyMs.p95 < 50 && create.errors === 0 && create.non2xx === 0 && list.errors === 0 && list.non2xx === 0 && exact.errors === 0 && succeeded === 2000 && after - counted === succeeded;
  writeResult('api', result);
  console.log(
    `written bench/results/api.json (${result.pass ? 'PASS' : 'FAIL'}): create p95 ${create.latencyMs.p95} ms at ${create.throughputPerSec}/s ` +
      `(raw pg ${raw.insertsPerSec}/s; CPU per creation: service ${create.cpu.serviceMsPerRequest} ms, PostgreSQL ${create.cpu.postgresMsPerRequest} ms); exactness: ${after - counted} rows for ${succeeded} answers 201 of 2,000; list p95 ${list.latencyMs.p95} ms at ${list.throughputPerSec}/s (CPU per list: service ${list.cpu.serviceMsPerRequest} ms, PostgreSQL ${list.cpu.postgresMsPerRequest} ms)`,
  );
} finally {
  await client.end().catch(() => undefined);
  await service.stop();
  await db.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

async function rawInserts(url, organisationId, durationMs) {
  const pool = new pg.Pool({ connectionString: url, max: CONNECTIONS });
  let count = 0;
  let n = 0;
  const deadline = Date.now() + durationMs;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < deadline) {
        n += 1;
        await pool.query(
          `INSERT INTO bench_raw_incidents (id, organisation_id, reference, title, description, role, detected_at, status, affected_countries, subject_categories, created_by, version)
           VALUES (gen_random_uuid(), $1, $2, $3, '', 'controller', now(), 'investigating', '{FI}', '{}', 'raw', 1)`,
          [organisationId, `RAW-${n}`, `Raw ${n}`],
        );
        count += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await pool.end();
  return { inserts: count, insertsPerSec: Math.round(count / seconds) };
}

/** The incident count once requests still in flight when wrk stopped have landed. */
async function settledCount(pgClient) {
  let last = -1;
  for (;;) {
    const now = Number((await pgClient.query('SELECT count(*) FROM incidents')).rows[0].count);
    if (now === last) return now;
    last = now;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
