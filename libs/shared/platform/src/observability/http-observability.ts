import { isWellFormedRequestId, withRequestId } from '@vigil/messaging';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
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
 */
export function requestLoggingMiddleware(logger: Logger, highVolumePaths: readonly string[] = []): Middleware {
  const highVolume = new Set(highVolumePaths);
  return pinoHttp({
    logger,
    genReqId: (request) => String((request as Request & { id?: string }).id ?? randomUUID()),
    serializers: {
      req: (request: { id?: string; method?: string; url?: string }) => ({ method: request.method, path: pathOnly(request.url) }),
      res: (response: { statusCode?: number }) => ({ statusCode: response.statusCode }),
    },
    customLogLevel: (request, response, error) => {
      if (error || response.statusCode >= 500) return 'error';
      if (response.statusCode >= 400) return 'warn';
      const path = pathOnly(originalUrl(request));
      if (QUIET_PATHS.has(path)) return 'silent';
      return highVolume.has(path) ? 'debug' : 'info';
    },
    customSuccessObject: (request, _response, value: object) => ({ ...value, requestId: (request as Request & { id?: string }).id, route: routeTemplate(request as Request) }),
    customErrorObject: (request, _response, _error, value: object) => ({ ...value, requestId: (request as Request & { id?: string }).id, route: routeTemplate(request as Request) }),
    customSuccessMessage: (request, response) => `${request.method} ${pathOnly(originalUrl(request))} ${response.statusCode}`,
    customErrorMessage: (request, response) => `${request.method} ${pathOnly(originalUrl(request))} ${response.statusCode}`,
  }) as unknown as Middleware;
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
