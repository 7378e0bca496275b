import { isWellFormedRequestId, withRequestId } from '@vigil/messaging';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import { withService } from './service-context';
import type { ServiceMetrics } from './service-metrics';

export const REQUEST_ID_HEADER = 'X-Request-Id';

type Middleware = (request: Request, response: Response, next: NextFunction) => void;

/**
 * Gives every request an id: the caller's X-Request-Id when it is well formed (a proxy's or a
 * partner's), a new UUID otherwise. The id is echoed in the response and is the current request
 * id for everything the request does, events it writes to the outbox included.
 */
export function requestIdMiddleware(service: string): Middleware {
  return (request, response, next) => {
    const offered = request.headers['x-request-id'];
    const requestId = isWellFormedRequestId(offered) ? offered : randomUUID();
    (request as Request & { id: string }).id = requestId;
    response.setHeader(REQUEST_ID_HEADER, requestId);
    withService(service, () => withRequestId(requestId, next));
  };
}

/** The route as declared (`/api/v1/reports/:reference`), so metrics and logs group by endpoint, not by id. */
export function routeTemplate(request: Request): string {
  const path = (request.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${request.baseUrl ?? ''}${path}` : 'unmatched';
}

/** The path without its query string: a search may carry a name or an address. */
function pathOnly(url: string | undefined): string {
  return (url ?? '').split('?')[0];
}

/** Express rewrites `url` inside mounted routers (the queue board); `originalUrl` is what the client asked for. */
function originalUrl(request: { url?: string; originalUrl?: string }): string | undefined {
  return request.originalUrl ?? request.url;
}

const QUIET_PATHS = new Set(['/health', '/metrics']);

/**
 * One JSON line per finished request: method, path, route, status, duration, request id. Never
 * headers, query strings or bodies. Probes (/health, /metrics) are not logged unless they fail;
 * successes on a service's `highVolumePaths` go out at debug (see ServiceDefinition).
 *
 * Written by hand on the response's `finish` rather than with pino-http: that made a child logger
 * and ran serializers for every request, a tenth of the tipline's CPU per public report.
 */
export function requestLoggingMiddleware(logger: Logger, highVolumePaths: readonly string[] = []): Middleware {
  const highVolume = new Set(highVolumePaths);
  // The line's fields are built below from values that are safe to log (method, path without its
  // query, status, duration, ids), so it skips the root logger's redaction pass: with wildcard
  // paths that pass copies every nested object of every line (6 % of what a public report
  // allocates, measured). Everything else logged keeps the redaction.
  const lines = logger.child({}, { redact: [] });
  const levelOf = (path: string, status: number, cutOff: boolean): 'error' | 'warn' | 'info' | 'debug' | undefined => {
    if (status >= 500) return 'error';
    if (cutOff || status >= 400) return 'warn';
    if (QUIET_PATHS.has(path)) return undefined;
    return highVolume.has(path) ? 'debug' : 'info';
  };
  return (request, response, next) => {
    const started = process.hrtime.bigint();
    // cutOff: the client closed the connection before the answer was sent.
    const done = (cutOff: boolean) => {
      const status = response.statusCode;
      const path = pathOnly(originalUrl(request));
      const level = levelOf(path, status, cutOff);
      if (!level || !lines.isLevelEnabled(level)) return;
      lines[level](
        {
          req: { method: request.method, path },
          res: { statusCode: status },
          responseTime: Math.round(Number(process.hrtime.bigint() - started) / 1e6),
          requestId: (request as Request & { id?: string }).id,
          route: routeTemplate(request),
        },
        `${request.method} ${path} ${cutOff ? 'closed by the client before the answer' : status}`,
      );
    };
    response.once('finish', () => done(false));
    response.once('close', () => {
      if (!response.writableFinished) done(true);
    });
    next();
  };
}

/** Counts each finished request and its latency by method, route template and status. */
export function requestMetricsMiddleware(metrics: ServiceMetrics): Middleware {
  return (request, response, next) => {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.observeRequest(request.method, routeTemplate(request), response.statusCode, seconds);
    });
    next();
  };
}
