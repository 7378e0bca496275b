import { DynamicModule, Inject, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { static as serveStatic, type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface WebAppOptions {
  /** The Vite build folder (index.html and assets/); undefined when the app was not built. */
  rootPath: string | undefined;
  /** Path prefixes the web app never answers ('/api' covers '/api' and '/api/...'): they stay the API's, and 404 as JSON. */
  excludedPrefixes: readonly string[];
  /** Defaults to WEB_APP_CONTENT_SECURITY_POLICY. */
  contentSecurityPolicy?: string;
  /** Named in the log line when the app was not built. */
  name: string;
  log: (message: string) => void;
}

const WEB_APP_OPTIONS = Symbol('WebAppOptions');

/** /metrics and the queue board (/admin/queues), which every service serves beside its web app. */
export const OPERATIONS_PATH_PREFIXES = ['/metrics', '/admin'];

/**
 * What a Vite-built app needs and no more: its own scripts and styles, media as blob: URLs, API
 * calls to its own origin; no inline script, no framing, no plugins, and no third-party origin, so
 * a visit (a public reporter's included) reaches nobody but this service.
 */
export const WEB_APP_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** True when the folder holds a Vite build (index.html and assets/), not an unbuilt source folder. */
export function isBuiltWebApp(folder: string): boolean {
  return existsSync(join(folder, 'index.html')) && existsSync(join(folder, 'assets'));
}

/** What every service keeps for itself beside its web app: its API, API description and health. */
export const SERVICE_PATH_PREFIXES = ['/api', '/docs', '/docs-json', '/health'];

/**
 * Where a service finds its built web app (`webApp`, e.g. `tipline-web`), asked from the service's
 * `src/web-ui` folder (`here`): beside the compiled service in dist/ (dist/apps/<service>/src/web-ui
 * → dist/apps/<webApp>), or, when the service runs from its TypeScript sources (tests), the
 * repository's dist/. A folder counts only if Vite built it, never the unbuilt source folder.
 */
export function findBuiltWebApp(webApp: string, here: string): string | undefined {
  const candidates = [resolve(here, '..', '..', '..', webApp), resolve(here, '..', '..', '..', '..', 'dist', 'apps', webApp)];
  return candidates.find(isBuiltWebApp);
}

export function isExcludedPath(path: string, prefixes: readonly string[]): boolean {
  return prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * Serves a single-page web app beside a service's API: its files, and index.html for any other
 * GET, so the app's own routes load. Mounted after the API routes (at module init, once Nest has
 * registered its router), so a controller always wins. Only plain GET/HEAD requests reach it:
 * errors (a malformed JSON body, say) and other methods go on to Nest's own handling, which is
 * why this is not @nestjs/serve-static, whose error hook turns such errors on excluded paths
 * into 404s.
 */
@Module({})
export class WebAppModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost, @Inject(WEB_APP_OPTIONS) private readonly options: WebAppOptions) {}

  static register(options: WebAppOptions): DynamicModule {
    return { module: WebAppModule, providers: [{ provide: WEB_APP_OPTIONS, useValue: options }] };
  }

  onModuleInit(): void {
    const { rootPath, excludedPrefixes, contentSecurityPolicy = WEB_APP_CONTENT_SECURITY_POLICY, name, log } = this.options;
    if (!rootPath) {
      log(`${name} not built (run \`npm run build\`): serving the API only`);
      return;
    }
    const securityHeaders = (response: Response, path: string) => {
      response.setHeader('Content-Security-Policy', contentSecurityPolicy);
      response.setHeader('X-Content-Type-Options', 'nosniff');
      // The browser tells no other site that it came from here.
      response.setHeader('Referrer-Policy', 'no-referrer');
      // index.html names the hashed bundles of the current build: never cache it; the bundles may be.
      if (path.endsWith('.html')) response.setHeader('Cache-Control', 'no-cache');
    };
    const files = serveStatic(rootPath, { index: false, setHeaders: securityHeaders });
    // Operations routes stay the API's on every app: without a queue board (in-process bus),
    // /admin/queues is a JSON 404, not the web app.
    const excluded = [...excludedPrefixes, ...OPERATIONS_PATH_PREFIXES];
    const indexHtml = join(rootPath, 'index.html');
    const app = this.adapterHost.httpAdapter.getInstance<{ use(handler: (request: Request, response: Response, next: NextFunction) => void): void }>();
    app.use((request, response, next) => {
      if ((request.method !== 'GET' && request.method !== 'HEAD') || isExcludedPath(request.path, excluded)) return next();
      files(request, response, () => {
        securityHeaders(response, indexHtml);
        response.sendFile(indexHtml);
      });
    });
  }
}
