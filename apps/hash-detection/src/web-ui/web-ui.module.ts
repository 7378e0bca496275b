import { DynamicModule, Module } from '@nestjs/common';
import { isBuiltWebApp, WebAppModule, type ServiceInfrastructure } from '@vigil/platform';
import { resolve } from 'node:path';

/**
 * Serves the staff UI (apps/hash-detection-web, built by `npm run build` into
 * dist/apps/hash-detection-web) at `/`, with index.html as the fallback of every other GET so
 * the single-page app answers its own routes. The API, docs and health keep their paths.
 */

/** Paths the UI never answers (path-to-regexp v8 syntax, as Express 5 uses): they 404 as JSON instead of returning index.html. */
export const WEB_UI_EXCLUDED_PATHS = ['/api', '/docs', '/docs-json', '/health', '/v1', '/h', '/m'];

/**
 * The built UI: beside the compiled app in dist/ (dist/apps/hash-detection/src/web-ui → dist/apps/hash-detection-web),
 * or, when the app runs from its TypeScript sources (tests), the repository's dist/. A folder
 * counts only if Vite built it (index.html and assets/), never the unbuilt source folder.
 */
export function findBuiltWebUi(here = __dirname): string | undefined {
  const candidates = [resolve(here, '..', '..', '..', 'hash-detection-web'), resolve(here, '..', '..', '..', '..', 'dist', 'apps', 'hash-detection-web')];
  return candidates.find(isBuiltWebApp);
}

@Module({})
export class WebUiModule {
  static register(infra: Pick<ServiceInfrastructure, 'log'>, locate: () => string | undefined = findBuiltWebUi): DynamicModule {
    return {
      module: WebUiModule,
      imports: [WebAppModule.register({ rootPath: locate(), excludedPrefixes: WEB_UI_EXCLUDED_PATHS, name: 'web UI', log: infra.log })],
    };
  }
}
