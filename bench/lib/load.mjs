// A small closed-loop load generator over loopback: `connections` clients, each sending its
// next request when the previous answer arrives, bounded in time and count. Every latency is
// recorded, so percentiles are exact (autocannon reports no p95).
import http from 'node:http';

export async function runLoad({ url, method = 'GET', body, headers = {}, connections = 50, durationMs = 10_000, maxRequests = 200_000 }) {
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const payload = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  const latencies = [];
  const statuses = {};
  let errors = 0;
  let sent = 0;
  const deadline = performance.now() + durationMs;

  const once = () =>
    new Promise((resolve) => {
      const started = performance.now();
      const req = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname + target.search,
          method,
          headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}), ...headers },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - started);
            statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors += 1;
        resolve();
      });
      if (payload) req.write(payload);
      req.end();
    });

  const client = async () => {
    while (performance.now() < deadline && sent < maxRequests) {
      sent += 1;
      await once();
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, client));
  const elapsed = performance.now() - started;
  agent.destroy();
  return summarise(latencies, { elapsedMs: elapsed, errors, statuses, connections });
}

export function summarise(latencies, extra = {}) {
  const sorted = Float64Array.from(latencies).sort();
  const pct = (p) => (sorted.length ? round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]) : null);
  return {
    requests: sorted.length,
    throughputPerSec: extra.elapsedMs ? Math.round((sorted.length / extra.elapsedMs) * 1000) : undefined,
    latencyMs: { p50: pct(50), p95: pct(95), p99: pct(99), max: pct(100) },
    ...extra,
    elapsedMs: extra.elapsedMs ? Math.round(extra.elapsedMs) : undefined,
  };
}

export const round = (n) => Math.round(n * 100) / 100;
