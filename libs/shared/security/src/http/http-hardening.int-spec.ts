import { Controller, Get, HttpCode, Module, Post, ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createServiceDataSource, initialiseServiceDatabase, platformTablesMigration, TransactionRunner } from '@vigil/persistence';
import { createTestDatabase, type TestDatabase } from '@vigil/test-fixtures';
import type { DataSource } from 'typeorm';
import { AuditHashChain1764000800000 } from '../audit/audit-hash-chain.migration';
import { SqlAuditLogReader } from '../audit/audit-log.reader';
import { auditLogUpSql, SqlAuditTrail } from '../audit/audit-trail';
import { AuditModule } from '../audit/audit.module';
import { Public } from '../auth/auth.decorators';
import { SecurityModule } from '../auth/security.module';
import { demoStaffDirectory } from '../auth/staff-directory';
import { applyHttpHardening } from './http-hardening';
import { PublicRateLimitModule } from './public-rate-limit.module';
import { trustProxyFromEnv } from './trust-proxy';

const SCHEMA = 'http_hardening_test';
const ALLOWED_ORIGIN = 'https://staff.example.org';
const PUBLIC_LIMIT = 5;

@Controller('api/v1/things')
class ThingsController {
  @Public()
  @Post()
  @HttpCode(201)
  create(): { ok: true } {
    return { ok: true };
  }

  @Public()
  @Get()
  list(): string[] {
    return [];
  }
}

/** The HTTP layer as bootstrapService assembles it, around a stand-in public route, over real HTTP. */
describe('HTTP hardening: security headers, closed CORS, public rate limit, the audit API', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let app: INestApplication;
  let base: string;
  /** Signed in before the rate-limit test spends this client's public budget (login counts against it). */
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = createServiceDataSource({ url: database.url, schema: SCHEMA, entities: [], migrations: [platformTablesMigration(auditLogUpSql), AuditHashChain1764000800000] });
    await initialiseServiceDatabase(dataSource, SCHEMA);
    const transactions = new TransactionRunner(dataSource);
    const audit = new SqlAuditTrail(SCHEMA, () => transactions.manager);
    const staffDirectory = await demoStaffDirectory();

    @Module({
      imports: [
        SecurityModule.register({ jwtSecret: 'test-secret-test-secret-test-secret', staffDirectory }),
        AuditModule.register({ reader: new SqlAuditLogReader(SCHEMA, () => transactions.manager), audit }),
        PublicRateLimitModule.register(PUBLIC_LIMIT),
      ],
      controllers: [ThingsController],
    })
    class TestRootModule {}

    app = await NestFactory.create(TestRootModule, { logger: false });
    app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
    applyHttpHardening(app, [ALLOWED_ORIGIN]);
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
    for (const username of ['analyst', 'auditor']) tokens[username] = await login(username);
  });

  afterAll(async () => {
    await app?.close();
    await dataSource?.destroy();
    await database?.drop();
  });

  const login = async (username: string) => {
    const response = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: `vigil-demo-${username}` }) });
    expect(response.status).toBe(200);
    return ((await response.json()) as { accessToken: string }).accessToken;
  };

  it('sends security headers on every response', async () => {
    const response = await fetch(`${base}/api/v1/things`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('refuses an unknown origin and lets a listed one in', async () => {
    const unknown = await fetch(`${base}/api/v1/things`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(unknown.headers.get('access-control-allow-origin')).toBeNull();
    const simple = await fetch(`${base}/api/v1/things`, { headers: { origin: 'https://evil.example' } });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();

    const listed = await fetch(`${base}/api/v1/things`, { method: 'OPTIONS', headers: { origin: ALLOWED_ORIGIN, 'access-control-request-method': 'POST' } });
    expect(listed.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
  });

  it('limits public writes per client with 429 and Retry-After, and leaves public reads alone', async () => {
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 5; i++) {
      const response = await fetch(`${base}/api/v1/things`, { method: 'POST' });
      statuses.push(response.status);
      if (response.status === 429) refused = response;
    }
    // Two of the five were spent signing in.
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await refused?.json()) as { message: string };
    expect(body.message).toMatch(/at most 5 per minute/);
    expect(body.message).not.toContain('127.0.0.1');
    expect((await fetch(`${base}/api/v1/things`)).status).toBe(200);
    // Staff login is a public write too, on the same per-client budget.
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'analyst', password: 'vigil-demo-analyst' }) });
    expect(login.status).toBe(429);
    // No proxy is trusted by default: naming another address in X-Forwarded-For buys nothing.
    expect((await fetch(`${base}/api/v1/things`, { method: 'POST', headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(429);
  });

  it('behind a trusted proxy (TRUST_PROXY=1), gives each client the proxy names its own budget', async () => {
    @Module({ imports: [PublicRateLimitModule.register(2)], controllers: [ThingsController] })
    class ProxiedModule {}
    const proxied = await NestFactory.create(ProxiedModule, { logger: false });
    applyHttpHardening(proxied, [], trustProxyFromEnv({ TRUST_PROXY: '1' }));
    await proxied.listen(0, '127.0.0.1');
    try {
      const url = `${await proxied.getUrl()}/api/v1/things`;
      const post = (client: string) => fetch(url, { method: 'POST', headers: { 'x-forwarded-for': client } }).then((response) => response.status);
      const first = [await post('198.51.100.1'), await post('198.51.100.1'), await post('198.51.100.1')];
      const second = [await post('198.51.100.2'), await post('198.51.100.2')];
      // Only the hop nearest the service is believed: a client's own X-Forwarded-For entry before it is not.
      const spoofing = await post('192.0.2.77, 198.51.100.1');
      expect({ first, second, spoofing }).toEqual({ first: [201, 201, 429], second: [201, 201], spoofing: 429 });
    } finally {
      await proxied.close();
    }
  });

  it('serves the audit log and its verification to auditors only, and audits those reads', async () => {
    const analyst = await fetch(`${base}/api/v1/audit/verify`, { headers: { authorization: `Bearer ${tokens.analyst}` } });
    expect(analyst.status).toBe(403);
    const auditor = tokens.auditor;
    const verified = await fetch(`${base}/api/v1/audit/verify`, { headers: { authorization: `Bearer ${auditor}` } });
    expect(verified.status).toBe(200);
    expect(await verified.json()).toEqual({ ok: true, verified: 0, message: '0 rows verified' });

    const search = await fetch(`${base}/api/v1/audit?actor=auditor&subject=audit-log:verify`, { headers: { authorization: `Bearer ${auditor}` } });
    expect(search.status).toBe(200);
    const rows = (await search.json()) as Array<{ seq: string; action: string; resourceId: string; rowHash: string }>;
    expect(rows).toEqual([expect.objectContaining({ seq: '1', action: 'view', resourceId: 'verify', rowHash: expect.stringMatching(/^[0-9a-f]{64}$/) })]);

    const bad = await fetch(`${base}/api/v1/audit?from=yesterday&limit=5000`, { headers: { authorization: `Bearer ${auditor}` } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string[] }).message).toEqual(expect.arrayContaining(['from must be an ISO 8601 date-time', 'limit must be at most 1000']));
  });
});
