import { DynamicModule, Module } from '@nestjs/common';
import { findBuiltWebApp, SERVICE_PATH_PREFIXES, WebAppModule, type ServiceInfrastructure } from '@vigil/platform';

/**
 * Serves the staff UI (apps/referral-hub-web, built by `npm run build` into
 * dist/apps/referral-hub-web) at `/`, with index.html as the fallback of every other GET so the
 * single-page app answers its own routes. The API, docs and health keep their paths (they 404 as
 * JSON instead of returning index.html).
 */

/** The built UI (see findBuiltWebApp). */
export function findBuiltReferralHubWeb(here = __dirname): string | undefined {
  return findBuiltWebApp('referral-hub-web', here);
}

@Module({})
export class ReferralHubWebModule {
  static register(infra: Pick<ServiceInfrastructure, 'log'>, locate: () => string | undefined = findBuiltReferralHubWeb): DynamicModule {
    return {
      module: ReferralHubWebModule,
      imports: [WebAppModule.register({ rootPath: locate(), excludedPrefixes: SERVICE_PATH_PREFIXES, name: 'referral hub web UI', log: infra.log })],
    };
  }
}
