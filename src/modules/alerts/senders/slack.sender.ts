/** Slack incoming webhook: the URL itself is the credential, so it never appears in errors. */
import type { AlertMessage, ChannelConfig, ChannelSender, DeliveryOutcome } from '../domain/alert.types.js';
import { slackPayload } from '../domain/alert-format.js';
import { DEFAULT_FETCH_TIMEOUT_MS, parseEndpoint, postJson, USER_AGENT } from './http-post.js';
import type { HttpSenderOptions } from './webhook.sender.js';

export class SlackSender implements ChannelSender {
  readonly type = 'slack' as const;
  private readonly timeoutMs: number;

  constructor(options: HttpSenderOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  }

  async send(message: AlertMessage, config: ChannelConfig): Promise<DeliveryOutcome> {
    if (config.type !== 'slack') {
      return { ok: false, retryable: false, error: `slack sender given a ${config.type} channel` };
    }
    const url = parseEndpoint(config.url);
    if (!(url instanceof URL)) return url;
    // Slack ignores the header, but a relay or a test receiver can deduplicate on it.
    return postJson({
      url,
      body: Buffer.from(JSON.stringify(slackPayload(message)), 'utf8'),
      headers: { 'Content-Type': 'application/json', 'User-Agent': USER_AGENT, 'X-Breach-Delivery': message.deliveryId },
      timeoutMs: this.timeoutMs,
      redact: [url.pathname, url.search].filter((part) => part.length > 1),
    });
  }
}
