import type { ChannelSender, ChannelType } from '../domain/alert.types.js';
import { EmailSender } from './email.sender.js';
import { SlackSender } from './slack.sender.js';
import { WebhookSender } from './webhook.sender.js';

export { DEFAULT_FROM, EmailSender, type EmailSenderOptions } from './email.sender.js';
export { DEFAULT_FETCH_TIMEOUT_MS } from './http-post.js';
export { SlackSender } from './slack.sender.js';
export { WebhookSender, type HttpSenderOptions } from './webhook.sender.js';

export interface SendersConfig {
  /** SMTP_URL; when unset, e-mail deliveries fail (not retryable) and the others work. */
  readonly smtpUrl: string | undefined;
  readonly fetchTimeoutMs?: number;
  readonly from?: string;
}

/** The concrete classes stay visible so the owner can call `email.close()` on shutdown. */
export interface Senders extends Record<ChannelType, ChannelSender> {
  readonly webhook: WebhookSender;
  readonly slack: SlackSender;
  readonly email: EmailSender;
}

export function createSenders(config: SendersConfig): Senders {
  const http = { timeoutMs: config.fetchTimeoutMs };
  return {
    webhook: new WebhookSender(http),
    slack: new SlackSender(http),
    email: new EmailSender(config.smtpUrl, config.from),
  };
}
