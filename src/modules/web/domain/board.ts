import { dateTimeFormat } from '../../../shared/domain/intl.js';
/**
 * The board's colour bands, as the escalation ladder thinks of them: more than 24 hours
 * left, 24 hours or less, 6 hours or less, overdue. public/app.js recolours with the same
 * thresholds every second.
 */
export type Rung = 'calm' | 'day' | 'hours' | 'overdue';

/** Said in words too: colour is never the only signal. */
export const RUNG_LABELS: Readonly<Record<Rung, string>> = { calm: '> 24 h', day: '≤ 24 h', hours: '≤ 6 h', overdue: 'overdue' };

export function rungOf(dueAt: Date, now: Date): Rung {
  const left = dueAt.getTime() - now.getTime();
  if (left <= 0) return 'overdue';
  if (left <= 6 * 3600_000) return 'hours';
  if (left <= 24 * 3600_000) return 'day';
  return 'calm';
}

/** "2d 03:14:05", or "overdue 1d 02:03:04": the same text public/app.js writes. */
export function timeLeftText(dueAt: Date, now: Date): string {
  const left = dueAt.getTime() - now.getTime();
  const abs = Math.abs(left);
  const total = Math.floor(abs / 1000);
  const days = Math.floor(total / 86400);
  const hh = String(Math.floor((total % 86400) / 3600)).padStart(2, '0');
  const mm = String(Math.floor((total % 3600) / 60)).padStart(2, '0');
  const ss = String(total % 60).padStart(2, '0');
  const text = `${days > 0 ? `${days}d ` : ''}${hh}:${mm}:${ss}`;
  return left <= 0 ? `overdue ${text}` : text;
}

export interface BoardSource {
  readonly obligationId: string;
  readonly label: string;
  readonly recipient: string;
  readonly dueAt: Date;
  readonly incidentId: string;
  readonly reference: string;
  readonly title: string;
  readonly organisationName: string;
  readonly timeZone: string;
}

export interface BoardRow {
  readonly obligationId: string;
  readonly incidentId: string;
  readonly reference: string;
  readonly title: string;
  readonly label: string;
  readonly recipient: string;
  readonly organisation: string;
  readonly dueIso: string;
  readonly dueLocal: string;
  readonly dueUtc: string;
  readonly timeZone: string;
  readonly rung: Rung;
  readonly rungLabel: string;
  readonly timeLeft: string;
}

/** "Thu 26 Nov 11:00 UTC+02:00" (or "... UTC" in UTC itself). */
export function formatDeadline(at: Date, timeZone: string): string {
  const formatter = dateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'longOffset' });
  const part: Record<string, string> = {};
  for (const p of formatter.formatToParts(at)) part[p.type] = p.value;
  const offset = timeZone === 'UTC' ? 'UTC' : (part.timeZoneName ?? 'GMT').replace(/^GMT$/, 'UTC+00:00').replace(/^GMT/, 'UTC');
  return `${part.weekday} ${part.day} ${part.month} ${part.hour}:${part.minute} ${offset}`;
}

/** Rows in deadline order (the query's), each with its deadline in the organisation's zone and in UTC. */
export function boardRows(sources: readonly BoardSource[], now: Date): BoardRow[] {
  return sources.map((s) => {
    const rung = rungOf(s.dueAt, now);
    return {
    obligationId: s.obligationId,
    incidentId: s.incidentId,
    reference: s.reference,
    title: s.title,
    label: s.label,
    recipient: s.recipient.replaceAll('_', ' '),
    organisation: s.organisationName,
    dueIso: s.dueAt.toISOString().replace('.000Z', 'Z'),
    dueLocal: formatDeadline(s.dueAt, s.timeZone),
    dueUtc: formatDeadline(s.dueAt, 'UTC'),
    timeZone: s.timeZone,
    rung,
    rungLabel: RUNG_LABELS[rung],
    timeLeft: timeLeftText(s.dueAt, now),
    };
  });
}
