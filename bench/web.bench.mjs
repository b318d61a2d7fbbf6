// npm run bench:web: the deadline board (GET /) signed in with a session cookie, with 1,000
// open obligations (targets: p95 < 200 ms and < 500 KB of HTML), beside the same board
// filtered to an organisation with 10 open obligations and GET /api/health, in the same run.
// Then where a board request's time goes: the board's SQL, the row formatting and the
// Handlebars render, each timed alone in this process.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import pg from 'pg';
import { startEmbeddedPostgres } from '../dist/src/database/embedded-postgres.js';
import { boardRows } from '../dist/src/modules/web/domain/board.js';
import { createPageHandlebars, PAGE_COMPILE_OPTIONS, pagePartials, templatesRoot } from '../dist/src/modules/web/page-engine.js';
import { machine, writeResult } from './lib/env.mjs';
import { round, summarise } from './lib/load.mjs';
import { BENCH_AUTH, signInThroughForm, spawnService } from './lib/service.mjs';
import { runLoad } from './lib/wrk.mjs';

const LARGE = Number(process.env.BENCH_OBLIGATIONS ?? 1000);
const SMALL = 10;
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 300);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 10_000);
const CONNECTIONS = 10;
const PASSWORD = 'bench web passphrase 2026';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-clock-bench-web-'));
fs.chmodSync(dataDir, 0o755);
const db = await startEmbeddedPostgres({ dataDir, database: 'breach_clock_bench' });
const service = await spawnService({ DATABASE_URL: db.url });
const client = new pg.Client({ connectionString: db.url });
const result = { benchmark: 'web', machine: machine(), note: 'HTTP_WORKERS=1 (the default), scheduler off; the load generator runs on the same 2-core machine' };

async function api(method, url, body) {
  const res = await fetch(`${service.base}${url}`, { method, headers: { ...BENCH_AUTH, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

function organisation(legalName) {
  return api('POST', '/api/organisations', {
    legalName,
    country: 'FI',
    timeZone: 'Europe/Helsinki',
    roles: ['controller'],
    contact: { kind: 'dpo', name: 'DPO', email: 'dpo@bench.test' },
    establishment: { mainEstablishmentCountry: 'FI' },
  });
}

/** Incidents recorded through the API (the service writes the obligations, rungs, timeline and audit), `concurrency` at a time. */
async function incidents(organisationId, count, concurrency = 8) {
  const now = Date.now();
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      // Aware between 1 minute and ~50 hours ago: every Art. 33(1) deadline is open and in the future.
      const aware = new Date(now - (60 + i * 180) * 1000);
      await api('POST', '/api/incidents', {
        organisationId,
        title: `Bench incident ${i + 1}: misdirected customer export`,
        description: 'An export of customer records was sent to the wrong recipient.',
        occurredAt: new Date(aware.getTime() - 3600_000).toISOString(),
        detectedAt: new Date(aware.getTime() - 1800_000).toISOString(),
        awareAt: aware.toISOString(),
        affectedCountries: ['FI'],
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

function signIn(email) {
  return signInThroughForm(service.base, email, PASSWORD);
}

async function sequential(url, headers, n) {
  for (let i = 0; i < 20; i += 1) await (await fetch(url, { headers })).arrayBuffer(); // warm-up
  const latencies = [];
  let body = Buffer.alloc(0);
  let status = 0;
  for (let i = 0; i < n; i += 1) {
    const t = performance.now();
    const res = await fetch(url, { headers });
    body = Buffer.from(await res.arrayBuffer());
    latencies.push(performance.now() - t);
    status = res.status;
  }
  const { latencyMs } = summarise(latencies);
  return { figures: { requests: n, status, htmlBytes: body.length, latencyMs }, body };
}

function timeIt(fn, n) {
  for (let i = 0; i < 5; i += 1) fn();
  const times = [];
  for (let i = 0; i < n; i += 1) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return summarise(times).latencyMs;
}

try {
  await client.connect();
  const started = performance.now();
  const big = await organisation('Bench Large Oy');
  const small = await organisation('Bench Small Oy');
  await incidents(big.id, LARGE);
  await incidents(small.id, SMALL);
  result.setup = { incidents: LARGE + SMALL, seconds: round((performance.now() - started) / 1000), how: 'POST /api/incidents, 8 at a time' };
  const open = (await client.query(`SELECT organisation_id, count(*)::int AS n FROM obligations WHERE status = 'open' AND due_at IS NOT NULL GROUP BY organisation_id`)).rows;
  result.openObligations = { large: open.find((r) => r.organisation_id === big.id)?.n ?? 0, small: open.find((r) => r.organisation_id === small.id)?.n ?? 0 };
  console.log('setup', result.setup, result.openObligations);

  await api('POST', '/api/users', { email: 'board@bench.test', displayName: 'Board reader', role: 'viewer', organisationIds: [big.id, small.id], password: PASSWORD });
  const cookie = await signIn('board@bench.test');
  const headers = { cookie };

  // GET / shows every open duty of the user's organisations: the large one's and the small one's.
  const { figures: board, body: boardHtml } = await sequential(`${service.base}/`, headers, SEQUENTIAL);
  const rowsShown = (boardHtml.toString('utf8').match(/<tr class="rung-/g) ?? []).length;
  const { figures: reference10 } = await sequential(`${service.base}/?organisationId=${small.id}`, headers, SEQUENTIAL);
  const { figures: health } = await sequential(`${service.base}/api/health`, {}, SEQUENTIAL);
  result.sequential = {
    board: { path: '/', rowsShown, gzipBytes: zlib.gzipSync(boardHtml).length, ...board },
    reference10: { path: '/?organisationId=<the 10-obligation organisation>', ...reference10 },
    referenceHealth: { path: '/api/health', ...health },
    ratioToReference10: round(board.latencyMs.p95 / reference10.latencyMs.p95),
  };
  console.log('sequential', JSON.stringify(result.sequential, null, 2));

  const concurrent = await runLoad({ url: `${service.base}/`, headers, connections: CONNECTIONS, durationMs: DURATION_MS });
  const concurrent10 = await runLoad({ url: `${service.base}/?organisationId=${small.id}`, headers, connections: CONNECTIONS, durationMs: DURATION_MS });
  result.concurrent = { connections: CONNECTIONS, board: concurrent, reference10: concurrent10 };
  console.log('concurrent', JSON.stringify(result.concurrent, null, 2));

  // Where the time goes: the board's query (as board.controller.ts runs it), boardRows(), and the render.
  const sql = `SELECT o.id AS "obligationId", o.label, o.recipient, o.due_at AS "dueAt", i.id AS "incidentId", i.reference, i.title,
                      g.legal_name AS "organisationName", g.time_zone AS "timeZone"
                 FROM obligations o JOIN incidents i ON i.id = o.incident_id JOIN organisations g ON g.id = o.organisation_id
                WHERE o.status = 'open' AND o.due_at IS NOT NULL AND o.organisation_id = ANY($1::uuid[])
                ORDER BY o.due_at, o.id`;
  const queryTimes = [];
  let sources = [];
  for (let i = 0; i < 60; i += 1) {
    const t = performance.now();
    sources = (await client.query(sql, [[big.id, small.id]])).rows;
    if (i >= 10) queryTimes.push(performance.now() - t);
  }
  const now = new Date();
  const hb = createPageHandlebars();
  const root = path.join(templatesRoot(), 'pages');
  for (const [name, file] of Object.entries(pagePartials())) hb.registerPartial(name, fs.readFileSync(path.join(root, file), 'utf8'));
  const boardTemplate = hb.compile(fs.readFileSync(path.join(root, 'board.hbs'), 'utf8'), PAGE_COMPILE_OPTIONS);
  const layout = hb.compile(fs.readFileSync(path.join(root, 'layout.hbs'), 'utf8'), PAGE_COMPILE_OPTIONS);
  const rows = boardRows(sources, now);
  const context = {
    title: 'Deadlines', user: { email: 'board@bench.test', displayName: 'Board reader', role: 'viewer' }, csrfToken: 'x', nav: 'board', flash: null, serverNow: now.toISOString(),
    rows, count: rows.length, overdue: 0, organisations: [big, small].map((o) => ({ id: o.id, legalName: o.legalName, selected: false })), filtered: false,
  };
  result.breakdown = {
    what: `in this process, ${rows.length} rows, p50/p95 over 200 runs (the query: 50 runs over a pg connection)`,
    queryMs: summarise(queryTimes).latencyMs,
    boardRowsMs: timeIt(() => boardRows(sources, now), 200),
    renderMs: timeIt(() => layout({ ...context, body: boardTemplate(context) }), 200),
  };
  console.log('breakdown', JSON.stringify(result.breakdown, null, 2));

  const b = result.sequential.board;
  result.targets = { p95Ms: 200, htmlBytes: 500_000, openObligations: LARGE };
  result.pass = b.rowsShown >= LARGE && b.status === 200 && b.latencyMs.p95 < 200 && b.htmlBytes < 500_000 && concurrent.errors === 0;
  writeResult('web', result);
  console.log(`written bench/results/web.json (${result.pass ? 'PASS' : 'FAIL'}: p95 ${b.latencyMs.p95} ms, ${b.htmlBytes} bytes)`);
} finally {
  await client.end().catch(() => undefined);
  await service.stop();
  await db.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
