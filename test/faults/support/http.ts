import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sleep } from './service.js';

/** One request and what came back: `status` null when the connection broke with no answer. */
export interface Exchange {
  readonly op: string;
  readonly requestId: string;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly status: number | null;
  readonly contentType: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of many shapes
  readonly body: any;
  /** Why there was no answer (connection refused, reset, our own timeout). */
  readonly error: string | null;
  /** Whatever the caller wants to keep with it (the id of the incident patched...). */
  readonly tag?: string;
}

export const duration = (e: Exchange) => e.endedAt - e.startedAt;

export interface CallOptions {
  readonly body?: unknown;
  /** Our own bound: a request still unanswered after it counts as a hang (status null). */
  readonly timeoutMs?: number;
  readonly tag?: string;
}

/** A JSON API call as the given bearer, with a request id of ours (the service keeps it). */
export async function call(base: string, token: string, method: string, path: string, op: string, options: CallOptions = {}): Promise<Exchange> {
  const requestId = `fault-${randomUUID()}`;
  const startedAt = Date.now();
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'x-request-id': requestId };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  try {
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON: kept as text, and the assertions will say so */
    }
    return { op, requestId, startedAt, endedAt: Date.now(), status: response.status, contentType: response.headers.get('content-type'), body, error: null, tag: options.tag };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = `${(error as Error).name}: ${(error as Error).message}${cause ? ` (${cause.code ?? ''} ${cause.message ?? ''})` : ''}`;
    return { op, requestId, startedAt, endedAt: Date.now(), status: null, contentType: null, body: null, error: reason, tag: options.tag };
  }
}

/** Throws with the whole exchange unless the status is the expected one. */
export function expectStatus(exchange: Exchange, status: number): Exchange {
  if (exchange.status !== status) {
    throw new Error(`${exchange.op} answered ${exchange.status ?? 'nothing'} instead of ${status}: ${exchange.error ?? JSON.stringify(exchange.body)}`);
  }
  return exchange;
}

/**
 * `clients` loops running `step` until stop() is called; every exchange is kept. A bounded,
 * closed-loop load: each client waits for its answer (and `pauseMs`) before the next request.
 */
export function runLoad(clients: number, step: (client: number, iteration: number) => Promise<Exchange[]>, pauseMs = 10) {
  const exchanges: Exchange[] = [];
  let running = true;
  const loops = Array.from({ length: clients }, async (_, client) => {
    for (let i = 0; running; i += 1) {
      exchanges.push(...(await step(client, i)));
      await sleep(pauseMs);
    }
  });
  return {
    exchanges,
    async stop(): Promise<Exchange[]> {
      running = false;
      await Promise.all(loops);
      return exchanges;
    },
  };
}

export interface ReceivedAlert {
  readonly channel: string;
  readonly deliveryId: string;
  readonly escalationId: string;
  readonly at: number;
}

/**
 * A webhook receiver on loopback that holds every answer for `holdMs`, so a service killed
 * meanwhile has sent an alert without learning that it arrived: the case that repeats it.
 * An alert counts as received once its whole body is in.
 */
export async function startSlowReceiver(channel: string, holdMs: number): Promise<{ url: string; received: ReceivedAlert[]; held(): number; close(): Promise<void> }> {
  const received: ReceivedAlert[] = [];
  let held = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const escalationId = (() => {
        try {
          return String(JSON.parse(body).escalationId);
        } catch {
          return '(unreadable body)';
        }
      })();
      received.push({ channel, deliveryId: String(req.headers['x-breach-delivery']), escalationId, at: Date.now() });
      held += 1;
      setTimeout(() => {
        held -= 1;
        res.end('ok');
      }, holdMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    held: () => held,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
