import { DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import type { ServiceInfrastructure } from '@vigil/platform';
import type { Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Serves the staff UI (apps/hash-detection-web, built by `npm run build` into
 * dist/apps/hash-detection-web) at `/`, with index.html as the fallback of every other GET so
 * the single-page app answers its own routes. The API, docs and health keep their paths.
 */

/** Paths the UI never answers (path-to-regexp v8 syntax, as Express 5 uses): they 404 as JSON instead of returning index.html. */
export const WEB_UI_EXCLUDED_PATHS = ['/api/{*path}', '/docs', '/docs/{*path}', '/docs-json', '/health', '/v1/{*path}', '/h/{*path}', '/m/{*path}'];

/**
 * Only what the built app needs: its own scripts and styles, images from the API as blob:
 * URLs, API calls to its own origin; no inline script, no framing, no plugins.
 */
export const WEB_UI_CONTENT_SECURITY_POLICY = [
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

/**
 * The built UI: beside the compiled app in dist/ (dist/apps/hash-detection/src/web-ui → dist/apps/hash-detection-web),
 * or, when the app runs from its TypeScript sources (tests), the repository's dist/. A folder
 * counts only if Vite built it (index.html and assets/), never the unbuilt source folder.
 */
export function findBuiltWebUi(here = __dirname): string | undefined {
  const candidates = [resolve(here, '..', '..', '..', 'hash-detection-web'), resolve(here, '..', '..', '..', '..', 'dist', 'apps', 'hash-detection-web')];
  return candidates.find((folder) => existsSync(join(folder, 'index.html')) && existsSync(join(folder, 'assets')));
}

function securityHeaders(response: Response, path: string): void {
  response.setHeader('Content-Security-Policy', WEB_UI_CONTENT_SECURITY_POLICY);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  // index.html names the hashed bundles of the current build: never cache it; the bundles may be.
  if (path.endsWith('.html')) response.setHeader('Cache-Control', 'no-cache');
}

@Module({})
export class WebUiModule {
  static register(infra: Pick<ServiceInfrastructure, 'log'>, locate: () => string | undefined = findBuiltWebUi): DynamicModule {
    const rootPath = locate();
    if (!rootPath) {
      infra.log('web UI not built (run `npm run build`): serving the API only');
      return { module: WebUiModule };
    }
    return {
      module: WebUiModule,
      imports: [
        ServeStaticModule.forRoot({
          rootPath,
          exclude: WEB_UI_EXCLUDED_PATHS,
          serveStaticOptions: { index: 'index.html', setHeaders: securityHeaders },
        }),
      ],
    };
  }
}
