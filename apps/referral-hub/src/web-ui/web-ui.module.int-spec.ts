import type { INestApplication } from '@nestjs/common';
import { fakeWebAppBuild, PROBE_UI_TEXT, startWebAppProbe } from '@vigil/test-fixtures';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBuiltReferralHubWeb, ReferralHubWebModule } from './web-ui.module';

// How a web app is served (CSP, bundles, fallback, API left alone, bad bodies left to Nest) is
// tested once, in libs/shared/platform/src/web-app.module.int-spec.ts; this covers what is this app's own.
describe('the staff web UI served by the referral hub', () => {
  const built = fakeWebAppBuild();
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    ({ app, base } = await startWebAppProbe(ReferralHubWebModule.register({ log: () => undefined }, () => built)));
  });

  afterAll(async () => {
    await app?.close();
    rmSync(built, { recursive: true, force: true });
  });

  it('loads the app on its own routes and keeps the service’s API paths out of it', async () => {
    const deep = await fetch(`${base}/some/deep/path`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain(PROBE_UI_TEXT);
    expect(await (await fetch(`${base}/api/v1/probe`)).json()).toEqual({ ok: true });
    for (const path of ['/docs-json', '/api/v1/cases-nope']) {
      const response = await fetch(`${base}${path}`);
      expect([path, response.status]).toEqual([path, 404]);
    }
  });

  it('finds no build in an unbuilt tree, then starts without the app and says so', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'vigil-no-ui-'));
    try {
      expect(findBuiltReferralHubWeb(join(empty, 'a', 'b', 'c'))).toBeUndefined();
      const lines: string[] = [];
      const bare = await startWebAppProbe(ReferralHubWebModule.register({ log: (line) => lines.push(line) }, () => undefined));
      expect(lines.join('\n')).toMatch(/referral hub web UI not built/);
      expect((await fetch(`${bare.base}/`)).status).toBe(404);
      await bare.app.close();
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
