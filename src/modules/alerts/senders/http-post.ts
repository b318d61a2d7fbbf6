/**
 * One POST to a channel endpoint, turned into a DeliveryOutcome. Shared by the webhook and
 * Slack senders so both classify answers the same way (see classifyHttpStatus).
 */
import type { DeliveryOutcome } from '../domain/alert.types.js';
import { classifyHttpStatus } from '../domain/delivery-policy.js';

export const DEFAULT_FETCH_TIMEOUT_MS = 10_000;
export const USER_AGENT = 'breach-clock';

/** Enough of an error body to diagnose a refusal, not enough to bloat the outbox row. */
const SNIPPET_CHARS = 300;
/** Read further than shown, so a secret is redacted whole before the text is cut. */
const READ_BYTES = 4096;

export interface PostRequest {
  readonly url: URL;
  readonly body: Uint8Array;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /** Strings that must never reach an error message (channel secret, secret URL path). */
  readonly redact: readonly string[];
}

/** Parses a configured endpoint; only http(s) is ever contacted. */
export function parseEndpoint(raw: string): URL | DeliveryOutcome {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, retryable: false, error: 'endpoint URL is not a valid URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, retryable: false, error: `endpoint URL must be http(s), got ${url.protocol}` };
  }
  return url;
}

export async function postJson(request: PostRequest): Promise<DeliveryOutcome> {
  // The host only: paths and queries often carry tokens (a Slack webhook URL is one).
  const target = request.url.host;
  const scrub = (text: string) => redact(text, request.redact);
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      // Following would replay a signed alert to a host nobody configured.
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch (error) {
    return { ok: false, retryable: true, error: scrub(describeFetchError(error, target, request.timeoutMs)) };
  }

  // Node's fetch exposes the 3xx itself; a browser-style runtime gives an opaque redirect.
  const status = response.type === 'opaqueredirect' ? 302 : response.status;
  const verdict = classifyHttpStatus(status);
  if (verdict === 'ok') {
    // Drain nothing: cancelling releases the connection without reading an unbounded body.
    await response.body?.cancel().catch(() => undefined);
    return { ok: true, detail: `HTTP ${status} from ${target}` };
  }
  const snippet = await readSnippet(response, request.redact);
  switch (verdict) {
    case 'redirect': {
      const location = locationHost(response.headers.get('location'), request.url);
      return {
        ok: false,
        retryable: false,
        error: scrub(`HTTP ${status} redirect from ${target}${location} refused: alerts are never forwarded, configure the final URL`),
      };
    }
    case 'retryable':
    case 'permanent':
      return { ok: false, retryable: verdict === 'retryable', error: scrub(`HTTP ${status} from ${target}${snippet ? `: ${snippet}` : ''}`) };
  }
}

function describeFetchError(error: unknown, target: string, timeoutMs: number): string {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') {
    return `no answer from ${target} within ${timeoutMs} ms`;
  }
  // undici reports "fetch failed" and puts the useful part (ECONNREFUSED, ENOTFOUND...) in cause.
  const cause = err?.cause?.code ?? err?.cause?.message ?? err?.message ?? String(error);
  return `network error contacting ${target}: ${cause}`;
}

function locationHost(location: string | null, base: URL): string {
  if (!location) return '';
  try {
    const next = new URL(location, base);
    return next.host === base.host ? ' to another path on the same host' : ` to ${next.host}`;
  } catch {
    return ' to an invalid location';
  }
}

/** First bytes of an error body, redacted, single-line and printable; the rest is discarded. */
async function readSnippet(response: Response, secrets: readonly string[]): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  let complete = false;
  try {
    while (size < READ_BYTES) {
      const { done, value } = await reader.read();
      if (done) {
        complete = true;
        break;
      }
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // A body cut short still leaves the status to report.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  let text = Buffer.concat(chunks).subarray(0, READ_BYTES).toString('utf8');
  if (!complete) {
    // A secret may straddle the read limit: drop the tail where only part of one could sit.
    const longest = Math.max(0, ...secrets.map((s) => s.length));
    text = text.slice(0, Math.max(0, text.length - longest));
  }
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const clean = redact(text, secrets).replace(/[\u0000-\u001f\u007f\ufffd]+/g, ' ').trim();
  return clean.length <= SNIPPET_CHARS ? clean : `${clean.slice(0, SNIPPET_CHARS)}…`;
}

export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join('[redacted]');
  return out;
}
