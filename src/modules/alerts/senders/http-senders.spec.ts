/**
 * Webhook and Slack senders against a real node:http server on 127.0.0.1. One receiver
 * serves both: the route picks the answer (/status/:code, /hang, /redirect, /echo-secret).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AlertMessage, ChannelConfig, ChannelSender } from '../domain/alert.types.js';
import { slackPayload, webhookBody } from '../domain/alert-format.js';
import { SlackSender } from './slack.sender.js';
import { WebhookSender } from './webhook.sender.js';

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

const SECRET = 'whsec_7f3a9c1e5b2d4f6a8c0e';
const SLACK_TOKEN_PATH = '/services/T0000/B0000/XXXXXXXXXXXXXXXXXXXXXXXX';

function message(): AlertMessage {
  return {
    deliveryId: 'delivery-42',
    escalationId: 'esc-7',
    // Non-ASCII on purpose: a signature over re-encoded or re-serialised text would not verify.
    incident: { id: 'inc-1', reference: 'BR-2026-0001', title: 'Tietovuoto – asiakasrekisteri äö 🚨' },
    organisation: { id: 'org-1', legalName: 'Pohjola Data Oy', timeZone: 'Europe/Helsinki' },
    obligation: {
      id: 'obl-1',
      kind: 'gdpr_art33_1',
      label: 'GDPR Art. 33(1): notify the supervisory authority',
      recipient: 'Tietosuojavaltuutetun toimisto',
      dueAt: '2026-03-30T08:00:00.000Z',
    },
    rung: { offsetMinutes: 1440, label: '24 h before', late: false },
    timeLeftMs: 24 * 3_600_000,
    firedAt: '2026-03-29T08:00:00.000Z',
  };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function close(server: Server): Promise<void> {
  // Keep-alive sockets from fetch would otherwise keep close() waiting.
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

let received: Received[] = [];
let elsewhereHits = 0;
let base = '';
let elsewhere = '';
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
    const path = req.url ?? '';
    const status = /^\/status\/(\d{3})/.exec(path);
    if (status) {
      const code = Number(status[1]);
      const location = code >= 300 && code < 400 ? { location: `${elsewhere}/stolen` } : {};
      res.writeHead(code, { 'content-type': 'text/plain', ...location }).end(code >= 300 ? 'upstream said no' : 'ok');
    } else if (path === '/hang') {
      // Never answers: only the sender's timeout can end this request.
    } else if (path.startsWith('/echo-secret')) {
      res.writeHead(500).end(`signature mismatch, expected secret ${SECRET} at ${path}`);
    } else if (path === '/long-error') {
      // The secret straddles the sender's 4 KiB read limit, after padding that collapses to
      // one space in the shown snippet: not even a prefix of it may leak.
      res.writeHead(500).end(`${'\n'.repeat(4096 - 10)}${SECRET}${'y'.repeat(5000)}`);
    } else {
      res.writeHead(404).end();
    }
  });
});
const other = createServer((_req, res) => {
  elsewhereHits += 1;
  res.writeHead(200).end('should never be reached');
});

beforeAll(async () => {
  base = `http://127.0.0.1:${await listen(receiver)}`;
  elsewhere = `http://127.0.0.1:${await listen(other)}`;
});
afterAll(async () => {
  await Promise.all([close(receiver), close(other)]);
});
beforeEach(() => {
  received = [];
  elsewhereHits = 0;
});

const webhook = new WebhookSender({ timeoutMs: 2000 });
const slack = new SlackSender({ timeoutMs: 2000 });
const webhookAt = (path: string): ChannelConfig => ({ type: 'webhook', url: `${base}${path}`, secret: SECRET });
const slackAt = (path: string): ChannelConfig => ({ type: 'slack', url: `${base}${path}` });
const senders: Array<[string, ChannelSender, (path: string) => ChannelConfig]> = [
  ['webhook', webhook, webhookAt],
  ['slack', slack, slackAt],
];

describe('WebhookSender', () => {
  it('POSTs the JSON body with a signature that verifies over the raw bytes', async () => {
    const outcome = await webhook.send(message(), webhookAt('/status/200'));
    expect(outcome).toEqual({ ok: true, detail: expect.stringContaining('HTTP 200') });
    expect(received).toHaveLength(1);
    const [req] = received;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/status/200');
    expect(req.body.equals(Buffer.from(webhookBody(message()), 'utf8'))).toBe(true);
    expect(JSON.parse(req.body.toString('utf8'))).toMatchObject({ deliveryId: 'delivery-42', event: 'breach.escalation' });

    const expected = Buffer.from(`sha256=${createHmac('sha256', SECRET).update(req.body).digest('hex')}`);
    const got = Buffer.from(String(req.headers['x-breach-signature']));
    expect(got.length).toBe(expected.length);
    expect(timingSafeEqual(got, expected)).toBe(true);
    expect(req.headers['x-breach-delivery']).toBe('delivery-42');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['user-agent']).toBe('breach-clock');
  });

  it('keeps the secret out of the request line and out of errors, even when echoed back', async () => {
    const outcome = await webhook.send(message(), webhookAt('/echo-secret'));
    expect(outcome).toMatchObject({ ok: false, retryable: true });
    expect(JSON.stringify(outcome)).not.toContain(SECRET);
    expect(JSON.stringify(outcome)).toContain('[redacted]');
    expect(JSON.stringify(received[0].headers)).not.toContain(SECRET);
    expect(received[0].body.toString('utf8')).not.toContain(SECRET);
  });

  it('leaks no part of a secret cut by the read limit', async () => {
    const outcome = await webhook.send(message(), webhookAt('/long-error'));
    expect(outcome).toMatchObject({ ok: false, retryable: true });
    expect(JSON.stringify(outcome)).not.toContain(SECRET.slice(0, 6));
  });

  it.each([
    ['not http(s)', 'ftp://127.0.0.1/x'],
    ['not a URL', 'not a url'],
  ])('refuses an endpoint that is %s without contacting anyone', async (_name, url) => {
    expect(await webhook.send(message(), { type: 'webhook', url, secret: SECRET })).toMatchObject({ ok: false, retryable: false });
    expect(received).toHaveLength(0);
  });

  it('refuses to send unsigned alerts (empty secret)', async () => {
    expect(await webhook.send(message(), { type: 'webhook', url: `${base}/status/200`, secret: '' })).toMatchObject({
      ok: false,
      retryable: false,
    });
    expect(received).toHaveLength(0);
  });
});

describe('SlackSender', () => {
  it('POSTs the incoming-webhook payload with the delivery header', async () => {
    const outcome = await slack.send(message(), slackAt('/status/200'));
    expect(outcome.ok).toBe(true);
    const [req] = received;
    expect(JSON.parse(req.body.toString('utf8'))).toEqual(JSON.parse(JSON.stringify(slackPayload(message()))));
    expect(req.headers['x-breach-delivery']).toBe('delivery-42');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['x-breach-signature']).toBeUndefined();
  });

  it('keeps the token path of the webhook URL out of errors', async () => {
    const outcome = await slack.send(message(), slackAt(`/echo-secret${SLACK_TOKEN_PATH}`));
    expect(outcome.ok).toBe(false);
    expect(JSON.stringify(outcome)).not.toContain('XXXXXXXXXXXXXXXXXXXXXXXX');
  });
});

describe.each(senders)('%s sender: classification', (_name, sender, configAt) => {
  it.each([
    [200, true, undefined],
    [204, true, undefined],
    [500, false, true],
    [503, false, true],
    [429, false, true],
    [408, false, true],
    [425, false, true],
    [404, false, false],
    [400, false, false],
    [410, false, false],
  ])('HTTP %p -> ok %p, retryable %p', async (status, ok, retryable) => {
    const outcome = await sender.send(message(), configAt(`/status/${status}`));
    expect(outcome.ok).toBe(ok);
    if (!outcome.ok) {
      expect(outcome.retryable).toBe(retryable);
      expect(outcome.error).toContain(`HTTP ${status}`);
    }
    expect(received).toHaveLength(1);
  });

  it.each([301, 302, 307, 308])('HTTP %p: never follows the redirect, not retryable', async (status) => {
    const outcome = await sender.send(message(), configAt(`/status/${status}`));
    expect(outcome).toMatchObject({ ok: false, retryable: false, error: expect.stringMatching(/redirect .*refused/) });
    expect(elsewhereHits).toBe(0);
  });

  it('times out a receiver that never answers: retryable', async () => {
    const quick = sender.type === 'webhook' ? new WebhookSender({ timeoutMs: 200 }) : new SlackSender({ timeoutMs: 200 });
    const started = Date.now();
    const outcome = await quick.send(message(), configAt('/hang'));
    expect(outcome).toMatchObject({ ok: false, retryable: true, error: expect.stringContaining('within 200 ms') });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('treats a refused connection as retryable', async () => {
    const gone = createServer();
    const port = await listen(gone);
    await close(gone);
    const url = `http://127.0.0.1:${port}/x`;
    const config: ChannelConfig = sender.type === 'webhook' ? { type: 'webhook', url, secret: SECRET } : { type: 'slack', url };
    const outcome = await sender.send(message(), config);
    expect(outcome).toMatchObject({ ok: false, retryable: true, error: expect.stringContaining('ECONNREFUSED') });
  });

  it('refuses a channel config of another type', async () => {
    const outcome = await sender.send(message(), { type: 'email', to: ['a@example.test'] });
    expect(outcome).toMatchObject({ ok: false, retryable: false });
    expect(received).toHaveLength(0);
  });
});
