// npm run bench: every benchmark in turn (one build first), then bench/results/latest.json and
// the summary table in docs/performance.md, each figure beside its reference from the same
// run. `node bench/all.mjs --summary-only` rebuilds the summary from the results on disk.
// BENCH_ONLY=assess,web runs a subset.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { machine } from './lib/env.mjs';

const ALL = ['assess', 'clock', 'pdf', 'api', 'web', 'soak'];
const only = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',') : ALL;
const RESULTS = path.resolve('bench/results');
const DOC = path.resolve('docs/performance.md');
const START = '<!-- bench:summary:start -->';
const END = '<!-- bench:summary:end -->';

const ran = {};
if (!process.argv.includes('--summary-only')) {
  for (const name of only) {
    const started = Date.now();
    console.log(`\n=== bench:${name}`);
    const run = spawnSync(process.execPath, [`bench/${name}.bench.mjs`], { stdio: 'inherit' });
    ran[name] = { exitCode: run.status, seconds: Math.round((Date.now() - started) / 1000) };
  }
}

const read = (name) => {
  try {
    return JSON.parse(fs.readFileSync(path.join(RESULTS, `${name}.json`), 'utf8'));
  } catch {
    return null;
  }
};
const ms = (n) => (n === undefined || n === null ? 'n/a' : `${n} ms`);
const verdict = (pass) => (pass === true ? 'met' : pass === false ? '**missed**' : 'n/a');

/** One row per target: what, figure, reference measured in the same run, target, verdict. */
function rows(name, r) {
  if (!r) return [[name, 'no result', '', '', 'n/a']];
  switch (name) {
    case 'assess':
      return [
        ['assess: in-process', `${r.inProcess.evaluationsPerSec}/s`, `JSON.stringify of the facts: ${r.inProcess.reference.perSec}/s`, r.inProcess.target, verdict(r.inProcess.pass)],
        [
          'assess: POST /api/assessments/evaluate, 50 clients',
          `p95 ${ms(r.http.evaluate.latencyMs.p95)}, ${r.http.evaluate.throughputPerSec}/s`,
          `bare Node server: p95 ${ms(r.http.reference.latencyMs.p95)}, ${r.http.reference.throughputPerSec}/s`,
          r.http.target,
          verdict(r.http.pass),
        ],
      ];
    case 'clock':
      return [
        ['clock: idle tick, 100,000 open obligations', `p50 ${ms(r.idleTick.large.tick.p50)}`, `1,000 open: p50 ${ms(r.idleTick.small.tick.p50)}; SELECT 1: p50 ${ms(r.idleTick.large.referenceSelect1.p50)}`, r.idleTick.target, verdict(r.idleTick.pass)],
        ['clock: firing lateness', `p99 ${ms(r.firingLateness.latenessMs.p99)}`, `tick ${r.firingLateness.tickMs} ms`, r.firingLateness.target, verdict(r.firingLateness.pass)],
        ['clock: burst', `${r.burst.fired} fired, ${r.burst.duplicates} duplicates, ${r.burst.secondsFromDueToLastDelivery} s`, '', r.burst.target, verdict(r.burst.pass)],
      ];
    case 'pdf': {
      const f = r.figures;
      return [
        ['pdf: notice through the API (warm)', `p50 ${ms(f.apiWarm.p50)}`, `bare Chromium setContent + pdf: p50 ${ms(f.bareSetContentPdf.p50)} (x${f.ratioToBareP50})`, `${f.apiWarm.target}; ${f.ratioTarget}`, verdict(f.apiWarm.pass && f.ratioPass)],
        ['pdf: throughput', `${f.throughput.perSecond} PDFs/s`, '', f.throughput.target, verdict(f.throughput.pass)],
        ['pdf: memory after 1,000 notices', `x${f.memory.ratio}`, `service + Chromium: ${f.memory.rssMiBAfter100} -> ${f.memory.rssMiBAfter1000} MiB`, f.memory.target, verdict(f.memory.pass)],
      ];
    }
    case 'api':
      return [
        ['api: POST /api/incidents, 100,000 stored, 50 clients', `p95 ${ms(r.create.latencyMs.p95)}, ${r.create.throughputPerSec}/s`, `raw pg INSERT: ${r.reference.insertsPerSec}/s`, `p95 < ${r.targets.createP95Ms} ms`, verdict(r.create.latencyMs.p95 < r.targets.createP95Ms)],
        ['api: rows = successful answers', `${r.exactness.rowsAdded} rows, ${r.exactness.answered201} answers 201`, '', 'equal', verdict(r.exactness.rowsAdded === r.exactness.answered201)],
        ['api: filtered list, 50 clients', `p95 ${ms(r.list.latencyMs.p95)}, ${r.list.throughputPerSec}/s`, '', `p95 < ${r.targets.listP95Ms} ms`, verdict(r.list.latencyMs.p95 < r.targets.listP95Ms)],
      ];
    case 'web': {
      const b = r.sequential.board;
      return [
        ['web: board, 1,000+ open duties', `p95 ${ms(b.latencyMs.p95)}, ${b.htmlBytes} bytes`, `10 duties: p95 ${ms(r.sequential.reference10.latencyMs.p95)}`, `p95 < ${r.targets.p95Ms} ms, < ${r.targets.htmlBytes} bytes`, verdict(r.pass)],
      ];
    }
    case 'soak': {
      const m = r.memory;
      return [
        [
          `soak: RSS of service + workers + Chromium, ${r.workload.soakSeconds} s of mixed load`,
          `last minute mean ${m.last.meanMiB} MiB (x${m.ratio}); ${r.requests.total} requests, ${r.requests.errors} errors`,
          `first minute mean ${m.first.meanMiB} MiB (max ${m.first.maxMiB}); PSS x${m.pssRatio}`,
          r.target,
          verdict(r.pass),
        ],
      ];
    }
    default:
      return [];
  }
}

const results = Object.fromEntries(ALL.map((name) => [name, read(name)]));
const table = [
  '| benchmark | figure | reference (same run) | target | |',
  '|---|---|---|---|---|',
  ...ALL.flatMap((name) => rows(name, results[name])).map((cells) => `| ${cells.join(' | ')} |`),
].join('\n');
const measuredAt = Object.fromEntries(ALL.map((name) => [name, results[name]?.machine?.date ?? null]));
// Per-second timelines stay in their own files (bench/results/<name>.json); the summary keeps the figures.
const withoutTimelines = Object.fromEntries(Object.entries(results).map(([name, r]) => [name, r && r.timeline ? { ...r, timeline: `see bench/results/${name}.json` } : r]));
const latest = { machine: machine(), ran, measuredAt, results: withoutTimelines };
fs.writeFileSync(path.join(RESULTS, 'latest.json'), `${JSON.stringify(latest, null, 2)}\n`);

const section = `${START}\n## Summary (\`npm run bench\`, \`bench/results/latest.json\`)\n\nWhen each line was measured: ${ALL.map((n) => `${n} ${measuredAt[n] ?? 'never'}`).join('; ')}.\n\n${table}\n${END}`;
let doc = fs.readFileSync(DOC, 'utf8');
doc = doc.includes(START) ? doc.replace(new RegExp(`${START}[\\s\\S]*${END}`), section) : doc.replace(/\n## /, `\n${section}\n\n## `);
fs.writeFileSync(DOC, doc);
console.log(`\nwritten bench/results/latest.json and the summary in docs/performance.md\n${table}`);
const failed = Object.entries(ran).filter(([, r]) => r.exitCode !== 0);
if (failed.length > 0) {
  console.error(`benchmarks that did not finish: ${failed.map(([n]) => n).join(', ')}`);
  process.exitCode = 1;
}
