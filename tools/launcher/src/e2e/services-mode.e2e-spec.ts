import { createTestDatabase, demoKnownImages, TEST_REDIS_URL, uniqueSuffix, type TestDatabase } from '@vigil/test-fixtures';
import sharp from 'sharp';
import { randomBytes } from 'node:crypto';
import { seedDemoData } from '../demo-seed';
import { driveFirstFlow, type PlatformUrls } from './first-flow';
import { api, assertBuilt, eventually, freePort, PlatformProcess, reportForm, staffToken } from './platform-harness';

describe('services mode: three processes, Postgres and BullMQ', () => {
  jest.setTimeout(240000);
  let database: TestDatabase;
  let processes: PlatformProcess[] = [];
  let urls: PlatformUrls;

  beforeAll(async () => {
    assertBuilt();
    database = await createTestDatabase('vigil_e2e');
    const ports = { tipline: await freePort(), hash: await freePort(), hub: await freePort() };
    const env = {
      DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, VIGIL_BUS_PREFIX: `e2e-${uniqueSuffix()}`, JWT_SECRET: randomBytes(32).toString('hex'), VIGIL_DEMO_USERS: 'true',
      TIPLINE_PORT: String(ports.tipline), HASH_DETECTION_PORT: String(ports.hash), REFERRAL_HUB_PORT: String(ports.hub), BUS_BACKOFF_MS: '200',
    };
    processes = ['tipline', 'hash-detection', 'referral-hub'].map((name) => new PlatformProcess(name, env, /listening on/));
    await Promise.all(processes.map((process) => process.start()));
    urls = { tipline: `http://127.0.0.1:${ports.tipline}`, hashDetection: `http://127.0.0.1:${ports.hash}`, referralHub: `http://127.0.0.1:${ports.hub}` };
    await seedDemoData(urls);
  });

  afterAll(async () => {
    await Promise.all(processes.map((process) => process.stop()));
    await database?.drop();
  });

  it('carries a report from the tipline through hash detection to a case in the referral hub', async () => {
    const { report, kase } = await driveFirstFlow(urls);
    expect(report.priority).toBe('high');
    expect(report.priorityReasons.map((reason) => reason.rule)).toContain('known-hash-match');
    expect(report.media[0].match?.reason).toMatch(/sha256 equal to entry/);
    expect(kase.reference).toMatch(/^VGL-C-\d{4}-\d{6}$/);
    expect(kase.reports).toHaveLength(1);
    expect(kase.reports[0].reference).toBe(report.reference);
    expect(kase.reports[0].priorityReasons.join(' ')).toMatch(/known-hash-match/);
  });

  it('matches a re-encoded copy of a known image by PDQ, as a near match with its distance', async () => {
    const known = (await demoKnownImages())[3]; // the checkerboard: its PDQ survives JPEG at quality 70 within 4 bits
    const reencoded = await sharp(known.bytes).jpeg({ quality: 70 }).toBuffer();
    const submitted = await api<{ reference: string }>(`${urls.tipline}/api/v1/reports`, {
      method: 'POST',
      body: reportForm({ incidentType: 'sextortion-sexual', description: 'E2E: a recompressed copy' }, [{ name: 'copy.jpg', bytes: reencoded, type: 'image/jpeg' }]),
    });
    expect(submitted.status).toBe(201);
    const analyst = await staffToken(urls.tipline, 'analyst');
    const report = await eventually(async () => {
      const { body } = await api<{ media: Array<{ matchState: string; match?: { matchKind: string; distance: number; reason: string } }> }>(`${urls.tipline}/api/v1/reports/${submitted.body.reference}`, { token: analyst });
      return body.media[0].matchState !== 'pending' ? body : undefined;
    }, 'a verdict on the recompressed copy');
    expect(report.media[0].matchState).toBe('matched');
    expect(report.media[0].match?.matchKind).toBe('near');
    expect(report.media[0].match?.distance).toBeLessThanOrEqual(31);
    expect(report.media[0].match?.reason).toMatch(/^PDQ within \d+ bits/);
  });

  it('serves health, Swagger UI and the OpenAPI document on every app', async () => {
    for (const url of Object.values(urls)) {
      const health = await api<{ status: string; database: { ok: boolean }; bus: { ok: boolean } }>(`${url}/health`);
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ status: 'ok', database: { ok: true }, bus: { ok: true } });
      const docs = await fetch(`${url}/docs`);
      expect(docs.status).toBe(200);
      expect(await docs.text()).toMatch(/swagger/i);
      const openApi = await api<{ openapi: string; paths: Record<string, unknown> }>(`${url}/docs-json`);
      expect(openApi.body.openapi).toMatch(/^3\./);
      expect(Object.keys(openApi.body.paths)).toContain('/api/v1/auth/login');
    }
  });

  it('keeps staff endpoints behind a token and a role', async () => {
    expect((await api(`${urls.tipline}/api/v1/reports`)).status).toBe(401);
    expect((await api(`${urls.referralHub}/api/v1/cases`, { token: 'not-a-token' })).status).toBe(401);
    const analyst = await staffToken(urls.tipline, 'analyst');
    // The demo analyst has no account in the hub (no hub role), so the tipline's token is unknown there…
    expect((await api(`${urls.referralHub}/api/v1/cases`, { token: analyst })).status).toBe(401);
    // …and a hub account without a case role is refused.
    expect((await api(`${urls.referralHub}/api/v1/cases`, { token: await staffToken(urls.referralHub, 'auditor') })).status).toBe(403);
    expect((await api(`${urls.hashDetection}/api/v1/banks`, { method: 'POST', token: analyst, body: '{}' })).status).toBe(403);
  });

  it('answers bad input with a 4xx naming the field, never a 500', async () => {
    const bad = await api<{ message: string[] }>(`${urls.tipline}/api/v1/reports`, { method: 'POST', body: JSON.stringify({ incidentType: 'x', urls: ['javascript:alert(1)'], extra: 1 }) });
    expect(bad.status).toBe(400);
    expect(bad.body.message.join(' ')).toMatch(/incidentType must be one of/);
    expect(bad.body.message.join(' ')).toMatch(/urls must be an http\(s\) address/);
    expect(bad.body.message.join(' ')).toMatch(/property extra should not exist/);
    const malformed = await api(`${urls.tipline}/api/v1/reports`, { method: 'POST', body: '{"incidentType":', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    const notImage = new FormData();
    notImage.append('incidentType', 'sextortion-financial');
    notImage.append('media', new Blob([new TextEncoder().encode('this is not an image')], { type: 'image/png' }), 'fake.png');
    const refused = await api<{ message: string; field: string }>(`${urls.tipline}/api/v1/reports`, { method: 'POST', body: notImage });
    expect(refused.status).toBe(422);
    expect(refused.body.field).toBe('media[0]');
  });
});
