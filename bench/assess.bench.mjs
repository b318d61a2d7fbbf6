// npm run bench:assess: the assessment engine in-process (target >= 20,000 evaluations/s on
// one core) and POST /api/assessments/evaluate over loopback (target p95 < 10 ms at 50
// concurrent clients), each beside a reference measured in the same run.
import { assess, findContradictions } from '../dist/src/modules/assessment/domain/index.js';
import { machine, writeResult } from './lib/env.mjs';
import { round } from './lib/load.mjs';
import { runLoad } from './lib/wrk.mjs';
import { BENCH_AUTH, startBareServer, startService } from './lib/service.mjs';

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 10_000);

function corpus(n) {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const facts = [];
  while (facts.length < n) {
    const breachTypes = ['confidentiality', 'integrity', 'availability'].filter(() => rnd() < 0.6);
    if (breachTypes.length === 0) continue;
    const f = {
      role: pick(['controller', 'processor']),
      breachTypes,
      dataCategories: [...new Set([pick(['basic', 'behavioural', 'financial', 'special', 'criminal', 'government_id', 'credentials', 'communications']), 'basic'])],
      subjectsCount: Math.floor(rnd() ** 3 * 200_000),
      vulnerableSubjects: rnd() < 0.2,
      identifiability: pick(['negligible', 'limited', 'significant', 'maximum']),
      exposure: breachTypes.includes('confidentiality') ? pick(['none', 'possible', 'trusted_recipient', 'known_recipients', 'unknown_recipients', 'public']) : pick(['none', 'possible']),
      integrityLoss: breachTypes.includes('integrity') ? pick(['none', 'recoverable', 'irrecoverable']) : 'none',
      availabilityLoss: breachTypes.includes('availability') ? pick(['none', 'temporary', 'permanent']) : 'none',
      backupAvailable: rnd() < 0.5,
      malicious: rnd() < 0.5,
      exfiltration: pick(['confirmed', 'suspected', 'ruled_out']),
      protection: pick(['none', 'weak', 'state_of_the_art']),
      recipientDeletionConfirmed: rnd() < 0.3,
      highRiskMitigated: rnd() < 0.2,
      disproportionateEffort: rnd() < 0.1,
    };
    if (findContradictions(f).length === 0) facts.push(f);
  }
  return facts;
}

function perSecond(fn, facts, ms) {
  for (let i = 0; i < 20_000; i += 1) fn(facts[i % facts.length]); // warm-up
  let count = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    for (let i = 0; i < 1000; i += 1) fn(facts[(count + i) % facts.length]);
    count += 1000;
  }
  return Math.round(count / (ms / 1000));
}

const facts = corpus(2000);
const inProcess = {
  evaluationsPerSec: perSecond((f) => assess(f), facts, 3000),
  reference: { what: 'JSON.stringify of the same facts (the serialisation the HTTP path pays anyway)', perSec: perSecond((f) => JSON.stringify(f), facts, 3000) },
  target: '>= 20000 evaluations/s on one core',
};
inProcess.pass = inProcess.evaluationsPerSec >= 20_000;
console.log('in-process', inProcess);

const bare = await startBareServer();
const reference = await runLoad({ url: `${bare.base}/`, method: 'POST', body: facts[0], connections: 50, durationMs: DURATION_MS });
await bare.stop();

const body = facts.find((f) => f.role === 'controller');
async function measure(workers) {
  const service = await startService({ HTTP_WORKERS: String(workers) });
  try {
    await runLoad({ url: `${service.base}/api/assessments/evaluate`, method: 'POST', body, headers: BENCH_AUTH, connections: 50, durationMs: 2000 }); // warm-up
    return await runLoad({ url: `${service.base}/api/assessments/evaluate`, method: 'POST', body, headers: BENCH_AUTH, connections: 50, durationMs: DURATION_MS });
  } finally {
    await service.stop();
  }
}
const oneWorker = await measure(1);
const evaluate = await measure(2);

const http = {
  evaluate: { httpWorkers: 2, ...evaluate },
  singleWorker: { httpWorkers: 1, ...oneWorker },
  reference: { what: 'bare Node http server (no framework) answering the same POST with a small JSON body, same generator', ...reference },
  target: 'p95 < 10 ms at 50 concurrent clients (measured with HTTP_WORKERS=2, the machine has 2 cores)',
  pass: evaluate.latencyMs.p95 < 10 && evaluate.errors === 0 && (evaluate.non2xx ?? 0) === 0 && Object.keys(evaluate.statuses ?? { 200: 1 }).every((s) => s === '200'),
};
console.log('http', JSON.stringify(http, null, 2));

const result = { benchmark: 'assess', machine: machine(), inProcess, http, ratioToReference: round(evaluate.latencyMs.p95 / reference.latencyMs.p95) };
writeResult('assess', result);
console.log(`written bench/results/assess.json (in-process ${inProcess.pass ? 'PASS' : 'FAIL'}, http ${http.pass ? 'PASS' : 'FAIL'})`);
