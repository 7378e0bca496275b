import { Body, Controller, Get, Module, Post, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What a fake build's index.html says, so a test can tell the web app's answer from the API's. */
export const PROBE_UI_TEXT = 'probe UI';

/** A folder shaped like a Vite build (index.html and assets/app.js); the caller removes it. */
export function fakeWebAppBuild(): string {
  const built = mkdtempSync(join(tmpdir(), 'vigil-web-app-'));
  mkdirSync(join(built, 'assets'));
  writeFileSync(join(built, 'index.html'), `<!doctype html><title>${PROBE_UI_TEXT}</title>`);
  writeFileSync(join(built, 'assets', 'app.js'), 'console.log(1)');
  return built;
}

@Controller()
class ProbeController {
  @Get('api/v1/probe')
  probe() {
    return { ok: true };
  }

  @Post('api/v1/probe')
  echo(@Body() body: unknown) {
    return body;
  }

  @Get('health')
  health() {
    return { status: 'ok' };
  }
}

/**
 * A Nest app with a web-app module beside a small API (GET/POST /api/v1/probe, GET /health),
 * listening on a free port. Built with NestFactory as the services are: the web app mounts
 * itself on the HTTP adapter, which the testing module does not set up.
 */
export async function startWebAppProbe(webApp: DynamicModule): Promise<{ app: INestApplication; base: string }> {
  @Module({ imports: [webApp], controllers: [ProbeController] })
  class ProbeRootModule {}
  const app = await NestFactory.create(ProbeRootModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  return { app, base: await app.getUrl() };
}

/** What a service's web-UI module spec checks of its own wiring (see describeServedWebApp). */
export interface ServedWebApp {
  /** The service's module, as it registers itself. */
  register: (infra: { log: (line: string) => void }, locate: () => string | undefined) => DynamicModule;
  /** The service's build lookup (findBuiltWebApp for its folder). */
  findBuilt: (here: string) => string | undefined;
  /** A route of the single-page app, served index.html. */
  appRoute: string;
  /** Paths the service keeps for itself: they must 404 as JSON, not return index.html. */
  servicePaths: readonly string[];
  /** What the log says when the app was not built. */
  notBuilt: RegExp;
}

/**
 * The checks each service's web-UI module spec makes of its own wiring; how a web app is served
 * (CSP, bundles, fallback, API left alone, bad bodies left to Nest) is tested once, in
 * libs/shared/platform/src/web-app.module.int-spec.ts.
 */
export function describeServedWebApp(title: string, served: ServedWebApp): void {
  describe(title, () => {
    const built = fakeWebAppBuild();
    let app: INestApplication;
    let base: string;

    beforeAll(async () => {
      ({ app, base } = await startWebAppProbe(served.register({ log: () => undefined }, () => built)));
    });

    afterAll(async () => {
      await app?.close();
      rmSync(built, { recursive: true, force: true });
    });

    it('loads the app on its own routes and keeps the service’s API paths out of it', async () => {
      const deep = await fetch(`${base}${served.appRoute}`);
      expect(deep.status).toBe(200);
      expect(await deep.text()).toContain(PROBE_UI_TEXT);
      expect(await (await fetch(`${base}/api/v1/probe`)).json()).toEqual({ ok: true });
      for (const path of served.servicePaths) {
        const response = await fetch(`${base}${path}`);
        expect([path, response.status]).toEqual([path, 404]);
      }
    });

    it('finds no build in an unbuilt tree, then starts without the app and says so', async () => {
      const empty = mkdtempSync(join(tmpdir(), 'vigil-no-ui-'));
      try {
        expect(served.findBuilt(join(empty, 'a', 'b', 'c'))).toBeUndefined();
        const lines: string[] = [];
        const bare = await startWebAppProbe(served.register({ log: (line) => lines.push(line) }, () => undefined));
        expect(lines.join('\n')).toMatch(served.notBuilt);
        expect((await fetch(`${bare.base}/`)).status).toBe(404);
        await bare.app.close();
      } finally {
        rmSync(empty, { recursive: true, force: true });
      }
    });
  });
}
