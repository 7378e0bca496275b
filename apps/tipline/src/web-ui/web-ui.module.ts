import { DynamicModule, Module } from '@nestjs/common';
import { isBuiltWebApp, WebAppModule, type ServiceInfrastructure } from '@vigil/platform';
import { resolve } from 'node:path';

/**
 * Serves the tipline web app (apps/tipline-web, built by `npm run build` into
 * dist/apps/tipline-web) at `/`: the public reporting form, and the analysts' console at
 * `/#/staff`. index.html is the fallback of every other GET; the API, docs and health keep their
 * paths. The same arrangement as hash-detection's staff UI (apps may not share code with each
 * other, hence a module of its own).
 */

/** Path prefixes the app never answers: they 404 as JSON instead of returning index.html. */
export const TIPLINE_WEB_EXCLUDED_PATHS = ['/api', '/docs', '/docs-json', '/health'];

/**
 * The built app: beside the compiled service in dist/ (dist/apps/tipline/src/web-ui → dist/apps/tipline-web),
 * or, when the service runs from its TypeScript sources (tests), the repository's dist/. A
 * folder counts only if Vite built it (index.html and assets/), never the unbuilt source folder.
 */
export function findBuiltTiplineWeb(here = __dirname): string | undefined {
  const candidates = [resolve(here, '..', '..', '..', 'tipline-web'), resolve(here, '..', '..', '..', '..', 'dist', 'apps', 'tipline-web')];
  return candidates.find(isBuiltWebApp);
}

@Module({})
export class TiplineWebModule {
  static register(infra: Pick<ServiceInfrastructure, 'log'>, locate: () => string | undefined = findBuiltTiplineWeb): DynamicModule {
    return {
      module: TiplineWebModule,
      imports: [WebAppModule.register({ rootPath: locate(), excludedPrefixes: TIPLINE_WEB_EXCLUDED_PATHS, name: 'tipline web app', log: infra.log })],
    };
  }
}
