import { JwtService } from '@nestjs/jwt';
import { BullMqMessageBus } from '@vigil/messaging';
import { bootstrapService, type RunningService } from '@vigil/platform';
import { InMemoryStaffDirectory, type StaffRole } from '@vigil/security';
import { createTestDatabase, CuttableTcpProxy, TEST_REDIS_URL, uniqueSuffix, type TestDatabase } from '@vigil/test-fixtures';
import { randomBytes } from 'node:crypto';
import { tiplineService } from '../main';

const METRICS_TOKEN = `metrics-${randomBytes(16).toString('hex')}`;
const JWT_SECRET = randomBytes(32).toString('hex');

interface HealthBody {
  status: string;
  bus: { ok: boolean };
  outbox: { pending: number } | null;
}

async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The value of one series in a Prometheus text exposition, or undefined when it is absent. */
function sample(metrics: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of metrics.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('tipline operations: request ids, /metrics, the queue board and degraded health (real Postgres, Redis behind a cuttable proxy)', () => {
  jest.setTimeout(120000);
  let database: TestDatabase;
  let proxy: CuttableTcpProxy;
  let bus: BullMqMessageBus;
  let service: RunningService;
  let base: string;
  const jwt = new JwtService({ secret: JWT_SECRET });
  const tokenFor = (...roles: StaffRole[]) => jwt.sign({ sub: `someone-${roles.join('-')}`, name: 'Someone Example', roles });

  beforeAll(async () => {
    const redis = new URL(TEST_REDIS_URL);
    proxy = await CuttableTcpProxy.start({ host: redis.hostname, port: Number(redis.port || 6379) });
    process.env.METRICS_TOKEN = METRICS_TOKEN;
    database = await createTestDatabase('vigil_int_operations');
    bus = new BullMqMessageBus({ redisUrl: `redis://${proxy.url}`, prefix: `ops-${uniqueSuffix()}`, retry: { attempts: 2, backoffMs: 50 } });
    service = await bootstrapService(tiplineService, {
      port: 0, databaseUrl: database.url, bus, jwtSecret: JWT_SECRET, staffDirectory: new InMemoryStaffDirectory([]), relayIntervalMs: 200, log: () => undefined,
    });
    base = (await service.app.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    delete process.env.METRICS_TOKEN;
    await service?.stopHttp();
    await proxy?.restore();
    await bus?.close();
    await service?.close();
    await proxy?.cut();
    await database?.drop();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const submit = () =>
    fetch(`${base}/api/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ incidentType: 'online-luring', description: 'Operations test: a synthetic report.' }) });

  it('echoes a well-formed X-Request-Id, and gives a new one in place of a missing or malformed one', async () => {
    const kept = await get('/health', { 'x-request-id': 'proxy-7f3a9c21-0001' });
    expect(kept.headers.get('x-request-id')).toBe('proxy-7f3a9c21-0001');
    const fresh = await get('/health');
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const replaced = await get('/health', { 'x-request-id': 'no spaces {"or":"json"}' });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps /metrics from anonymous callers (401) and from staff outside operations (403)', async () => {
    expect((await get('/metrics')).status).toBe(401);
    expect((await get('/metrics', bearer('not-the-token'))).status).toBe(401);
    expect((await get('/metrics', bearer(tokenFor('analyst')))).status).toBe(403);
    // A token issued only to enrol a second factor opens nothing, whatever roles it names.
    expect((await get('/metrics', bearer(jwt.sign({ sub: 'someone', name: 'Someone', roles: ['admin'], purpose: 'totp-enrolment' })))).status).toBe(401);
    expect((await get('/metrics', bearer(METRICS_TOKEN))).status).toBe(200);
    expect((await get('/metrics', bearer(tokenFor('auditor')))).status).toBe(200);
    expect((await get('/metrics', bearer(tokenFor('admin')))).status).toBe(200);
  });

  it('exposes request, event, bus, outbox and triage metrics, and counts each request by its route template', async () => {
    const scrape = async () => (await get('/metrics', bearer(METRICS_TOKEN))).text();
    const route = { method: 'POST', route: '/api/v1/reports', status: '201' };
    const before = sample(await scrape(), 'vigil_http_requests_total', route) ?? 0;
    expect((await submit()).status).toBe(201);
    const after = await scrape();
    expect(sample(after, 'vigil_http_requests_total', route)).toBe(before + 1);
    expect(sample(after, 'vigil_http_request_duration_seconds_count', route)).toBe(before + 1);
    for (const name of ['process_cpu_seconds_total', 'nodejs_heap_size_used_bytes', 'vigil_outbox_pending_events', 'vigil_outbox_oldest_pending_age_seconds']) {
      expect(sample(after, name)).toBeGreaterThanOrEqual(0);
    }
    expect(sample(after, 'vigil_bus_queue_jobs', { queue: 'tipline', state: 'waiting' })).toBeGreaterThanOrEqual(0);
    expect(sample(after, 'vigil_bus_dead_letters', { queue: 'tipline' })).toBe(0);
    expect(sample(after, 'vigil_triage_backlog_reports', { priority: 'normal' }) ?? sample(after, 'vigil_triage_backlog_reports')).toBeGreaterThanOrEqual(1);
    expect(after).toMatch(/# TYPE vigil_events_consumed_total counter/);
    expect(after).toContain('service="tipline"');
  });

  it('shows the queue board to administrators only, through a bearer token or the session cookie', async () => {
    expect((await get('/admin/queues')).status).toBe(401);
    expect((await get('/admin/queues', bearer(tokenFor('analyst')))).status).toBe(403);
    const page = await get('/admin/queues', bearer(tokenFor('admin')));
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/Vigil queues|bull/i);
    const api = await get('/admin/queues/api/queues', bearer(tokenFor('admin')));
    expect(JSON.stringify(await api.json())).toContain('tipline');

    const open = (token?: string) => fetch(`${base}/admin/queues/session`, { method: 'POST', headers: token ? bearer(token) : {} });
    expect((await open()).status).toBe(401);
    expect((await open(tokenFor('analyst'))).status).toBe(403);
    const session = await open(tokenFor('admin'));
    expect(session.status).toBe(204);
    const cookie = session.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^vigil_queue_board=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/admin\/queues/);
    const withCookie = await get('/admin/queues', { cookie: cookie.split(';')[0] });
    expect(withCookie.status).toBe(200);
    expect(withCookie.headers.get('content-security-policy')).toContain("font-src 'self'");
    const script = (await withCookie.text()).match(/src="(static\/js\/main[^"]+)"/)?.[1];
    expect(script).toBeDefined();
    expect((await get(`/admin/queues/${script}`, { cookie: cookie.split(';')[0] })).status).toBe(200);
    expect((await get(`/admin/queues/${script}`)).status).toBe(401);
    expect((await get('/admin/queues', { cookie: `vigil_queue_board=${tokenFor('analyst')}` })).status).toBe(403);
    expect((await get('/admin/queues', { cookie: 'vigil_queue_board=forged' })).status).toBe(401);
    expect((await get('/admin/queues', bearer(jwt.sign({ sub: 'someone', name: 'Someone', roles: ['admin'], purpose: 'totp-enrolment' })))).status).toBe(401);
    const closed = await fetch(`${base}/admin/queues/session`, { method: 'DELETE' });
    expect(closed.status).toBe(204);
    expect(closed.headers.get('set-cookie')).toMatch(/vigil_queue_board=;/);
  });

  it('says degraded while Redis is unreachable, keeps taking reports into the outbox, and drains it once Redis is back', async () => {
    const health = async () => {
      const response = await get('/health');
      return { code: response.status, body: (await response.json()) as HealthBody };
    };
    expect((await health()).body.status).toBe('ok');

    await proxy.cut();
    const degraded = await eventually(async () => {
      const answer = await health();
      return answer.body.status === 'degraded' ? answer : undefined;
    }, 'health to say degraded');
    expect(degraded.code).toBe(200);
    expect(degraded.body.bus.ok).toBe(false);

    for (let index = 0; index < 3; index++) expect((await submit()).status).toBe(201);
    const waiting = await health();
    expect(waiting.body.status).toBe('degraded');
    expect(waiting.body.outbox?.pending).toBeGreaterThanOrEqual(3);
    const metrics = await (await get('/metrics', bearer(METRICS_TOKEN))).text();
    expect(sample(metrics, 'vigil_outbox_pending_events')).toBeGreaterThanOrEqual(3);

    await proxy.restore();
    const recovered = await eventually(async () => {
      const answer = await health();
      return answer.body.status === 'ok' && answer.body.outbox?.pending === 0 ? answer : undefined;
    }, 'the outbox to drain and health to say ok');
    expect(recovered.code).toBe(200);
    expect(recovered.body.bus.ok).toBe(true);
  });
});
