import { Controller, Get, Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WEB_APP_CONTENT_SECURITY_POLICY } from '@vigil/platform';
import { findBuiltTiplineWeb, TiplineWebModule } from './web-ui.module';

@Controller()
class ProbeController {
  @Get('api/v1/probe')
  probe() {
    return { ok: true };
  }

  @Get('health')
  health() {
    return { status: 'ok' };
  }
}

/** As the service starts: NestFactory sets the HTTP adapter before modules are created (the testing module does not, and the web app mounts itself on it). */
async function appWith(webUi: DynamicModule): Promise<INestApplication> {
  @Module({ imports: [webUi], controllers: [ProbeController] })
  class ProbeRootModule {}
  return NestFactory.create(ProbeRootModule, { logger: false });
}

describe('the tipline web app served by the tipline', () => {
  const built = mkdtempSync(join(tmpdir(), 'vigil-web-ui-'));
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    mkdirSync(join(built, 'assets'));
    writeFileSync(join(built, 'index.html'), '<!doctype html><title>probe UI</title>');
    writeFileSync(join(built, 'assets', 'app.js'), 'console.log(1)');
    app = await appWith(TiplineWebModule.register({ log: () => undefined }, () => built));
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    rmSync(built, { recursive: true, force: true });
  });

  it('serves index.html at / with a content security policy', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('probe UI');
    expect(response.headers.get('content-security-policy')).toBe(WEB_APP_CONTENT_SECURITY_POLICY);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('serves the bundles and falls back to index.html for the app’s own paths', async () => {
    expect(await (await fetch(`${base}/assets/app.js`)).text()).toBe('console.log(1)');
    const deep = await fetch(`${base}/some/deep/path`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('probe UI');
  });

  it('leaves the API and health to their controllers, and an unknown API path is a JSON 404, not the UI', async () => {
    expect(await (await fetch(`${base}/api/v1/probe`)).json()).toEqual({ ok: true });
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok' });
    const missing = await fetch(`${base}/api/v1/not-there`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/json/);
    for (const path of ['/docs-json', '/api/v1/reports-nope']) {
      const response = await fetch(`${base}${path}`);
      expect([path, response.status]).toEqual([path, 404]);
    }
  });

  it('starts without the UI when it was not built, and says so', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'vigil-no-ui-'));
    try {
      expect(findBuiltTiplineWeb(join(empty, 'a', 'b', 'c'))).toBeUndefined();
      const lines: string[] = [];
      const bare = await appWith(TiplineWebModule.register({ log: (line) => lines.push(line) }, () => undefined));
      await bare.listen(0, '127.0.0.1');
      expect(lines.join('\n')).toMatch(/tipline web app not built/);
      expect((await fetch(`${await bare.getUrl()}/`)).status).toBe(404);
      expect(await (await fetch(`${await bare.getUrl()}/api/v1/probe`)).json()).toEqual({ ok: true });
      await bare.close();
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
