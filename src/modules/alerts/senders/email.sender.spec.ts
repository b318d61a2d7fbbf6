/**
 * EmailSender against real SMTP servers (smtp-server) on 127.0.0.1: one that accepts and
 * records, and ones that refuse at a chosen stage with a chosen reply code.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerError, type SMTPServerOptions } from 'smtp-server';
import type { AlertMessage } from '../domain/alert.types.js';
import { EmailSender } from './email.sender.js';

interface Received {
  readonly from: string;
  readonly to: readonly string[];
  readonly raw: string;
}

const HOSTILE_TITLE = '<script>alert(1)</script> & "friends"';

function message(): AlertMessage {
  return {
    deliveryId: 'delivery-99',
    escalationId: 'esc-9',
    incident: { id: 'inc-9', reference: 'BR-2026-0001', title: HOSTILE_TITLE },
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

function smtpError(code: number, text: string): SMTPServerError {
  return Object.assign(new Error(text), { responseCode: code });
}

/** Loopback test server: no TLS, no auth required, silent. */
async function startSmtp(options: Partial<SMTPServerOptions>): Promise<{ server: SMTPServer; url: string }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 200,
    ...options,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}` };
}

function stopSmtp(server: SMTPServer): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Just enough MIME for our own messages: headers, and the text/html part decoded. */
function headerOf(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

function partOf(raw: string, type: string): string {
  const parts = raw.split(/\r?\n--[^\r\n]+/);
  const part = parts.find((p) => new RegExp(`^content-type: ${type}`, 'im').test(p));
  if (!part) throw new Error(`no ${type} part`);
  const [head, ...body] = part.split(/\r?\n\r?\n/);
  const content = body.join('\n\n');
  if (/content-transfer-encoding: base64/i.test(head)) return Buffer.from(content, 'base64').toString('utf8');
  if (/content-transfer-encoding: quoted-printable/i.test(head)) {
    const bytes = content.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return content;
}

describe('EmailSender against an accepting SMTP server', () => {
  let server: SMTPServer;
  let url: string;
  let received: Received[] = [];
  let sender: EmailSender;

  beforeAll(async () => {
    ({ server, url } = await startSmtp({
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    }));
    sender = new EmailSender(url, 'Breach Clock <alerts@breach-clock.test>');
  });
  afterAll(async () => {
    await sender.close();
    await stopSmtp(server);
  });
  beforeEach(() => {
    received = [];
  });

  it('delivers to every recipient with subject, delivery header and escaped HTML', async () => {
    const outcome = await sender.send(message(), { type: 'email', to: ['dpo@example.test', 'security@example.test'] });
    expect(outcome).toEqual({ ok: true, detail: 'accepted for dpo@example.test, security@example.test' });
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail.from).toBe('alerts@breach-clock.test');
    expect(mail.to).toEqual(['dpo@example.test', 'security@example.test']);
    expect(headerOf(mail.raw, 'Subject')).toBe('BR-2026-0001: GDPR Art. 33(1) due in 24 h');
    expect(headerOf(mail.raw, 'X-Breach-Delivery')).toBe('delivery-99');
    expect(headerOf(mail.raw, 'Message-ID')).toBe('<delivery-99.delivery@breach-clock>');
    expect(headerOf(mail.raw, 'Auto-Submitted')).toBe('auto-generated');

    const html = partOf(mail.raw, 'text/html');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;friends&quot;');
    expect(html).not.toContain('<script>');
    const text = partOf(mail.raw, 'text/plain');
    expect(text).toContain(HOSTILE_TITLE);
    expect(text).toContain('Mon, 30 Mar 2026, 11:00 EEST (Europe/Helsinki)');
  });

  it('uses the default From address when none is given', async () => {
    const plain = new EmailSender(url);
    try {
      expect((await plain.send(message(), { type: 'email', to: ['dpo@example.test'] })).ok).toBe(true);
    } finally {
      await plain.close();
    }
    expect(received[0].from).toBe('breach-clock@localhost');
    expect(headerOf(received[0].raw, 'From')).toBe('"breach-clock" <breach-clock@localhost>');
  });

  it('refuses an empty recipient list and a config of another type without sending', async () => {
    expect(await sender.send(message(), { type: 'email', to: [] })).toMatchObject({ ok: false, retryable: false });
    expect(await sender.send(message(), { type: 'slack', url: 'https://hooks.slack.test/x' })).toMatchObject({ ok: false, retryable: false });
    expect(received).toHaveLength(0);
  });
});

describe('EmailSender configuration', () => {
  it.each([undefined, '', '   '])('SMTP_URL %p -> not configured, not retryable', async (smtpUrl) => {
    const sender = new EmailSender(smtpUrl);
    expect(await sender.send(message(), { type: 'email', to: ['dpo@example.test'] })).toEqual({
      ok: false,
      retryable: false,
      error: 'SMTP_URL is not configured',
    });
    await sender.close();
  });

  it('refuses a URL that is not smtp(s)', async () => {
    const sender = new EmailSender('http://127.0.0.1:25');
    expect(await sender.send(message(), { type: 'email', to: ['dpo@example.test'] })).toMatchObject({
      ok: false,
      retryable: false,
      error: expect.stringContaining('smtp://'),
    });
  });

  it('treats a refused connection as retryable', async () => {
    const { server, url } = await startSmtp({});
    await stopSmtp(server);
    const sender = new EmailSender(url);
    const outcome = await sender.send(message(), { type: 'email', to: ['dpo@example.test'] });
    await sender.close();
    expect(outcome).toMatchObject({ ok: false, retryable: true, error: expect.stringContaining('ECONNREFUSED') });
  });
});

describe('EmailSender against refusing SMTP servers', () => {
  const servers: SMTPServer[] = [];
  const senders: EmailSender[] = [];
  afterEach(async () => {
    await Promise.all(senders.splice(0).map((s) => s.close()));
    await Promise.all(servers.splice(0).map(stopSmtp));
  });

  async function senderFor(options: Partial<SMTPServerOptions>): Promise<EmailSender> {
    const { server, url } = await startSmtp(options);
    servers.push(server);
    const sender = new EmailSender(url);
    senders.push(sender);
    return sender;
  }

  const acceptData: SMTPServerOptions['onData'] = (stream, _session, callback) => {
    stream.resume();
    stream.on('end', () => callback());
  };

  it.each([
    ['RCPT', 550, false],
    ['RCPT', 553, false],
    ['RCPT', 450, true],
    ['RCPT', 452, true],
    ['MAIL', 550, false],
    ['MAIL', 421, true],
    ['DATA', 554, false],
    ['DATA', 451, true],
  ])('%s answered %p -> retryable %p', async (stage, code, retryable) => {
    const refuse = smtpError(code, `refused at ${stage}`);
    const sender = await senderFor({
      onMailFrom: (_a, _s, cb) => cb(stage === 'MAIL' ? refuse : null),
      onRcptTo: (_a, _s, cb) => cb(stage === 'RCPT' ? refuse : null),
      onData: (stream, session, cb) => {
        if (stage !== 'DATA') return acceptData(stream, session, cb);
        stream.resume();
        stream.on('end', () => cb(refuse));
      },
    });
    const outcome = await sender.send(message(), { type: 'email', to: ['dpo@example.test'] });
    expect(outcome).toMatchObject({ ok: false, retryable, error: expect.stringContaining(String(code)) });
  });

  it.each([
    // One recipient refused for good, the other accepted: delivered, the refusal reported.
    [550, true, undefined],
    // One recipient deferred: another attempt is due (the others may see a repeat, same ids).
    [450, false, true],
  ])('one of two recipients answered %p -> ok %p, retryable %p', async (code, ok, retryable) => {
    const sender = await senderFor({
      onRcptTo: (address, _s, cb) => cb(address.address === 'gone@example.test' ? smtpError(code, 'mailbox trouble') : null),
      onData: acceptData,
    });
    const outcome = await sender.send(message(), { type: 'email', to: ['dpo@example.test', 'gone@example.test'] });
    expect(outcome.ok).toBe(ok);
    if (outcome.ok) expect(outcome.detail).toMatch(/accepted for dpo@example.test; refused gone@example.test \(550/);
    else expect(outcome).toMatchObject({ retryable, error: expect.stringContaining('gone@example.test') });
  });

  it('keeps the SMTP password out of errors (535 auth failure: not retryable)', async () => {
    const { server, url } = await startSmtp({
      authOptional: false,
      allowInsecureAuth: true,
      onAuth: (_auth, _session, cb) => cb(smtpError(535, 'Invalid username or password')),
    });
    servers.push(server);
    const sender = new EmailSender(url.replace('smtp://', 'smtp://alerts:S3cret%2Fpass@'));
    senders.push(sender);
    const outcome = await sender.send(message(), { type: 'email', to: ['dpo@example.test'] });
    expect(outcome).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('535') });
    expect(JSON.stringify(outcome)).not.toMatch(/S3cret/);
  });
});
