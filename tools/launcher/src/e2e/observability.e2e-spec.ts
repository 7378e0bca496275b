import { createTestDatabase, demoUnknownImage, type TestDatabase } from '@vigil/test-fixtures';
import { randomBytes } from 'node:crypto';
import { api, assertBuilt, embeddedPlatform, eventually, PlatformProcess, reportForm, staffToken, type PlatformUrls } from './platform-harness';

/**
 * Distinctive, synthetic stand-ins for everything that must never reach a log: whatever the
 * platform writes to stdout/stderr during the run is searched for each of them.
 */
const RUN = randomBytes(4).toString('hex');
const SENSITIVE = {
  reporterName: `Quillon Vantablack ${RUN}`,
  reporterEmail: `quillon.${RUN}@example.org`,
  reporterPhone: '+1 613 555 0147',
  description: `Synthetic description ${RUN}: a stranger kept writing to my nephew.`,
  chatExcerpt: `synthetic chat line ${RUN} about meeting at the park`,
  password: `Obs-pa55word-${RUN}-never-logged`,
};

function parsedLines(output: string): Array<Record<string, unknown>> {
  return output.split('\n').flatMap((line) => {
    try {
      const entry: unknown = JSON.parse(line);
      return entry && typeof entry === 'object' ? [entry as Record<string, unknown>] : [];
    } catch {
      return [];
    }
  });
}

describe('observability across the platform: JSON logs with request ids, nothing sensitive in them, /metrics on every app', () => {
  jest.setTimeout(240000);
  const jwtSecret = randomBytes(32).toString('hex');
  const metricsToken = randomBytes(24).toString('hex');
  const requestId = `obs-e2e-${RUN}-submit`;
  let database: TestDatabase;
  let platform: PlatformProcess;
  let urls: PlatformUrls;
  let apiKey: string;
  let adminToken: string;

  beforeAll(async () => {
    assertBuilt();
    database = await createTestDatabase('vigil_e2e_observability');
    // Debug level: the widest net for a leak. No demo seeding: the run's output is this test's requests only.
    ({ platform, urls } = await embeddedPlatform({ databaseUrl: database.url }, { JWT_SECRET: jwtSecret, METRICS_TOKEN: metricsToken, LOG_LEVEL: 'debug', LOG_FORMAT: '', VIGIL_SEED_DEMO: 'false' }));
    await platform.start(180000);

    // A sign-in with a password (refused: there is no such account, but the password travelled in a body).
    await api(`${urls.tipline}/api/v1/auth/login`, { method: 'POST', body: JSON.stringify({ username: `nobody-${RUN}`, password: SENSITIVE.password }) });
    // An industry partner's key, created by an administrator (a staff account of the service: a
    // forged token for an account the service does not hold is refused) and used on the match API.
    adminToken = await staffToken(urls.hashDetection, 'admin');
    const created = await api<{ key: string }>(`${urls.hashDetection}/api/v1/api-keys`, { method: 'POST', token: adminToken, body: JSON.stringify({ partnerId: `obs-${RUN}`, partnerName: 'Observability Example', scopes: ['match'] }) });
    expect(created.status).toBe(201);
    apiKey = created.body.key;
    const matched = await api(`${urls.hashDetection}/api/v1/match`, { method: 'POST', headers: { 'x-api-key': apiKey, 'content-type': 'application/json' }, body: JSON.stringify({ hashes: [{ type: 'sha256', value: 'ab'.repeat(32) }] }) });
    expect(matched.status).toBeLessThan(500);

    // The public report, with reporter contact details, under a request id we choose.
    const form = reportForm(
      {
        incidentType: 'online-luring',
        description: SENSITIVE.description,
        chatExcerpts: JSON.stringify([SENSITIVE.chatExcerpt]),
        contact: JSON.stringify({ name: SENSITIVE.reporterName, email: SENSITIVE.reporterEmail, phone: SENSITIVE.reporterPhone }),
      },
      [{ name: 'picture.png', bytes: await demoUnknownImage(7) }],
    );
    const submitted = await api<{ reference: string }>(`${urls.tipline}/api/v1/reports`, { method: 'POST', body: form, headers: { 'x-request-id': requestId } });
    expect(submitted.status).toBe(201);
    // Reading it back puts the same values in a response body, which must not be logged either.
    expect((await api(`${urls.tipline}/api/v1/reports/${submitted.body.reference}`, { token: adminToken })).status).toBe(200);

    await eventually(async () => (parsedLines(platform.output).some((entry) => entry.service === 'hash-detection' && entry.requestId === requestId) ? true : undefined), 'hash-detection to log the event of the submit');
  });

  afterAll(async () => {
    await platform?.stop();
    await database?.drop();
  });

  it('writes JSON log lines, and follows the submit’s request id from the tipline into hash-detection', () => {
    const entries = parsedLines(platform.output);
    expect(entries.length).toBeGreaterThan(10);
    const ofRequest = entries.filter((entry) => entry.requestId === requestId);
    const tipline = ofRequest.find((entry) => entry.service === 'tipline' && entry.route === '/api/v1/reports');
    expect(tipline).toMatchObject({ req: { method: 'POST', path: '/api/v1/reports' }, res: { statusCode: 201 } });
    const hashDetection = ofRequest.find((entry) => entry.service === 'hash-detection');
    expect(hashDetection).toMatchObject({ eventType: 'report.submitted.v1', from: 'tipline' });
  });

  it('logs no reporter contact, report text, password, API key or bearer token', () => {
    const output = platform.output;
    const forbidden = { ...SENSITIVE, phoneDigits: SENSITIVE.reporterPhone.replace(/\D/g, ''), apiKey, adminToken, jwtSecret, metricsToken };
    const leaked = Object.entries(forbidden).filter(([, value]) => output.includes(value)).map(([name]) => name);
    expect(leaked).toEqual([]);
    // Parts that survive a re-encoding (an e-mail split at '@', a lower-cased name) are not there either.
    expect(output.toLowerCase()).not.toContain(`quillon.${RUN}`);
    expect(output.toLowerCase()).not.toContain('vantablack');
    expect(output).not.toContain(apiKey.slice(-16));
  });

  it('serves /metrics on every app to the metrics token only, with its own gauges', async () => {
    const expected: Record<string, string[]> = {
      [urls.tipline]: ['vigil_triage_backlog_reports'],
      [urls.hashDetection]: ['vigil_match_index_entries'],
      [urls.referralHub]: ['vigil_referrals_unacknowledged', 'vigil_referrals_oldest_unacknowledged_age_seconds'],
    };
    for (const [url, own] of Object.entries(expected)) {
      expect((await fetch(`${url}/metrics`)).status).toBe(401);
      const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
      expect(response.status).toBe(200);
      const text = await response.text();
      for (const name of ['vigil_http_requests_total', 'vigil_http_request_duration_seconds', 'vigil_outbox_pending_events', 'vigil_outbox_oldest_pending_age_seconds', 'vigil_bus_dead_letters', 'vigil_events_consumed_total', 'process_cpu_seconds_total', ...own]) {
        expect(`${url}: ${text.includes(`# TYPE ${name} `) ? name : 'missing'}`).toBe(`${url}: ${name}`);
      }
    }
    const hashMetrics = await (await fetch(`${urls.hashDetection}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).text();
    expect(hashMetrics).toMatch(/vigil_events_consumed_total\{[^}]*event_type="report\.submitted\.v1"[^}]*outcome="handled"[^}]*\} [1-9]/);
  });

  it('stops the token of an account disabled meanwhile on /metrics and the API alike, and lets it work again when re-enabled', async () => {
    const [auditor, admin] = [await staffToken(urls.tipline, 'auditor'), await staffToken(urls.tipline, 'admin')];
    const metrics = () => fetch(`${urls.tipline}/metrics`, { headers: { authorization: `Bearer ${auditor}` } });
    const auditLog = () => api(`${urls.tipline}/api/v1/audit?limit=1`, { token: auditor });
    expect((await metrics()).status).toBe(200);
    expect((await auditLog()).status).toBe(200);

    expect((await api(`${urls.tipline}/api/v1/staff-accounts/auditor/disable`, { method: 'POST', token: admin, body: '{}' })).status).toBe(200);
    const refused = await metrics();
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { message: string }).message).toMatch(/^this account has been disabled; its tokens no longer work/);
    expect((await auditLog()).status).toBe(401);

    expect((await api(`${urls.tipline}/api/v1/staff-accounts/auditor/enable`, { method: 'POST', token: admin, body: '{}' })).status).toBe(200);
    expect((await metrics()).status).toBe(200);
  });
});
