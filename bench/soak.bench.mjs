// npm run bench:soak: a 2-minute soak. The built service (HTTP_WORKERS=2, scheduler on) on
// its own embedded PostgreSQL under a bounded, realistic mix: 8 clients at a fixed rate
// creating, amending and assessing incidents, listing, evaluating, reading the register and
// the board, and a trickle of notices (so Chromium works too). Every second, the resident
// memory (VmRSS) of the service's process tree: the primary, its workers and their Chromium.
// Target (issue 8): the last minute's mean within 1.10x of the first minute's, and no 5xx or
// other error. The first 10 s or more are warm-up (pools, JIT, both Chromiums launched and
// settled) and are excluded: the soak proper, 120 s, starts after it.
// Rate and mix are fixed so the soak measures memory, not saturation. BENCH_SOAK_MS shortens
// the measured soak for trials (its halves then stand for the two minutes).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../dist/src/database/embedded-postgres.js';
import { machine, writeResult } from './lib/env.mjs';
import { processTable, procKiB } from './lib/procs.mjs';
import { round, summarise } from './lib/load.mjs';
import { BENCH_AUTH, signInThroughForm, spawnService } from './lib/service.mjs';

const SOAK_MS = Number(process.env.BENCH_SOAK_MS ?? 120_000);
const WARM_UP_MS = Number(process.env.BENCH_SOAK_WARMUP_MS ?? 10_000);
const CLIENTS = 8;
const RATE = Number(process.env.BENCH_SOAK_RATE ?? 32); // operations per second, all clients together
const ORGANISATIONS = 4;
const SEEDED_PER_ORGANISATION = 5;
const TARGET_RATIO = 1.1;
const PASSWORD = 'bench soak passphrase 2026';

// One client's cycle of 40 operations (shuffled per client); a document is a POST and a GET of its PDF.
const MIX = { get: 8, evaluate: 6, list: 5, filtered: 4, patch: 4, board: 4, create: 3, assess: 3, register: 2, document: 1 };

const HIGH_RISK = {
  breachTypes: ['confidentiality'], dataCategories: ['basic', 'financial'], subjectsCount: 1200, vulnerableSubjects: false, identifiability: 'maximum',
  exposure: 'public', integrityLoss: 'none', availabilityLoss: 'none', backupAvailable: true, malicious: true, exfiltration: 'confirmed',
  protection: 'none', recipientDeletionConfirmed: false, highRiskMitigated: false, disproportionateEffort: false,
};
// What POST /api/assessments/evaluate is asked: the notified case and two milder ones.
const EVALUATED = [
  HIGH_RISK,
  { ...HIGH_RISK, dataCategories: ['basic'], subjectsCount: 40, exposure: 'trusted_recipient', malicious: false, exfiltration: 'ruled_out', protection: 'state_of_the_art' },
  { ...HIGH_RISK, breachTypes: ['availability'], dataCategories: ['basic'], subjectsCount: 300, exposure: 'none', availabilityLoss: 'temporary', unavailableHours: 6, malicious: false, exfiltration: 'ruled_out' },
];
const NOTICES = [
  { kind: 'authority_notification', language: 'en', phase: 'initial' },
  { kind: 'data_subject_notice', language: 'fi', phase: 'initial' },
  { kind: 'data_subject_notice', language: 'sv', phase: 'initial' },
  { kind: 'data_subject_notice', language: 'de', phase: 'initial' },
];

/** Deterministic choices (mulberry32), so two runs send the same workload. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(20261123);
const pick = (list) => list[Math.floor(random() * list.length)];

// ---- HTTP: one keep-alive agent, a socket per client (the cluster spreads sockets over the workers) ----

const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
const stats = {};

/** One request; resolves with the status and body, rejects on a network error. */
function send(base, method, url, { body, headers = {} } = {}) {
  const target = new URL(url, base);
  const payload = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  const contentType = typeof body === 'string' ? 'application/x-www-form-urlencoded' : 'application/json';
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: target.hostname, port: target.port, path: target.pathname + target.search, method, headers: { ...(payload ? { 'content-type': contentType, 'content-length': payload.length } : {}), ...headers } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** A request counted under its route kind: an error is a network failure or any status but the expected one. */
async function call(base, kind, method, url, expected, options) {
  const s = (stats[kind] ??= { requests: 0, errors: 0, serverErrors: 0, statuses: {}, latencies: [], lastError: null });
  const started = performance.now();
  s.requests += 1;
  try {
    const res = await send(base, method, url, options);
    s.latencies.push(performance.now() - started);
    s.statuses[res.status] = (s.statuses[res.status] ?? 0) + 1;
    if (res.status >= 500) s.serverErrors += 1;
    if (res.status !== expected) {
      s.errors += 1;
      s.lastError = `${method} ${url}: ${res.status} ${res.body.toString('utf8').slice(0, 300)}`;
      return null;
    }
    return res;
  } catch (error) {
    s.errors += 1;
    s.lastError = `${method} ${url}: ${error.message}`;
    return null;
  }
}

const json = (res) => (res ? JSON.parse(res.body.toString('utf8')) : null);

// ---- Process tree memory, from /proc ----

/**
 * RSS of the service's tree by kind: the primary (rootPid), workers (its Node children) and
 * chromium (everything a worker started: Debian's wrapper script, the browser, its zygotes and
 * renderers); anything else under the primary is "other". RSS counts pages shared between
 * processes once per process (Chromium's especially), so PSS (each shared page divided among
 * its sharers) is recorded beside it.
 */
function treeMemory(rootPid) {
  const table = processTable();
  const children = new Map();
  for (const [pid, { ppid }] of table) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const nodeExe = table.get(rootPid)?.exe;
  const kib = { primary: 0, workers: 0, chromium: 0, other: 0 };
  const pids = { primary: [], workers: [], chromium: [], other: [] };
  let pssKiB = 0;
  const stack = [[rootPid, 'primary']];
  while (stack.length) {
    const [pid, kind] = stack.pop();
    kib[kind] += procKiB(pid, 'status', 'VmRSS');
    pssKiB += procKiB(pid, 'smaps_rollup', 'Pss');
    pids[kind].push(pid);
    for (const child of children.get(pid) ?? []) {
      const childKind = kind === 'primary' ? (table.get(child)?.exe === nodeExe ? 'workers' : 'other') : kind === 'workers' ? 'chromium' : kind;
      stack.push([child, childKind]);
    }
  }
  const mib = (n) => round(n / 1024);
  return {
    rssMiB: mib(kib.primary + kib.workers + kib.chromium + kib.other),
    pssMiB: mib(pssKiB),
    primary: mib(kib.primary),
    workers: mib(kib.workers),
    chromium: mib(kib.chromium),
    other: mib(kib.other),
    processes: pids.primary.length + pids.workers.length + pids.chromium.length + pids.other.length,
    // Workers with a Chromium under them, and the processes each one started (a browser launch).
    browsers: pids.workers.filter((pid) => (children.get(pid) ?? []).some((c) => table.get(c)?.exe !== nodeExe)).length,
    launched: pids.workers.flatMap((pid) => (children.get(pid) ?? []).filter((c) => table.get(c)?.exe !== nodeExe)),
    pids,
  };
}

// ---- Workload ----

function incidentBody(organisationId, n, aware) {
  const now = Date.now();
  // Aware between 1 and 70 hours ago: the Art. 33(1) deadline is open and in the future, the
  // latest passed rung fires at once (a webhook delivery), later rungs wait.
  const awareAt = new Date(now - (1 + Math.floor(random() * 69)) * 3600_000 - Math.floor(random() * 3600_000));
  return {
    organisationId,
    title: `Soak incident ${n}: customer export sent to the wrong recipient`,
    description: 'An export of customer records was e-mailed to an external address by mistake.',
    role: 'controller',
    occurredAt: new Date(awareAt.getTime() - 3 * 3600_000).toISOString(),
    detectedAt: new Date(awareAt.getTime() - 3600_000).toISOString(),
    ...(aware ? { awareAt: awareAt.toISOString() } : {}),
    affectedCountries: ['FI', 'SE'],
    recordsApprox: 100 + Math.floor(random() * 5000),
    subjectCategories: ['customers'],
    likelyConsequences: 'Phishing aimed at the customers concerned.',
    measuresTaken: 'The recipient was asked to delete the message.',
    measuresProposed: 'Address auto-completion switched off for external recipients.',
  };
}

/** What the clients share: organisations, incidents (all, not yet aware), assessed ones (documents can be generated). */
function world(base, organisations, cookie) {
  return { base, organisations, cookie, incidents: [], unaware: [], assessed: [], created: 0 };
}

async function createIncident(w, aware = random() < 0.6) {
  w.created += 1;
  const res = json(await call(w.base, 'create', 'POST', '/api/incidents', 201, { body: incidentBody(pick(w.organisations), w.created, aware), headers: BENCH_AUTH }));
  if (!res) return null;
  w.incidents.push(res.id);
  if (!aware) w.unaware.push({ id: res.id, detectedAt: res.detectedAt });
  return res;
}

async function assess(w, id = pick(w.incidents)) {
  const facts = { ...HIGH_RISK, subjectsCount: 200 + Math.floor(random() * 5000) };
  const res = await call(w.base, 'assess', 'POST', `/api/incidents/${id}/assessments`, 201, { body: facts, headers: BENCH_AUTH });
  if (res && !w.unaware.some((u) => u.id === id) && !w.assessed.includes(id)) w.assessed.push(id);
}

/** An amendment: the notice facts, or the moment of awareness for one still being investigated. */
async function patch(w) {
  if (w.unaware.length > 0 && random() < 0.3) {
    // Aware an hour after detection: still within the 72 hours.
    const { id, detectedAt } = w.unaware.shift();
    const awareAt = new Date(Date.parse(detectedAt) + 3600_000).toISOString();
    await call(w.base, 'patch', 'PATCH', `/api/incidents/${id}`, 200, { body: { awareAt }, headers: BENCH_AUTH });
    return;
  }
  const body = { recordsApprox: 100 + Math.floor(random() * 5000), measuresTaken: `Recipient confirmed deletion at ${new Date().toISOString()}.` };
  await call(w.base, 'patch', 'PATCH', `/api/incidents/${pick(w.incidents)}`, 200, { body, headers: BENCH_AUTH });
}

async function document(w) {
  const doc = json(await call(w.base, 'document', 'POST', `/api/incidents/${pick(w.assessed)}/documents`, 201, { body: pick(NOTICES), headers: BENCH_AUTH }));
  if (doc) await call(w.base, 'pdf', 'GET', `/api/documents/${doc.id}/pdf`, 200, { headers: BENCH_AUTH });
}

/**
 * Each worker's renderer opens its pages (2) lazily, the second one the first time two renders
 * overlap in that worker: a new Chromium renderer process, about 120 MiB more RSS (25 MiB PSS)
 * at a random moment of the soak. A few rounds of 4 concurrent notices in the warm-up open them
 * all (4 sockets, spread over both workers), as the pdf benchmark's warm-up does.
 */
async function fillPagePools(w) {
  for (let round = 0; round < 3; round += 1) await Promise.all(Array.from({ length: 4 }, () => document(w)));
}

const OPERATIONS = {
  get: (w) => call(w.base, 'get', 'GET', `/api/incidents/${pick(w.incidents)}`, 200, { headers: BENCH_AUTH }),
  evaluate: (w) => call(w.base, 'evaluate', 'POST', '/api/assessments/evaluate', 200, { body: pick(EVALUATED), headers: BENCH_AUTH }),
  list: (w) => call(w.base, 'list', 'GET', `/api/incidents?limit=20&offset=${20 * Math.floor(random() * 3)}`, 200, { headers: BENCH_AUTH }),
  filtered: (w) =>
    call(w.base, 'filtered', 'GET', random() < 0.5 ? `/api/incidents?organisationId=${pick(w.organisations)}&status=investigating&limit=20` : '/api/incidents?q=export&limit=20', 200, { headers: BENCH_AUTH }),
  patch,
  board: (w) => call(w.base, 'board', 'GET', '/', 200, { headers: { cookie: w.cookie } }),
  create: (w) => createIncident(w),
  assess: (w) => assess(w),
  register: (w) => call(w.base, 'register', 'GET', `/api/register?organisationId=${pick(w.organisations)}`, 200, { headers: BENCH_AUTH }),
  document,
};

/** One client's shuffled cycle of the mix. */
function cycle() {
  const ops = Object.entries(MIX).flatMap(([name, n]) => Array(n).fill(name));
  for (let i = ops.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [ops[i], ops[j]] = [ops[j], ops[i]];
  }
  return ops;
}

/** A client at a fixed pace (RATE / CLIENTS operations a second) until `schedule.until`; a late start is not caught up. */
async function client(w, schedule, offsetMs) {
  const interval = (1000 * CLIENTS) / RATE;
  const ops = cycle();
  let next = performance.now() + offsetMs;
  for (let i = 0; ; i += 1) {
    const wait = next - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (performance.now() >= schedule.until) return;
    await OPERATIONS[ops[i % ops.length]](w);
    next = Math.max(next + interval, performance.now());
  }
}

// ---- Setup ----

async function setup(base, webhook) {
  const api = async (method, url, body) => {
    const res = await send(base, method, url, { body, headers: BENCH_AUTH });
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${res.body.toString('utf8')}`);
    return JSON.parse(res.body.toString('utf8'));
  };
  const organisations = [];
  for (let i = 0; i < ORGANISATIONS; i += 1) {
    const org = await api('POST', '/api/organisations', {
      legalName: `Soak ${i + 1} Oy`, country: 'FI', timeZone: 'Europe/Helsinki', roles: ['controller'],
      contact: { kind: 'contact_point', email: `tietosuoja${i + 1}@bench.test`, address: 'Saaristonkatu 22, 90100 Oulu' }, establishment: { mainEstablishmentCountry: 'FI' },
    });
    await api('POST', `/api/organisations/${org.id}/channels`, { type: 'webhook', name: 'Soak receiver', url: webhook, secret: 'bench-soak-webhook-secret' });
    organisations.push(org.id);
  }
  // A viewer of every organisation, signed in with a session cookie for the board.
  await api('POST', '/api/users', { email: 'soak@bench.test', displayName: 'Soak reader', role: 'viewer', organisationIds: organisations, password: PASSWORD });
  const w = world(base, organisations, await signInThroughForm(base, 'soak@bench.test', PASSWORD));
  // Aware, assessed incidents, so every operation has something to work on from the start.
  for (let i = 0; i < ORGANISATIONS * SEEDED_PER_ORGANISATION; i += 1) {
    const incident = await createIncident(w, true);
    if (!incident) throw new Error(`seeding: ${stats.create.lastError}`);
    await assess(w, incident.id);
  }
  return w;
}

/** A local webhook receiver for the escalation rungs the clock fires. */
async function webhookReceiver() {
  const receiver = { received: 0, server: null, url: null };
  receiver.server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      receiver.received += 1;
      res.end('ok');
    });
  });
  await new Promise((r) => receiver.server.listen(0, '127.0.0.1', r));
  receiver.url = `http://127.0.0.1:${receiver.server.address().port}/soak-hook`;
  return receiver;
}

// ---- Figures ----

/** Mean and max over one window's samples. */
function windowFigures(inside) {
  const mean = (key) => round(inside.reduce((sum, s) => sum + s[key], 0) / Math.max(1, inside.length));
  return {
    fromSecond: inside[0]?.t,
    toSecond: inside.at(-1)?.t,
    samples: inside.length,
    meanMiB: mean('rssMiB'),
    maxMiB: Math.max(...inside.map((s) => s.rssMiB)),
    pssMeanMiB: mean('pssMiB'),
    meanByKindMiB: { primary: mean('primary'), workers: mean('workers'), chromium: mean('chromium'), other: mean('other') },
  };
}

function requestFigures() {
  const byKind = Object.fromEntries(
    Object.entries(stats).map(([kind, s]) => [kind, { requests: s.requests, errors: s.errors, serverErrors: s.serverErrors, statuses: s.statuses, latencyMs: summarise(s.latencies).latencyMs, lastError: s.lastError }]),
  );
  const sum = (key) => Object.values(stats).reduce((n, s) => n + s[key], 0);
  return { total: sum('requests'), errors: sum('errors'), serverErrors: sum('serverErrors'), byKind };
}

// ---- Run ----

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'breach-clock-bench-soak-'));
fs.chmodSync(dataDir, 0o755);
const db = await startEmbeddedPostgres({ dataDir, database: 'breach_clock_bench' });
const receiver = await webhookReceiver();
const service = await spawnService({ DATABASE_URL: db.url, HTTP_WORKERS: '2', SCHEDULER_ENABLED: 'true' });
const samples = [];
const seen = { workers: new Set(), launched: new Set() };
let sampler;
try {
  if (!(await fetch(`${service.base}/api/health`).catch(() => null))?.ok) throw new Error('the service did not start (its output is above)');
  const setupStarted = performance.now();
  const w = await setup(service.base, receiver.url);
  const setupSeconds = round((performance.now() - setupStarted) / 1000);
  for (const kind of Object.keys(stats)) delete stats[kind]; // the figures count the soak (warm-up included), not the seeding

  // Sample every second from the start of the warm-up; t in seconds since then.
  const t0 = performance.now();
  const sample = () => {
    const { pids, launched, ...memory } = treeMemory(service.pid);
    for (const pid of pids.workers) seen.workers.add(pid);
    for (const pid of launched) seen.launched.add(pid);
    const requests = Object.values(stats).reduce((n, s) => n + s.requests, 0);
    samples.push({ t: round((performance.now() - t0) / 1000), ...memory, requests });
    return memory;
  };
  sample();
  sampler = setInterval(sample, 1000);
  await fillPagePools(w);
  const schedule = { until: Infinity };
  const clients = Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(w, schedule, (i * 1000) / RATE)));

  // Warm-up: WARM_UP_MS, and at least 5 s after both workers have launched their Chromium (a new
  // browser keeps growing for a few seconds: not to be counted as the soak's growth); 40 s at most.
  let bothSince = null;
  for (;;) {
    const elapsed = performance.now() - t0;
    if (bothSince === null && treeMemory(service.pid).browsers >= 2) bothSince = elapsed;
    if ((elapsed >= WARM_UP_MS && bothSince !== null && elapsed - bothSince >= 5000) || elapsed >= WARM_UP_MS + 30_000) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const warm = round((performance.now() - t0) / 1000);
  schedule.until = performance.now() + SOAK_MS;
  await clients;
  clearInterval(sampler);
  sample();

  const half = SOAK_MS / 2000;
  for (const s of samples) s.phase = s.t < warm ? 'warm-up' : s.t < warm + half ? 'first' : 'last';
  const first = windowFigures(samples.filter((s) => s.phase === 'first'));
  const last = windowFigures(samples.filter((s) => s.phase === 'last'));
  const requests = requestFigures();
  const ratio = round(last.meanMiB / first.meanMiB);
  const result = {
    benchmark: 'soak',
    machine: machine(),
    note: `HTTP_WORKERS=2, scheduler on (1 s tick), embedded PostgreSQL (not in the measured tree), load generator on the same machine`,
    workload: {
      clients: CLIENTS,
      operationsPerSecond: RATE,
      warmUpSeconds: warm,
      warmUpRule: `${WARM_UP_MS / 1000} s, and at least 5 s after both workers have launched their Chromium (${WARM_UP_MS / 1000 + 30} s at most); excluded from both windows`,
      soakSeconds: SOAK_MS / 1000,
      mixPer40Operations: MIX,
      setup: { organisations: ORGANISATIONS, webhookChannels: ORGANISATIONS, seededIncidents: ORGANISATIONS * SEEDED_PER_ORGANISATION, seconds: setupSeconds },
      incidentsAtEnd: w.incidents.length,
      webhookDeliveriesReceived: receiver.received,
    },
    memory: {
      what: 'VmRSS summed over the service process tree (primary, its 2 workers, their Chromium), sampled every second; the warm-up is excluded from both windows. PSS beside it: RSS counts shared pages once per process.',
      first,
      last,
      ratio,
      pssRatio: round(last.pssMeanMiB / first.pssMeanMiB),
      // More than 2 workers: one died and was replaced; more than 2 launches: a Chromium was relaunched.
      processes: {
        workersSeen: seen.workers.size,
        chromiumLaunchesSeen: seen.launched.size,
        browsersAtWarmUpEnd: samples.find((s) => s.phase !== 'warm-up')?.browsers ?? null,
        inTreeAtWarmUpEnd: samples.find((s) => s.phase !== 'warm-up')?.processes ?? null,
        inTreeAtEnd: samples.at(-1).processes,
      },
    },
    requests: { counted: 'from the start of the warm-up', duringSoak: samples.at(-1).requests - (samples.find((s) => s.phase !== 'warm-up')?.requests ?? 0), ...requests },
    target: `last-minute mean RSS <= ${TARGET_RATIO}x the first minute's, no 5xx or other error`,
    pass: ratio <= TARGET_RATIO && requests.errors === 0 && requests.serverErrors === 0,
    timeline: samples,
  };
  writeResult('soak', result);
  console.log(
    `written bench/results/soak.json (${result.pass ? 'PASS' : 'FAIL'}): RSS first ${half} s mean ${first.meanMiB} MiB (max ${first.maxMiB}), last ${half} s mean ${last.meanMiB} MiB (max ${last.maxMiB}), ` +
      `x${ratio} (PSS x${result.memory.pssRatio}); ${requests.total} requests, ${requests.errors} errors, ${requests.serverErrors} 5xx; ${receiver.received} webhook deliveries`,
  );
  for (const [kind, s] of Object.entries(requests.byKind)) if (s.lastError) console.log(`  ${kind}: ${s.errors} errors, last: ${s.lastError}`);
} finally {
  clearInterval(sampler);
  agent.destroy();
  if (alive(service.pid)) await service.stop(); // stop() waits for an exit that has already happened otherwise
  await new Promise((r) => receiver.server.close(r));
  await db.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
