import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type DomainErrorKind } from '../domain/domain-error.js';

/** The error body every client sees: `{ statusCode, error, message, code?, details?, requestId }`. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code?: string;
  details?: unknown;
  requestId?: string;
}

const KIND_STATUS: Record<DomainErrorKind, number> = {
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  invalid: HttpStatus.BAD_REQUEST,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  rate_limited: HttpStatus.TOO_MANY_REQUESTS,
};

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Fastify's own errors (body parsing, limits) carry a `FST_` code and a status. */
interface FastifyError {
  code?: string;
  statusCode?: number;
}

const FASTIFY_ERRORS: Record<string, [string, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['REQUEST.MALFORMED_JSON', 'The request body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['REQUEST.MALFORMED_JSON', 'The request body is empty but the content type says JSON'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['REQUEST.TOO_LARGE', 'The request body is larger than the 1 MB limit'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['REQUEST.INVALID_BODY', 'The request body does not match its Content-Length'],
  FST_ERR_CTP_INVALID_TYPE: ['REQUEST.INVALID_BODY', 'The Content-Type header is not valid'],
};

/**
 * The one place where errors become HTTP. Domain refusals keep their stable code; anything
 * unexpected becomes a 500 that leaks nothing but the request id, and is logged in full.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const req = ctx.getRequest<FastifyRequest>();
    const body = this.toBody(exception, req);
    body.requestId = req.id;
    if (body.code === 'DATABASE.UNAVAILABLE') {
      this.logOutage(exception);
    } else if (body.statusCode >= 500) {
      const detail = exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
      this.logger.error(`${req.method} ${req.url} failed [request ${req.id}]: ${detail}`);
    }
    if (reply.sent) return;
    if (isPageRequest(req)) return sendPageError(reply, req, body);
    if (body.statusCode === 401) void reply.header('www-authenticate', 'Bearer realm="breach-clock"');
    if (exception instanceof DomainError && typeof exception.details?.retryAfterSeconds === 'number') {
      void reply.header('retry-after', String(exception.details.retryAfterSeconds));
    }
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private outage = { since: 0, answered: 0 };

  /**
   * One warning line when the database goes away, then one every 10 s with how many requests
   * were answered 503 meanwhile: an outage at 1,000 requests a second must not write a stack
   * trace per request (measured: 11.6 MB of log for a 10-second outage).
   */
  private logOutage(exception: unknown): void {
    const now = Date.now();
    this.outage.answered += 1;
    if (now - this.outage.since < 10_000) return;
    const reason = exception instanceof Error ? exception.message : String(exception);
    this.logger.warn(`database unavailable: ${this.outage.answered} request(s) answered 503 since the last report (${reason})`);
    this.outage = { since: now, answered: 0 };
  }

  toBody(exception: unknown, req: FastifyRequest): ErrorBody {
    if (exception instanceof DomainError) {
      const statusCode = KIND_STATUS[exception.kind];
      return { statusCode, error: REASON[statusCode] ?? 'Error', message: exception.message, code: exception.code, details: exception.details };
    }
    const fastifyBody = this.fromFastify(exception instanceof HttpException ? exception.cause : exception);
    if (fastifyBody) return fastifyBody;
    if (isDatabaseUnavailable(exception)) {
      return {
        statusCode: 503,
        error: REASON[503] as string,
        message: 'The database is not reachable right now; nothing was changed. Try again in a few seconds.',
        code: 'DATABASE.UNAVAILABLE',
      };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      const body: ErrorBody = { statusCode, error: REASON[statusCode] ?? 'Error', message: exception.message };
      if (typeof response === 'object' && response !== null) {
        const r = response as Record<string, unknown>;
        if (typeof r.message === 'string') body.message = r.message;
        if (typeof r.code === 'string') body.code = r.code;
        if (r.details !== undefined) body.details = r.details;
      }
      if (statusCode === 404 && body.code === undefined && /^Cannot /.test(body.message)) {
        body.code = 'ROUTE.NOT_FOUND';
        body.message = `No route for ${req.method} ${req.url.split('?')[0]}`;
      }
      return body;
    }
    return {
      statusCode: 500,
      error: REASON[500] as string,
      message: 'Unexpected error. Quote the request id to your administrator.',
    };
  }

  /** Errors fastify raises before routing: malformed JSON, bodies over the limit, wrong media types. */
  private fromFastify(error: unknown): ErrorBody | undefined {
    const fst = error as FastifyError | undefined;
    if (!fst || typeof fst !== 'object' || typeof fst.code !== 'string' || !fst.code.startsWith('FST_')) return undefined;
    const statusCode = fst.statusCode && fst.statusCode >= 400 && fst.statusCode < 500 ? fst.statusCode : 400;
    const [code, message] = FASTIFY_ERRORS[fst.code] ?? ['REQUEST.INVALID_BODY', 'The request could not be read'];
    return { statusCode, error: REASON[statusCode] ?? 'Error', message, code };
  }
}

/**
 * The database is down, restarting or out of reach (not a bad query): the request could not
 * be carried out and nothing was written (a transaction that lost its connection rolls back),
 * so 503 "try again" rather than a 500. PostgreSQL classes 08 (connection) and 57P (operator
 * intervention: shutdown, restart), and the pg driver's own connection errors.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  // TypeORM marks a query runner released when its connection errors (PostgreSQL shut down
  // between two statements of a transaction); the next statement then throws these.
  if (error instanceof Error && /^QueryRunner(Provider)?AlreadyReleasedError$/.test(error.name)) return true;
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { driverError?: unknown; cause?: unknown }).driverError ?? (e as { cause?: unknown }).cause, depth += 1) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (/^08/.test(code) || /^57P0[1-3]$/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH'].includes(code))) return true;
    if (typeof message === 'string' && /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connect ECONNREFUSED|the database system is (starting up|shutting down)|terminating connection due to administrator command/i.test(message)) return true;
  }
  return false;
}

/** The web pages (everything outside /api and /assets) answer errors as pages, not JSON. */
function isPageRequest(req: FastifyRequest): boolean {
  return !req.url.startsWith('/api') && !req.url.startsWith('/assets/');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);

/**
 * An expired or missing session goes to the sign-in page, which comes back here afterwards;
 * any other error is a small page saying what happened (no internals, like the JSON).
 */
function sendPageError(reply: FastifyReply, req: FastifyRequest, body: ErrorBody): void {
  if (body.statusCode === 401) {
    const next = req.method === 'GET' ? req.url : '/';
    void reply.status(303).header('location', `/login?next=${encodeURIComponent(next)}`).send();
    return;
  }
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${body.statusCode} ${escapeHtml(body.error)} · breach-clock</title><link rel="stylesheet" href="/assets/pico.min.css"></head><body><main class="container"><h1>${escapeHtml(body.error)}</h1><p>${escapeHtml(body.message)}</p>${body.requestId ? `<p><small>Request ${escapeHtml(body.requestId)}</small></p>` : ''}<p><a href="/">Back to the deadlines</a></p></main></body></html>`;
  void reply.status(body.statusCode).header('content-type', 'text/html; charset=utf-8').send(html);
}
