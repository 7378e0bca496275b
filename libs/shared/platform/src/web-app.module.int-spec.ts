import type { INestApplication } from '@nestjs/common';
import { fakeWebAppBuild, PROBE_UI_TEXT, startWebAppProbe } from '@vigil/test-fixtures';
import { rmSync } from 'node:fs';
import { WEB_APP_CONTENT_SECURITY_POLICY, WebAppModule } from './web-app.module';

const EXCLUDED = ['/api', '/docs', '/docs-json', '/health'];

describe('a web app served beside a service API (WebAppModule)', () => {
  const built = fakeWebAppBuild();
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    ({ app, base } = await startWebAppProbe(WebAppModule.register({ rootPath: built, excludedPrefixes: EXCLUDED, name: 'probe app', log: () => undefined })));
  });

  afterAll(async () => {
    await app?.close();
    rmSync(built, { recursive: true, force: true });
  });

  it('serves index.html at / with a content security policy', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(PROBE_UI_TEXT);
    expect(response.headers.get('content-security-policy')).toBe(WEB_APP_CONTENT_SECURITY_POLICY);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('serves the bundles and falls back to index.html for the app’s own paths', async () => {
    expect(await (await fetch(`${base}/assets/app.js`)).text()).toBe('console.log(1)');
    const deep = await fetch(`${base}/some/deep/path`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain(PROBE_UI_TEXT);
  });

  it('leaves the API and health to their controllers, and an unknown API path is a JSON 404, not the UI', async () => {
    expect(await (await fetch(`${base}/api/v1/probe`)).json()).toEqual({ ok: true });
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok' });
    const missing = await fetch(`${base}/api/v1/not-there`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/json/);
    expect((await fetch(`${base}/docs-json`)).status).toBe(404);
    expect((await fetch(`${base}/admin/queues`)).headers.get('content-type')).toMatch(/json/);
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
  });

  it('leaves a malformed JSON body on an API route to Nest: a 400, not a 404 or the UI', async () => {
    const response = await fetch(`${base}/api/v1/probe`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"broken":' });
    expect(response.status).toBe(400);
    const echoed = await fetch(`${base}/api/v1/probe`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"ok":1}' });
    expect(await echoed.json()).toEqual({ ok: 1 });
  });

  it('starts without the app when it was not built, and says so', async () => {
    const lines: string[] = [];
    const bare = await startWebAppProbe(WebAppModule.register({ rootPath: undefined, excludedPrefixes: EXCLUDED, name: 'probe app', log: (line) => lines.push(line) }));
    try {
      expect(lines.join('\n')).toMatch(/probe app not built/);
      expect((await fetch(`${bare.base}/`)).status).toBe(404);
      expect(await (await fetch(`${bare.base}/api/v1/probe`)).json()).toEqual({ ok: true });
    } finally {
      await bare.app.close();
    }
  });
});
