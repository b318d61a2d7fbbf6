/**
 * E-mail through SMTP (nodemailer, SMTP_URL). One transport per process; a message per
 * delivery, carrying the delivery id so that retries can be recognised downstream.
 */
import { createTransport, type NodemailerError, type SMTPSentMessageInfo, type Transporter } from 'nodemailer';
import type { AlertMessage, ChannelConfig, ChannelSender, DeliveryOutcome } from '../domain/alert.types.js';
import { emailContent } from '../domain/alert-format.js';
import { redact } from './http-post.js';

export const DEFAULT_FROM = 'breach-clock <breach-clock@localhost>';

export interface EmailSenderOptions {
  /**
   * Connect, greeting and idle-socket limit. nodemailer's own defaults (2 min to connect,
   * 10 min idle) would hold a delivery worker far longer than the rungs can wait. An SMTP_URL
   * query such as `?socketTimeout=60000` still overrides it.
   */
  readonly timeoutMs?: number;
}

/** Codes for faults retrying cannot fix: the configuration or the message is wrong. */
const PERMANENT_CODES: ReadonlySet<string> = new Set(['ECONFIG', 'EENVELOPE', 'ENOAUTH', 'EREQUIRETLS', 'EMAXRECIPIENTS']);

export class EmailSender implements ChannelSender {
  readonly type = 'email' as const;
  private readonly transport: Transporter<SMTPSentMessageInfo> | null;
  private readonly configError: string | null;
  /** The SMTP password, if the URL has one, kept only to scrub it from errors. */
  private readonly secrets: readonly string[];

  constructor(
    smtpUrl: string | undefined,
    private readonly from: string = DEFAULT_FROM,
    options: EmailSenderOptions = {},
  ) {
    const url = smtpUrl?.trim();
    this.secrets = passwordOf(url);
    if (!url) {
      this.configError = 'SMTP_URL is not configured';
      this.transport = null;
    } else if (!/^smtps?:\/\//i.test(url)) {
      this.configError = 'SMTP_URL must be an smtp:// or smtps:// URL';
      this.transport = null;
    } else {
      const timeout = options.timeoutMs ?? 30_000;
      this.configError = null;
      this.transport = createTransport({ url, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
    }
  }

  async send(message: AlertMessage, config: ChannelConfig): Promise<DeliveryOutcome> {
    if (config.type !== 'email') {
      return { ok: false, retryable: false, error: `email sender given a ${config.type} channel` };
    }
    // Not retryable: SMTP_URL is read at start-up, so waiting cannot make it appear.
    if (this.transport === null) return { ok: false, retryable: false, error: this.configError ?? 'no transport' };
    if (config.to.length === 0) return { ok: false, retryable: false, error: 'email channel has no recipients' };

    const content = emailContent(message);
    let info: SMTPSentMessageInfo;
    try {
      info = await this.transport.sendMail({
        from: this.from,
        to: [...config.to],
        subject: content.subject,
        text: content.text,
        html: content.html,
        // The same id on every attempt of a delivery lets mail systems and readers drop repeats.
        messageId: `<${message.deliveryId.replace(/[^A-Za-z0-9._-]/g, '_')}.delivery@breach-clock>`,
        headers: {
          'X-Breach-Delivery': message.deliveryId,
          // RFC 3834: no vacation or out-of-office replies to a robot.
          'Auto-Submitted': 'auto-generated',
          'X-Auto-Response-Suppress': 'All',
        },
      });
    } catch (error) {
      return this.failure(error);
    }
    return this.partialOutcome(info);
  }

  /**
   * Closes the SMTP transport; later sends fail. Async so a shutdown hook can await it the
   * same way whether the transport is plain or pooled.
   */
  async close(): Promise<void> {
    this.transport?.close();
  }

  private failure(error: unknown): DeliveryOutcome {
    const err = (error ?? {}) as NodemailerError;
    const code = typeof err.code === 'string' ? err.code : undefined;
    if (typeof err.responseCode === 'number') {
      // RFC 5321: 5yz is a permanent refusal (503 aside: a session-state hiccup), 4yz transient.
      const permanent = err.permanent ?? (err.responseCode >= 500 && err.responseCode < 600 && err.responseCode !== 503);
      const reply = oneLine(err.response ?? err.message ?? '');
      const command = err.command ? ` on ${err.command}` : '';
      return { ok: false, retryable: !permanent, error: this.scrub(`SMTP ${err.responseCode}${command}: ${reply}`) };
    }
    const text = `${code ?? 'SMTP error'}: ${oneLine(err.message ?? String(error))}`;
    // No SMTP reply: a connection, DNS, TLS or timeout failure, passing by nature, unless
    // nodemailer refused the configuration or the message before talking to anyone.
    return { ok: false, retryable: !(code !== undefined && PERMANENT_CODES.has(code)), error: this.scrub(text) };
  }

  /**
   * The server took the message for some recipients. A deferred (4xx) recipient is worth
   * another attempt, at the price of a repeat for the others (same Message-ID and delivery
   * id, so they can drop it); recipients refused for good are reported, not retried.
   */
  private partialOutcome(info: SMTPSentMessageInfo): DeliveryOutcome {
    const rejected = info.rejectedErrors ?? [];
    const deferred = rejected.filter((e) => typeof e.responseCode === 'number' && !(e.permanent ?? e.responseCode >= 500));
    const describe = (list: readonly NodemailerError[]) =>
      list.map((e) => `${e.recipient ?? '?'} (${oneLine(e.response ?? e.message)})`).join(', ');
    if (deferred.length > 0) {
      return { ok: false, retryable: true, error: this.scrub(`SMTP deferred ${describe(deferred)}`) };
    }
    const accepted = info.accepted.map(String).join(', ');
    const refused = info.rejected.length > 0 ? `; refused ${describe(rejected) || info.rejected.join(', ')}` : '';
    return { ok: true, detail: this.scrub(`accepted for ${accepted}${refused}`) };
  }

  private scrub(text: string): string {
    return redact(text, this.secrets);
  }
}

function passwordOf(url: string | undefined): readonly string[] {
  if (!url) return [];
  try {
    const password = new URL(url).password;
    return password ? [password, decodeURIComponent(password)] : [];
  } catch {
    return [];
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
