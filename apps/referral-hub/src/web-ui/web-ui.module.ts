import { DynamicModule, Module } from '@nestjs/common';
import { isBuiltWebApp, WebAppModule, type ServiceInfrastructure } from '@vigil/platform';
import { resolve } from 'node:path';

/**
 * Serves the staff UI (apps/referral-hub-web, built by `npm run build` into
 * dist/apps/referral-hub-web) at `/`, with index.html as the fallback of every other GET so the
 * single-page app answers its own routes. The API, docs and health keep their paths. The same
 * arrangement as the other services' UIs (apps may not share code with each other, hence a
 * module of its own).
 */

/** Path prefixes the UI never answers: they 404 as JSON instead of returning index.html. */
export const REFERRAL_HUB_WEB_EXCLUDED_PATHS = ['/api', '/docs', '/docs-json', '/health'];

/**
 * The built UI: beside the compiled service in dist/ (dist/apps/referral-hub/src/web-ui → dist/apps/referral-hub-web),
 * or, when the service runs from its TypeScript sources (tests), the repository's dist/. A
 * folder counts only if Vite built it (index.html and assets/), never the unbuilt source folder.
 */
export function findBuiltReferralHubWeb(here = __dirname): string | undefined {
  const candidates = [resolve(here, '..', '..', '..', 'referral-hub-web'), resolve(here, '..', '..', '..', '..', 'dist', 'apps', 'referral-hub-web')];
  return candidates.find(isBuiltWebApp);
}

@Module({})
export class ReferralHubWebModule {
  static register(infra: Pick<ServiceInfrastructure, 'log'>, locate: () => string | undefined = findBuiltReferralHubWeb): DynamicModule {
    return {
      module: ReferralHubWebModule,
      imports: [WebAppModule.register({ rootPath: locate(), excludedPrefixes: REFERRAL_HUB_WEB_EXCLUDED_PATHS, name: 'referral hub web UI', log: infra.log })],
    };
  }
}
