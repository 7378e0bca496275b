import { DynamicModule, Module } from '@nestjs/common';
import { findBuiltWebApp, SERVICE_PATH_PREFIXES, WebAppModule, type ServiceInfrastructure } from '@vigil/platform';

/**
 * Serves the staff UI (apps/hash-detection-web, built by `npm run build` into
 * dist/apps/hash-detection-web) at `/`, with index.html as the fallback of every other GET so
 * the single-page app answers its own routes. The API, docs and health keep their paths.
 */

/** Paths the UI never answers, beyond every service's own: the Arachnid Shield (/v1) and HMA (/h, /m) shapes of the match API. */
export const WEB_UI_EXCLUDED_PATHS = [...SERVICE_PATH_PREFIXES, '/v1', '/h', '/m'];

/** The built UI (see findBuiltWebApp). */
export function findBuiltWebUi(here = __dirname): string | undefined {
  return findBuiltWebApp('hash-detection-web', here);
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
