import { Controller, Get, Module, Post, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { PartnerAccess, Public, Roles } from '@vigil/security';
import { decoratorDecisions, servedRoutes } from './route-inventory';

@Controller('api/v1/things')
class ThingsController {
  @Get() @Roles('analyst') list() { return []; }
  @Post(':id/secret') @ApiExcludeEndpoint() @Roles('admin') @PartnerAccess('match') hidden() { return {}; }
  @Get('open') @Public() open() { return {}; }
  @Get('undecided') undecided() { return {}; }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

describe('route inventory', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await NestFactory.create(ThingsModule, { logger: false });
    app.use('/raw-metrics', (_request: unknown, response: { end(): void }) => response.end());
    await app.init();
  });
  afterAll(() => app.close());

  it('lists every route the router serves, those hidden from Swagger and path-mounted middleware included', () => {
    expect(servedRoutes(app)).toEqual(['GET /api/v1/things', 'GET /api/v1/things/open', 'GET /api/v1/things/undecided', 'POST /api/v1/things/:id/secret', 'USE /raw-metrics']);
  });

  it('reads what the decorators of each route decide, calling a route without a marker open to any staff', () => {
    const decisions = decoratorDecisions(app);
    expect(decisions.get('GET /api/v1/things')).toEqual({ roles: ['analyst'] });
    expect(decisions.get('POST /api/v1/things/:id/secret')).toEqual({ roles: ['admin'], partner: 'match' });
    expect(decisions.get('GET /api/v1/things/open')).toEqual({ public: true });
    expect(decisions.get('GET /api/v1/things/undecided')).toEqual({ roles: 'any-staff' });
  });
});
