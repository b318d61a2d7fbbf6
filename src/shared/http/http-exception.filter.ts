import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, type DomainErrorKind } from '../domain/domain-error.js';
import type { RequestWithContext } from './request-context.js';

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

/** Errors thrown by body-parser before routing carry `status` and `type`. */
interface ParserError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
}

/**
 * The one place where errors become HTTP. Domain refusals keep their stable code; anything
 * unexpected becomes a 500 that leaks nothing but the request id, and is logged in full.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<RequestWithContext>();
    const body = this.toBody(exception, req);
    body.requestId = req.requestId;
    if (body.statusCode >= 500) {
      const detail = exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
      this.logger.error(`${req.method} ${req.originalUrl} failed [request ${req.requestId}]: ${detail}`);
    }
    if (res.headersSent) return;
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, req: RequestWithContext): ErrorBody {
    if (exception instanceof DomainError) {
      const statusCode = KIND_STATUS[exception.kind];
      return { statusCode, error: REASON[statusCode] ?? 'Error', message: exception.message, code: exception.code, details: exception.details };
    }
    const parserBody = this.fromBodyParser(exception instanceof HttpException ? exception.cause : exception);
    if (parserBody) return parserBody;
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
        body.message = `No route for ${req.method} ${req.path}`;
      }
      return body;
    }
    return {
      statusCode: 500,
      error: REASON[500] as string,
      message: 'Unexpected error. Quote the request id to your administrator.',
    };
  }

  /** body-parser errors (malformed JSON, body over the limit) carry `type` and `expose`. */
  private fromBodyParser(error: unknown): ErrorBody | undefined {
    const parser = error as ParserError | undefined;
    if (!parser || typeof parser !== 'object' || typeof parser.type !== 'string' || !parser.expose) return undefined;
    const statusCode = parser.status ?? parser.statusCode ?? 400;
    const known: Record<string, [string, string]> = {
      'entity.parse.failed': ['REQUEST.MALFORMED_JSON', 'The request body is not valid JSON'],
      'entity.too.large': ['REQUEST.TOO_LARGE', 'The request body is larger than the 1 MB limit'],
      'encoding.unsupported': ['REQUEST.UNSUPPORTED_ENCODING', 'The request body encoding is not supported'],
      'charset.unsupported': ['REQUEST.UNSUPPORTED_CHARSET', 'The request body charset is not supported'],
      'request.aborted': ['REQUEST.ABORTED', 'The request was aborted'],
    };
    const [code, message] = known[parser.type] ?? ['REQUEST.INVALID_BODY', 'The request body could not be read'];
    return { statusCode, error: REASON[statusCode] ?? 'Error', message, code };
  }
}
