/**
 * What each channel carries for one fired rung. Pure (no I/O, no clock, no framework): the
 * senders only transport these bytes, so the wording and the signed body are tested here.
 */
import { createHmac } from 'node:crypto';
import { dateTimeFormat } from '../../../shared/domain/intl.js';
import type { AlertMessage } from './alert.types.js';

export { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from './delivery-policy.js';

export const WEBHOOK_EVENT = 'breach.escalation';

/** The webhook JSON. Field names are a public contract: add fields, never rename them. */
export interface WebhookBody {
  readonly deliveryId: string;
  readonly event: typeof WEBHOOK_EVENT;
  /** Needed by receivers that acknowledge: POST /api/incidents/:id/escalations/:eid/ack. */
  readonly escalationId: string;
  readonly incident: { readonly id: string; readonly reference: string; readonly title: string };
  readonly organisation: { readonly id: string; readonly legalName: string };
  readonly obligation: {
    readonly id: string;
    readonly kind: string;
    readonly label: string;
    readonly recipient: string;
    readonly dueAt: string;
  };
  readonly rung: { readonly offsetMinutes: number; readonly label: string; readonly late: boolean };
  readonly timeLeftMs: number;
  readonly timeLeft: string;
  readonly firedAt: string;
}

const MINUTE_MS = 60_000;
/** Below four days people count the GDPR clock in hours ("72 h"), above it in days. */
const DAYS_FROM_HOURS = 96;

/**
 * A magnitude such as "23 h 59 min", "45 min" or "30 d 4 h"; the sign is ignored. Rounded
 * to the nearest minute so that a rung fired a few hundred milliseconds after its instant
 * reads "24 h", not "23 h 59 min".
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`duration must be finite, got ${ms}`);
  const minutes = Math.round(Math.abs(ms) / MINUTE_MS);
  const hours = Math.floor(minutes / 60);
  if (hours >= DAYS_FROM_HOURS) {
    const totalHours = Math.round(minutes / 60);
    const days = Math.floor(totalHours / 24);
    const restHours = totalHours % 24;
    return restHours === 0 ? `${days} d` : `${days} d ${restHours} h`;
  }
  const restMinutes = minutes % 60;
  if (hours === 0) return `${restMinutes} min`;
  return restMinutes === 0 ? `${hours} h` : `${hours} h ${restMinutes} min`;
}

/** "23 h 59 min left", "2 h 5 min overdue", or "due now" within half a minute of it. */
export function formatTimeLeft(ms: number): string {
  const minutes = Math.round(ms / MINUTE_MS);
  if (minutes === 0) return 'due now';
  return minutes > 0 ? `${formatDuration(ms)} left` : `${formatDuration(ms)} overdue`;
}

/**
 * `sha256=<hex>`: HMAC-SHA256 of the exact bytes sent. Pass the Buffer that goes on the wire
 * when there is one; a string is hashed as its UTF-8 encoding, which is what fetch sends.
 */
export function signature(rawBody: string | Uint8Array, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

export function webhookPayload(message: AlertMessage): WebhookBody {
  const { incident, organisation, obligation, rung } = message;
  return {
    deliveryId: message.deliveryId,
    event: WEBHOOK_EVENT,
    escalationId: message.escalationId,
    incident: { id: incident.id, reference: incident.reference, title: incident.title },
    organisation: { id: organisation.id, legalName: organisation.legalName },
    obligation: {
      id: obligation.id,
      kind: obligation.kind,
      label: obligation.label,
      recipient: obligation.recipient,
      dueAt: obligation.dueAt,
    },
    rung: { offsetMinutes: rung.offsetMinutes, label: rung.label, late: rung.late },
    timeLeftMs: message.timeLeftMs,
    timeLeft: formatTimeLeft(message.timeLeftMs),
    firedAt: message.firedAt,
  };
}

/** The raw webhook body: serialised once, then signed and sent byte for byte. */
export function webhookBody(message: AlertMessage): string {
  return JSON.stringify(webhookPayload(message));
}

const DATE_OPTIONS: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
};
function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  try {
    return dateTimeFormat('en-GB', { ...DATE_OPTIONS, timeZone });
  } catch {
    // An unknown zone must not cost the alert: it is still sent, in UTC only.
    return null;
  }
}

/** e.g. "Mon, 30 Mar 2026, 11:00 EEST"; null when the zone is unknown. */
export function formatInstant(iso: string, timeZone: string): string | null {
  const formatter = formatterFor(timeZone);
  const date = new Date(iso);
  if (formatter === null) return null;
  return Number.isNaN(date.getTime()) ? iso : formatter.format(date);
}

export interface DeadlineTimes {
  /** In the organisation's zone; null when that zone is unknown to this runtime. */
  readonly local: string | null;
  readonly utc: string;
  readonly timeZone: string;
}

export function deadlineTimes(message: AlertMessage): DeadlineTimes {
  const { dueAt } = message.obligation;
  const timeZone = message.organisation.timeZone;
  return { local: formatInstant(dueAt, timeZone), utc: formatInstant(dueAt, 'UTC') ?? dueAt, timeZone };
}

/** Collapses whitespace (newlines included): for subjects, headers and one-line summaries. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** "GDPR Art. 33(1)" from "GDPR Art. 33(1): notify the supervisory authority". */
function shortObligation(label: string): string {
  const head = label.split(':')[0] ?? label;
  return oneLine(head) || oneLine(label);
}

/**
 * "BR-2026-0001: GDPR Art. 33(1) due in 24 h". Uses the actual time left at firing rather
 * than the rung offset, so a catch-up rung (fired late) does not announce a stale figure.
 */
export function headline(message: AlertMessage): string {
  const minutes = Math.round(message.timeLeftMs / MINUTE_MS);
  const duration = formatDuration(message.timeLeftMs);
  const due = minutes === 0 ? 'due now' : minutes > 0 ? `due in ${duration}` : `overdue by ${duration}`;
  return `${oneLine(message.incident.reference)}: ${shortObligation(message.obligation.label)} ${due}`;
}

function rungText(message: AlertMessage): string {
  const { rung } = message;
  return rung.late ? `${rung.label} (catch-up: the incident was recorded after this rung)` : rung.label;
}

export type SlackText = { readonly type: 'plain_text'; readonly text: string } | { readonly type: 'mrkdwn'; readonly text: string };
export type SlackBlock =
  | { readonly type: 'header'; readonly text: SlackText }
  | { readonly type: 'section'; readonly text?: SlackText; readonly fields?: readonly SlackText[] }
  | { readonly type: 'context'; readonly elements: readonly SlackText[] };
export interface SlackPayload {
  readonly text: string;
  readonly blocks: readonly SlackBlock[];
}

/**
 * Slack's own escaping for mrkdwn: only &, < and > are control characters. Without it an
 * incident title such as "<!channel>" would ping everybody, "<https://x|y>" would forge a link.
 */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Incoming-webhook JSON: `text` is the notification fallback, `blocks` the message. */
export function slackPayload(message: AlertMessage): SlackPayload {
  const times = deadlineTimes(message);
  const timeLeft = formatTimeLeft(message.timeLeftMs);
  const field = (name: string, value: string): SlackText => ({ type: 'mrkdwn', text: truncate(`*${name}*\n${escapeSlack(value)}`, 2000) });
  const fields: SlackText[] = [
    field('Obligation', message.obligation.label),
    field('Recipient', message.obligation.recipient),
    ...(times.local === null ? [] : [field(`Deadline (${times.timeZone})`, times.local)]),
    field('Deadline (UTC)', times.utc),
    field('Time left', `${timeLeft} when fired`),
    field('Escalation', rungText(message)),
  ];
  return {
    text: truncate(escapeSlack(`${headline(message)} (${timeLeft}) — ${oneLine(message.incident.title)}`), 3000),
    blocks: [
      // Header blocks are plain_text (never parsed) and limited to 150 characters.
      { type: 'header', text: { type: 'plain_text', text: truncate(headline(message), 150) } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: truncate(`*${escapeSlack(oneLine(message.incident.title))}*\n${escapeSlack(message.organisation.legalName)}`, 3000) },
      },
      { type: 'section', fields },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: escapeSlack(`Fired ${message.firedAt} · delivery ${message.deliveryId}`) }],
      },
    ],
  };
}

export interface EmailContent {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Escapes for HTML text and double- or single-quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function emailContent(message: AlertMessage): EmailContent {
  const subject = headline(message);
  const times = deadlineTimes(message);
  const deadline = times.local === null ? [times.utc] : [`${times.local} (${times.timeZone})`, times.utc];
  const rows: ReadonlyArray<readonly [string, readonly string[]]> = [
    ['Incident', [`${message.incident.reference} — ${oneLine(message.incident.title)}`]],
    ['Organisation', [message.organisation.legalName]],
    ['Obligation', [message.obligation.label]],
    ['Recipient', [message.obligation.recipient]],
    ['Deadline', deadline],
    // Delivery may be retried, so say when the figure was true rather than imply "now".
    ['Time left', [`${formatTimeLeft(message.timeLeftMs)} at ${message.firedAt}`]],
    ['Escalation', [rungText(message)]],
    ['Delivery', [message.deliveryId]],
  ];
  const width = Math.max(...rows.map(([name]) => name.length)) + 2;
  const text = [
    subject,
    '',
    ...rows.flatMap(([name, values]) => values.map((value, i) => `${(i === 0 ? `${name}:` : '').padEnd(width)}${value}`)),
    '',
    'Sent by breach-clock. Acknowledge the escalation in breach-clock to back off overdue reminders.',
    '',
  ].join('\n');
  const htmlRows = rows
    .map(([name, values]) => `<tr><th align="left" valign="top">${escapeHtml(name)}</th><td>${values.map(escapeHtml).join('<br>')}</td></tr>`)
    .join('\n');
  const html = [
    '<!doctype html>',
    '<html><head><meta charset="utf-8"><title>' + escapeHtml(subject) + '</title></head><body>',
    `<h1 style="font-size:18px">${escapeHtml(subject)}</h1>`,
    `<table cellpadding="4" cellspacing="0">\n${htmlRows}\n</table>`,
    '<p style="color:#555">Sent by breach-clock. Acknowledge the escalation in breach-clock to back off overdue reminders.</p>',
    '</body></html>',
    '',
  ].join('\n');
  return { subject, text, html };
}
