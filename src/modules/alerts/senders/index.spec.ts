import { CHANNEL_TYPES } from '../domain/alert.types.js';
import { createSenders, EmailSender, SlackSender, WebhookSender } from './index.js';

describe('createSenders', () => {
  it('gives one sender per channel type, each declaring its own type', async () => {
    const senders = createSenders({ smtpUrl: undefined, fetchTimeoutMs: 1000 });
    expect(Object.keys(senders).sort()).toEqual([...CHANNEL_TYPES].sort());
    for (const type of CHANNEL_TYPES) expect(senders[type].type).toBe(type);
    expect(senders.webhook).toBeInstanceOf(WebhookSender);
    expect(senders.slack).toBeInstanceOf(SlackSender);
    expect(senders.email).toBeInstanceOf(EmailSender);
    // Without SMTP_URL only e-mail is unavailable, and says why.
    expect(await senders.email.send({} as never, { type: 'email', to: ['a@example.test'] })).toEqual({
      ok: false,
      retryable: false,
      error: 'SMTP_URL is not configured',
    });
    await senders.email.close();
  });
});
