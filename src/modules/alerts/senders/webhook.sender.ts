/**
 * Signed JSON webhook. The body is serialised once and the signature is computed over
 * those very bytes, so a receiver can verify it against the raw request body.
 */
import type { AlertMessage, ChannelConfig, ChannelSender, DeliveryOutcome } from '../domain/alert.types.js';
import { signature, webhookBody } from '../domain/alert-format.js';
import { DEFAULT_FETCH_TIMEOUT_MS, parseEndpoint, postJson, USER_AGENT } from './http-post.js';

export interface HttpSenderOptions {
  /** Whole request budget, response headers and error body included (default 10 s). */
  readonly timeoutMs?: number;
}

export class WebhookSender implements ChannelSender {
  readonly type = 'webhook' as const;
  private readonly timeoutMs: number;

  constructor(options: HttpSenderOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  }

  async send(message: AlertMessage, config: ChannelConfig): Promise<DeliveryOutcome> {
    if (config.type !== 'webhook') {
      return { ok: false, retryable: false, error: `webhook sender given a ${config.type} channel` };
    }
    const url = parseEndpoint(config.url);
    if (!(url instanceof URL)) return url;
    if (config.secret.length === 0) {
      // An unsigned alert could be forged by anyone who learns the URL: refuse to send one.
      return { ok: false, retryable: false, error: 'webhook channel has no secret' };
    }
    const body = Buffer.from(webhookBody(message), 'utf8');
    return postJson({
      url,
      body,
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': USER_AGENT,
        'X-Breach-Delivery': message.deliveryId,
        'X-Breach-Signature': signature(body, config.secret),
      },
      timeoutMs: this.timeoutMs,
      redact: [config.secret],
    });
  }
}
