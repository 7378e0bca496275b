import { Body, Controller, Get, Module, Post, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
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
