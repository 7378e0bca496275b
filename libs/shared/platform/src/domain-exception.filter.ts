import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { isDomainError, type DomainErrorKind } from '@vigil/kernel';
import type { Request, Response } from 'express';

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  validation: HttpStatus.BAD_REQUEST,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  forbidden: HttpStatus.FORBIDDEN,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  'too-large': HttpStatus.PAYLOAD_TOO_LARGE,
};

/** Multer's upload errors, reported with the field they concern. */
const MULTER_STATUS: Record<string, number> = {
  LIMIT_FILE_SIZE: HttpStatus.PAYLOAD_TOO_LARGE,
  LIMIT_FILE_COUNT: HttpStatus.PAYLOAD_TOO_LARGE,
  LIMIT_FIELD_VALUE: HttpStatus.PAYLOAD_TOO_LARGE,
  LIMIT_PART_COUNT: HttpStatus.PAYLOAD_TOO_LARGE,
  LIMIT_UNEXPECTED_FILE: HttpStatus.BAD_REQUEST,
  LIMIT_FIELD_KEY: HttpStatus.BAD_REQUEST,
  LIMIT_FIELD_COUNT: HttpStatus.BAD_REQUEST,
};

/**
 * busboy's errors for a multipart body it cannot read (the list Nest's own upload interceptor
 * maps to 400). Uploads parsed by multer as route middleware (the match API) reach this filter
 * with these plain Errors, not MulterErrors.
 */
const MALFORMED_MULTIPART = new Set(['Multipart: Boundary not found', 'Malformed part header', 'Unexpected end of form', 'Unexpected end of file', 'Malformed content type']);

/**
 * One place where failures become HTTP answers: expected failures get a 4xx naming the
 * field; anything else is a bug, logged with its stack, answered with a bare 500 that
 * carries no stack trace or SQL.
 */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    if (response.headersSent) return;

    if (isDomainError(error)) {
      const status = STATUS_BY_KIND[error.kind];
      response.status(status).json({ statusCode: status, error: error.name, message: error.message, field: error.field });
      return;
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const body = error.getResponse();
      response.status(status).json(typeof body === 'string' ? { statusCode: status, message: body } : body);
      return;
    }
    const multer = error as { name?: string; code?: string; field?: string; message?: string };
    if (multer?.name === 'MulterError' && multer.code) {
      const status = MULTER_STATUS[multer.code] ?? HttpStatus.BAD_REQUEST;
      response.status(status).json({ statusCode: status, error: multer.code, message: `${multer.field ?? 'upload'}: ${multer.message}`, field: multer.field });
      return;
    }
    if (error instanceof Error && MALFORMED_MULTIPART.has(error.message)) {
      response.status(HttpStatus.BAD_REQUEST).json({ statusCode: 400, error: 'malformed-multipart', message: `body: the multipart/form-data body cannot be read (${error.message})`, field: 'body' });
      return;
    }
    const parse = error as { type?: string; status?: number; message?: string };
    if (parse?.type === 'entity.parse.failed' || parse?.type === 'entity.too.large') {
      const status = parse.status ?? 400;
      response.status(status).json({ statusCode: status, error: parse.type, message: parse.type === 'entity.too.large' ? 'request body is too large' : 'request body is not valid JSON' });
      return;
    }
    if (isDatabaseUnavailable(error)) {
      // An outage, not a bug: the client may retry, and the log needs no stack.
      this.logger.warn(`${request.method} ${(request.originalUrl ?? request.url).split('?')[0]} refused: the database is unavailable (${describeOutage(error)})`);
      response.setHeader?.('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      response.status(503).json({ statusCode: 503, error: 'Service Unavailable', message: 'the database is unavailable; nothing was saved; try again shortly' });
      return;
    }
    // The path only (a query may carry a search term); the log line carries the request id.
    this.logger.error(`${request.method} ${(request.originalUrl ?? request.url).split('?')[0]} failed: ${(error as Error)?.stack ?? String(error)}`);
    response.status(500).json({ statusCode: 500, error: 'Internal Server Error', message: 'an unexpected error occurred; it has been logged' });
  }
}

const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Socket errors of a connection that could not be made or was cut. */
const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** SQLSTATEs of a server going away: class 08 (connection exception), and shutdown or start-up (57P01–57P03). */
const UNAVAILABLE_SQLSTATES = /^(08\d{3}|57P0[123])$/;
/** node-postgres's own messages when the socket closes under it, or the pool cannot connect in time. */
const PG_CONNECTION_MESSAGES = new Set(['Connection terminated unexpectedly', 'Connection terminated', 'timeout exceeded when trying to connect']);

/**
 * Whether an error means Postgres could not be reached (restarting, failing over, network cut),
 * looking through TypeORM's `driverError`, `cause` and AggregateError's `errors`. Recognised by
 * codes and node-postgres's exact messages, never by words an ordinary error could contain.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const candidate = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  if (typeof candidate.code === 'string' && (CONNECTION_ERROR_CODES.has(candidate.code) || UNAVAILABLE_SQLSTATES.test(candidate.code))) return true;
  if (typeof candidate.message === 'string' && PG_CONNECTION_MESSAGES.has(candidate.message)) return true;
  const nested = [candidate.driverError, candidate.cause, ...(Array.isArray(candidate.errors) ? candidate.errors : [])];
  return nested.some((inner) => isDatabaseUnavailable(inner, depth + 1));
}

function describeOutage(error: unknown): string {
  const candidate = error as { code?: unknown; message?: unknown };
  return typeof candidate?.code === 'string' ? candidate.code : String(candidate?.message ?? 'connection error');
}
