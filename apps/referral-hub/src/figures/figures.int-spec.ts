import { InProcessMessageBus } from '@vigil/messaging';
import { bootstrapService, type RunningService } from '@vigil/platform';
import { DEMO_STAFF, demoStaffDirectory } from '@vigil/security';
import { createTestDatabase, type TestDatabase } from '@vigil/test-fixtures';
import { referralHubService } from '../main';

interface Figures {
  granularity: string;
  periods: Array<{ period: string; received: Record<string, number>; packagesSent: number; victimsIdentified: number | string }>;
  totals: { receivedTotal: number; received: Record<string, number>; packagesSent: number; leadsSent: number; victimsIdentified: number | string };
  intakeToDissemination: { disseminated: number; medianHours: number | null };
}

/** GET /api/v1/figures and GET /api/v1/police-services over HTTP: roles, validation, and counts of what was just received. */
describe('referral hub figures over HTTP (in-process, real Postgres)', () => {
  jest.setTimeout(120000);
  let database: TestDatabase;
  let service: RunningService;
  let base: string;
  const tokens: Record<string, string> = {};

  async function call<T = unknown>(path: string, init: { method?: string; body?: string; token?: string } = {}): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = {};
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    const response = await fetch(`${base}${path}`, { method: init.method ?? 'GET', headers, body: init.body });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  beforeAll(async () => {
    database = await createTestDatabase('vigil_int_hub_figures');
    service = await bootstrapService(referralHubService, {
      port: 0, databaseUrl: database.url, bus: new InProcessMessageBus({ attempts: 2, backoffMs: 10 }), jwtSecret: 'int-test-secret', staffDirectory: await demoStaffDirectory(), relayIntervalMs: 100, log: () => undefined,
    });
    base = (await service.app.getUrl()).replace('[::1]', '127.0.0.1');
    for (const user of DEMO_STAFF) {
      tokens[user.username] = (await call<{ accessToken: string }>('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ username: user.username, password: user.password }) })).body.accessToken;
    }
  });

  afterAll(async () => {
    await service?.close();
    await database?.drop();
  });

  it('lets hub readers see the figures, and nobody else', async () => {
    expect((await call('/api/v1/figures')).status).toBe(401);
    expect((await call('/api/v1/figures', { token: tokens.analyst })).status).toBe(403);
    for (const role of ['investigator', 'supervisor', 'victimid']) expect((await call('/api/v1/figures', { token: tokens[role] })).status).toBe(200);
  });

  it.each([
    ['from=2026-02-30&to=2026-03-10', 'from'],
    ['from=yesterday', 'from'],
    ['from=2026-11-01&to=2026-13-01', 'to'],
    ['from=2026-11-10&to=2026-11-01', 'from'],
    ['from=2025-01-01&to=2026-11-01', 'to'],
  ])('answers 400 naming the field for %s', async (query, field) => {
    const answer = await call<{ field: string; message: string }>(`/api/v1/figures?${query}`, { token: tokens.investigator });
    expect(answer.status).toBe(400);
    expect(answer.body.field).toBe(field);
    expect(answer.body.message).toContain(field);
  });

  it('counts a referral received today by its source, per day for a short range, and records who looked', async () => {
    const referral = {
      reference: 'FIG-1', incidentType: 'csam', summary: 'Synthetic referral for the figures test.', agency: { id: 'example-foreign-police', name: 'Example Police', country: 'FR' },
      suspect: { emails: ['figures.suspect@example.org'] },
    };
    expect((await call('/api/v1/intake/referrals', { method: 'POST', token: tokens.investigator, body: JSON.stringify(referral) })).status).toBe(201);
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const weekAgo = new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10);
    const answer = await call<Figures>(`/api/v1/figures?from=${weekAgo}&to=${tomorrow}`, { token: tokens.supervisor });
    expect(answer.status).toBe(200);
    expect(answer.body.granularity).toBe('day');
    expect(answer.body.periods).toHaveLength(7);
    expect(answer.body.periods.at(-1)).toMatchObject({ period: today, received: { police: 1, tipline: 0, ncmec: 0, industry: 0 }, packagesSent: 0, victimsIdentified: '<5' });
    expect(answer.body.totals).toMatchObject({ receivedTotal: 1, packagesSent: 0, leadsSent: 0, victimsIdentified: '<5' });
    expect(answer.body.intakeToDissemination).toEqual({ disseminated: 0, medianHours: null, p90Hours: null });

    const audit = await call<Array<{ actor: string; resourceType: string }>>('/api/v1/audit?action=view', { token: tokens.auditor });
    expect(audit.body.filter((entry) => entry.resourceType === 'referral-figures').map((entry) => entry.actor)).toContain('supervisor');
  });

  it('lists the registry’s police services for the UI’s pickers', async () => {
    expect((await call('/api/v1/police-services', { token: tokens.analyst })).status).toBe(403);
    const answer = await call<Array<{ id: string; name: { en: string; fr: string } }>>('/api/v1/police-services', { token: tokens.investigator });
    expect(answer.status).toBe(200);
    expect(answer.body.find((entry) => entry.id === 'toronto-police-service')?.name).toEqual({ en: 'Toronto Police Service', fr: 'Service de police de Toronto' });
    expect(answer.body.map((entry) => entry.name.en)).toEqual([...answer.body.map((entry) => entry.name.en)].sort((a, b) => a.localeCompare(b)));
  });
});
