// Load over loopback with wrk (C, from Debian's packages) when it is installed: it costs the
// machine far less CPU than a Node client, so more of the 2 cores go to the server measured.
// Falls back to the Node closed-loop generator in load.mjs.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runLoad as runNodeLoad } from './load.mjs';

export function hasWrk() {
  return spawnSync('wrk', ['--version']).error === undefined;
}

const REPORT = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests":%d,"errors":%d,"non2xx":%d,"p50":%.3f,"p95":%.3f,"p99":%.3f,"max":%.3f,"durationUs":%d}\\n',
    summary.requests, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000, summary.duration))
end`;

/** Same result shape as load.mjs runLoad. */
/** `bodies`: several request bodies sent in turn (wrk only; the Node fallback sends the first). */
export async function runLoad({ url, method = 'GET', body, bodies, connections = 50, durationMs = 10_000, headers = {} }) {
  if (!hasWrk()) return { ...(await runNodeLoad({ url, method, body: body ?? bodies?.[0], connections, durationMs, headers })), generator: 'node' };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wrk-'));
  const script = path.join(dir, 'script.lua');
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const lines = [`wrk.method = ${JSON.stringify(method)}`];
  if (payload !== undefined) {
    lines.push(`wrk.body = ${luaString(payload)}`, 'wrk.headers["Content-Type"] = "application/json"');
  }
  for (const [k, v] of Object.entries(headers)) lines.push(`wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`);
  if (bodies?.length) {
    lines.push('wrk.headers["Content-Type"] = "application/json"', `local bodies = { ${bodies.map((b) => luaString(typeof b === 'string' ? b : JSON.stringify(b))).join(', ')} }`);
    lines.push('local next = 0', 'request = function() next = next % #bodies + 1; return wrk.format(nil, nil, nil, bodies[next]) end');
  }
  fs.writeFileSync(script, `${lines.join('\n')}\n${REPORT}\n`);
  try {
    const out = execFileSync('wrk', ['-t1', `-c${connections}`, `-d${Math.round(durationMs / 1000)}s`, '--timeout', '10s', '-s', script, url], { encoding: 'utf8' });
    const r = JSON.parse(out.split('\n').find((l) => l.startsWith('{')));
    const seconds = r.durationUs / 1e6;
    return {
      generator: 'wrk',
      requests: r.requests,
      throughputPerSec: Math.round(r.requests / seconds),
      latencyMs: { p50: r.p50, p95: r.p95, p99: r.p99, max: r.max },
      errors: r.errors,
      non2xx: r.non2xx,
      connections,
      elapsedMs: Math.round(seconds * 1000),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function luaString(text) {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}
