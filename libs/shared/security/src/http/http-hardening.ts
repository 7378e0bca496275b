import type { INestApplication } from '@nestjs/common';
import helmet from 'helmet';
import type { TrustProxySetting } from './trust-proxy';

/**
 * Origins allowed to call the API from a browser: `CORS_ORIGINS`, a comma-separated list of
 * exact origins (`https://staff.example.org`). Empty or unset: closed, no cross-origin browser
 * call is allowed (same-origin pages, like the hash-detection staff UI, need none).
 */
export function corsOriginsFromEnv(env: NodeJS.ProcessEnv): string[] {
  return (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin.length > 0);
}

/**
 * The client's address taken from trusted proxies only (see trustProxyFromEnv); security headers
 * (helmet's defaults: a CSP, HSTS, nosniff, frame-ancestors none, no referrer leaks) on every
 * response; and CORS closed unless origins are listed. Pages with their own, stricter CSP (the
 * staff web UI's static files) set it after helmet and it replaces helmet's.
 */
export function applyHttpHardening(app: INestApplication, corsOrigins: readonly string[], trustProxy: TrustProxySetting = false): void {
  // Who the client is (the public rate limit's key): the TCP peer, or what trusted proxies say (TRUST_PROXY).
  const express = app.getHttpAdapter().getInstance() as { set(setting: string, value: unknown): unknown };
  try {
    express.set('trust proxy', trustProxy);
  } catch (error) {
    throw new Error(`TRUST_PROXY: ${(error as Error).message}`);
  }
  // No upgrade-insecure-requests: TLS is the deployment's to terminate, and on a plain-HTTP
  // network (a lab, the embedded demo) it would break /docs and the staff UIs' own requests.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  // A disallowed origin gets no Access-Control-Allow-Origin header, so the browser refuses the
  // response; preflights from it are answered without the allow headers too.
  app.enableCors({
    origin: corsOrigins.length > 0 ? [...corsOrigins] : false,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Api-Key', 'X-Request-Id'],
    exposedHeaders: ['Retry-After', 'X-Request-Id'],
    maxAge: 600,
  });
}
