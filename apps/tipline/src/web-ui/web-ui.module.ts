import { DynamicModule, Module } from '@nestjs/common';
import { findBuiltWebApp, SERVICE_PATH_PREFIXES, WebAppModule, type ServiceInfrastructure } from '@vigil/platform';

/**
 * Serves the tipline web app (apps/tipline-web, built by `npm run build` into
 * dist/apps/tipline-web) at `/`: the public reporting form, and the analysts' console at
 * `/#/staff`. index.html is the fallback of every other GET; the API, docs and health keep their
 * paths (they 404 as JSON instead of returning index.html).
 */

/** The built app (see findBuiltWebApp). */
export function findBuiltTiplineWeb(here = __dirname): string | undefined {
  return findBuiltWebApp('tipline-web', here);
}

@Module({})
export class TiplineWebModule {
  static register(infra: Pick<ServiceInfrastructure, 'log'>, locate: () => string | undefined = findBuiltTiplineWeb): DynamicModule {
    return {
      module: TiplineWebModule,
      imports: [WebAppModule.register({ rootPath: locate(), excludedPrefixes: SERVICE_PATH_PREFIXES, name: 'tipline web app', log: infra.log })],
    };
  }
}
