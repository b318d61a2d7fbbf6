import { createHmac } from 'node:crypto';
import type { AlertMessage } from './alert.types.js';
import {
  emailContent,
  escapeHtml,
  escapeSlack,
  formatDuration,
  formatTimeLeft,
  headline,
  signature,
  slackPayload,
  webhookBody,
} from './alert-format.js';

const H = 3_600_000;
const M = 60_000;

// The DST case: aware 2026-03-27T10:00+02:00 in Helsinki, due 2026-03-30T08:00Z (11:00 EEST).
function message(overrides: Partial<AlertMessage> = {}): AlertMessage {
  return {
    deliveryId: 'd-0001',
    escalationId: 'e-0001',
    incident: { id: 'i-1', reference: 'BR-2026-0001', title: 'Laptop stolen from car' },
    organisation: { id: 'o-1', legalName: 'Pohjola Data Oy', timeZone: 'Europe/Helsinki' },
    obligation: {
      id: 'ob-1',
      kind: 'gdpr_art33_1',
      label: 'GDPR Art. 33(1): notify the supervisory authority',
      recipient: 'Tietosuojavaltuutetun toimisto',
      dueAt: '2026-03-30T08:00:00.000Z',
    },
    rung: { offsetMinutes: 1440, label: '24 h before', late: false },
    timeLeftMs: 24 * H - 400,
    firedAt: '2026-03-29T08:00:00.400Z',
    ...overrides,
  };
}

describe('formatDuration', () => {
  it.each([
    [0, '0 min'],
    [29_000, '0 min'],
    [31_000, '1 min'],
    [45 * M, '45 min'],
    [H, '1 h'],
    [H + 30 * M, '1 h 30 min'],
    [24 * H - 400, '24 h'],
    [23 * H + 59 * M, '23 h 59 min'],
    [72 * H, '72 h'],
    [95 * H + 59 * M, '95 h 59 min'],
    [96 * H, '4 d'],
    [30 * 24 * H + 4 * H + 17 * M, '30 d 4 h'],
    [-(2 * H + 5 * M), '2 h 5 min'],
  ])('%p ms -> %p', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('refuses %p', (ms) => {
    expect(() => formatDuration(ms)).toThrow(RangeError);
  });
});

describe('formatTimeLeft', () => {
  it.each([
    [24 * H - 400, '24 h left'],
    [23 * H + 59 * M, '23 h 59 min left'],
    [-(2 * H + 5 * M), '2 h 5 min overdue'],
    [10_000, 'due now'],
    [-10_000, 'due now'],
    [-12 * H, '12 h overdue'],
  ])('%p ms -> %p', (ms, expected) => {
    expect(formatTimeLeft(ms)).toBe(expected);
  });
});


describe('signature', () => {
  it('matches the RFC 4231 test case 2 vector', () => {
    expect(signature('what do ya want for nothing?', 'Jefe')).toBe(
      'sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('signs the UTF-8 bytes: string and Buffer of the same text agree, other bytes do not', () => {
    const text = '{"title":"Tietovuoto – äö 🚨"}';
    const expected = `sha256=${createHmac('sha256', 'k').update(Buffer.from(text, 'utf8')).digest('hex')}`;
    expect(signature(text, 'k')).toBe(expected);
    expect(signature(Buffer.from(text, 'utf8'), 'k')).toBe(expected);
    expect(signature(Buffer.from(text, 'latin1'), 'k')).not.toBe(expected);
    expect(signature(text, 'other')).not.toBe(expected);
  });
});

describe('webhookBody', () => {
  it('has the documented fields, in a stable order', () => {
    const body = JSON.parse(webhookBody(message())) as Record<string, unknown>;
    expect(body).toEqual({
      deliveryId: 'd-0001',
      event: 'breach.escalation',
      escalationId: 'e-0001',
      incident: { id: 'i-1', reference: 'BR-2026-0001', title: 'Laptop stolen from car' },
      organisation: { id: 'o-1', legalName: 'Pohjola Data Oy' },
      obligation: {
        id: 'ob-1',
        kind: 'gdpr_art33_1',
        label: 'GDPR Art. 33(1): notify the supervisory authority',
        recipient: 'Tietosuojavaltuutetun toimisto',
        dueAt: '2026-03-30T08:00:00.000Z',
      },
      rung: { offsetMinutes: 1440, label: '24 h before', late: false },
      timeLeftMs: 24 * H - 400,
      timeLeft: '24 h left',
      firedAt: '2026-03-29T08:00:00.400Z',
    });
    expect(Object.keys(body)).toEqual([
      'deliveryId', 'event', 'escalationId', 'incident', 'organisation', 'obligation', 'rung', 'timeLeftMs', 'timeLeft', 'firedAt',
    ]);
  });

  it('carries user input verbatim (JSON escaping only) and is deterministic', () => {
    const title = '<script>alert(1)</script> "quoted" \n äö';
    const m = message({ incident: { id: 'i-1', reference: 'BR-2026-0001', title } });
    expect((JSON.parse(webhookBody(m)) as { incident: { title: string } }).incident.title).toBe(title);
    expect(webhookBody(m)).toBe(webhookBody(m));
  });

  it('says overdue with a negative time left', () => {
    const m = message({ timeLeftMs: -(2 * H + 5 * M), rung: { offsetMinutes: -120, label: '2 h overdue', late: false } });
    expect((JSON.parse(webhookBody(m)) as { timeLeft: string }).timeLeft).toBe('2 h 5 min overdue');
  });
});

describe('headline (e-mail subject, Slack header)', () => {
  it.each([
    ['a rung on time', message(), 'BR-2026-0001: GDPR Art. 33(1) due in 24 h'],
    ['at the deadline', message({ timeLeftMs: -800 }), 'BR-2026-0001: GDPR Art. 33(1) due now'],
    ['overdue', message({ timeLeftMs: -12 * H - 500 }), 'BR-2026-0001: GDPR Art. 33(1) overdue by 12 h'],
    // Catch-up: the 48 h rung fired when 41 h 59 min were left; the subject must not say 48 h.
    ['a late rung', message({ timeLeftMs: 41 * H + 59 * M, rung: { offsetMinutes: 2880, label: '48 h before', late: true } }), 'BR-2026-0001: GDPR Art. 33(1) due in 41 h 59 min'],
  ])('%s', (_name, m, expected) => {
    expect(headline(m)).toBe(expected);
  });

  it('never spans lines, whatever the label holds', () => {
    const m = message({ obligation: { ...message().obligation, label: 'NIS2\r\nBcc: x@evil.test: final report' } });
    expect(headline(m)).not.toMatch(/[\r\n]/);
  });
});

describe('slackPayload', () => {
  const hostile = message({ incident: { id: 'i-1', reference: 'BR-2026-0001', title: '<!channel> <https://evil.test|click> & co' } });
  const json = JSON.stringify(slackPayload(hostile));

  it('shows the deadline in the organisation zone (DST switched) and in UTC', () => {
    expect(json).toContain('Deadline (Europe/Helsinki)*\\nMon, 30 Mar 2026, 11:00 EEST');
    expect(json).toContain('Deadline (UTC)*\\nMon, 30 Mar 2026, 08:00 UTC');
    expect(slackPayload(message()).text).toContain('BR-2026-0001: GDPR Art. 33(1) due in 24 h');
  });

  it('escapes mrkdwn control characters so user input cannot ping or forge links', () => {
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<https://evil.test');
    expect(slackPayload(hostile).text).toContain('&lt;!channel&gt; &lt;https://evil.test|click&gt; &amp; co');
  });

  it('falls back to UTC alone for an unknown time zone instead of failing', () => {
    const m = message({ organisation: { id: 'o-1', legalName: 'X', timeZone: 'Mars/Olympus_Mons' } });
    const out = JSON.stringify(slackPayload(m));
    expect(out).toContain('Deadline (UTC)');
    expect(out).not.toContain('Mars/Olympus_Mons');
  });

  it('keeps within Slack limits for an absurdly long title', () => {
    const m = message({ incident: { id: 'i-1', reference: 'BR-2026-0001', title: 'x'.repeat(5000) } });
    const payload = slackPayload(m);
    expect(payload.text.length).toBeLessThanOrEqual(3000);
    for (const block of payload.blocks) {
      if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(150);
      if (block.type === 'section' && block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
    }
  });
});

describe('emailContent', () => {
  const hostileTitle = `<script>alert(1)</script> "Bob's" & <b>co</b>`;
  const mail = emailContent(message({ incident: { id: 'i-1', reference: 'BR-2026-0001', title: hostileTitle } }));

  it('subject starts with the reference and says when it is due', () => {
    expect(mail.subject).toBe('BR-2026-0001: GDPR Art. 33(1) due in 24 h');
  });

  it('escapes the title in HTML, and keeps it verbatim in text', () => {
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<b>co</b>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;Bob&#39;s&quot; &amp; &lt;b&gt;co&lt;/b&gt;');
    expect(mail.text).toContain(hostileTitle);
  });

  it('gives the deadline in both zones, the rung, and the delivery id', () => {
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain('Mon, 30 Mar 2026, 11:00 EEST (Europe/Helsinki)');
      expect(part).toContain('Mon, 30 Mar 2026, 08:00 UTC');
      expect(part).toContain('24 h before');
      expect(part).toContain('d-0001');
    }
  });

  it('says a catch-up rung is one', () => {
    const late = emailContent(message({ rung: { offsetMinutes: 2880, label: '48 h before', late: true }, timeLeftMs: 41 * H }));
    expect(late.text).toContain('48 h before (catch-up');
  });
});

describe('escapes', () => {
  it.each([
    ['escapeHtml', escapeHtml, `<a href="x" title='y'>&</a>`, '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;'],
    ['escapeSlack', escapeSlack, '<@U123> & <!here>', '&lt;@U123&gt; &amp; &lt;!here&gt;'],
  ])('%s', (_name, escape, input, expected) => {
    expect(escape(input)).toBe(expected);
  });
});
