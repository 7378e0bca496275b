import { createTestDatabase, demoKnownImages, type TestDatabase } from '@vigil/test-fixtures';
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { Client } from 'pg';
import { DEMO_TAKEDOWN_URL } from '../demo-takedown';
import { api, assertBuilt, embeddedPlatform, eventually, freePort, PlatformProcess, staffToken, type PlatformUrls } from './platform-harness';

interface UrlRow {
  id: string;
  url: string;
  host: string;
  providerId?: string;
  status: string;
  history: Array<{ to: string; actor: string; reason: string }>;
  notices: Array<{ id: string; attempts: number; confirmedRemovedAt?: string; hoursToRemoval?: number; attemptLog: Array<{ channel: string; delivered: boolean }> }>;
}

/**
 * The takedown flow over HTTP, against a "hosting provider" played by a local server: it serves
 * the reported URL (200, later 404) and receives the notices on its webhook.
 */
describe('takedown: URL list, notices, removal, figures, re-upload, blocklist', () => {
  jest.setTimeout(240000);
  let database: TestDatabase;
  let platform: PlatformProcess;
  let hashDetection: string;
  let tipline: string;
  let host: Server;
  let local: string;
  const removed = new Set<string>();
  const notices: Array<{ headers: IncomingHttpHeaders; body: { url: string; attempt: number } }> = [];

  beforeAll(async () => {
    assertBuilt();
    const hostPort = await freePort();
    host = createServer((request, response) => {
      if (request.url === '/notices' && request.method === 'POST') {
        let body = '';
        request.on('data', (chunk) => (body += chunk));
        request.on('end', () => {
          notices.push({ headers: request.headers, body: JSON.parse(body) });
          response.writeHead(202).end();
        });
        return;
      }
      response.writeHead(removed.has(request.url ?? '') ? 404 : 200, { 'content-type': 'image/png' }).end();
    });
    await new Promise<void>((resolve) => host.listen(hostPort, '127.0.0.1', resolve));
    local = `http://127.0.0.1:${hostPort}`;

    database = await createTestDatabase('vigil_e2e_takedown');
    let urls: PlatformUrls;
    ({ platform, urls } = await embeddedPlatform(
      { databaseUrl: database.url },
      { TAKEDOWN_SWEEP_MS: '250', TAKEDOWN_CHECK_MS: '250', TAKEDOWN_CHECK_PRIVATE_ADDRESSES: 'true', TAKEDOWN_HTTP_TIMEOUT_MS: '2000' },
    ));
    await platform.start(180000);
    ({ hashDetection, tipline } = urls);
  });

  afterAll(async () => {
    await platform?.stop();
    await database?.drop();
    await new Promise<void>((resolve) => (host ? host.close(() => resolve()) : resolve()));
  });

  it('seeds demo providers and a notice for the demo report’s URL (email rendered, not sent)', async () => {
    const reviewer = await staffToken(hashDetection, 'reviewer');
    const providers = await api<Array<{ name: string }>>(`${hashDetection}/api/v1/providers`, { token: reviewer });
    expect(providers.body.map((provider) => provider.name)).toEqual(expect.arrayContaining(['Example Hosting Ltd', 'Demo CDN']));
    // The demo report's URL travels by event and the notice sweep after start: wait for it rather
    // than assume it has arrived (it sometimes had not, on a busy machine).
    const demo = await eventually(async () => {
      const listed = await api<UrlRow[]>(`${hashDetection}/api/v1/urls?status=notice-sent`, { token: reviewer });
      return listed.body.find((row) => row.url === DEMO_TAKEDOWN_URL);
    }, 'the demo URL with its notice sent');
    const details = await api<UrlRow>(`${hashDetection}/api/v1/urls/${demo?.id}`, { token: reviewer });
    expect(details.body.notices[0].attemptLog[0]).toMatchObject({ delivered: true, channel: 'email (not sent: no SMTP configured)' });
  });

  it('lists a reported URL with its provider, sends the notice, confirms removal when the host answers 404, and measures it', async () => {
    const supervisor = await staffToken(hashDetection, 'supervisor');
    const provider = await api<{ id: string }>(`${hashDetection}/api/v1/providers`, {
      method: 'POST', token: supervisor, body: JSON.stringify({ name: 'Local test host', hostSuffixes: ['127.0.0.1'], noticeWebhookUrl: `${local}/notices`, country: 'CA' }),
    });
    expect(provider.status).toBe(201);

    const reported = `${local}/content/a.png`;
    const submitted = await api(`${tipline}/api/v1/reports`, { method: 'POST', body: JSON.stringify({ incidentType: 'csam', description: 'E2E: a link', urls: [reported] }) });
    expect(submitted.status).toBe(201);

    const analyst = await staffToken(hashDetection, 'analyst');
    const listed = await eventually(async () => {
      const { body } = await api<UrlRow[]>(`${hashDetection}/api/v1/urls?provider=${provider.body.id}`, { token: analyst });
      return body.find((row) => row.url === reported);
    }, 'the reported URL to be listed');
    expect(listed).toMatchObject({ status: 'reported', host: '127.0.0.1', providerId: provider.body.id });

    const issued = await api<{ notice: { id: string; attempts: number }; delivery: { sent: number; failed: number } }>(`${hashDetection}/api/v1/urls/${listed.id}/notices`, {
      method: 'POST', token: analyst, body: JSON.stringify({ reason: 'E2E: confirmed' }),
    });
    expect(issued.status).toBe(201);
    // The route sends it, or, when the 250 ms sweep claimed it first, answers once the sweep has: either way, delivered.
    expect(issued.body.delivery).toEqual({ sent: 1, failed: 0 });
    expect(issued.body.notice.attempts).toBe(1);
    expect(notices).toHaveLength(1);
    expect(notices[0].body).toMatchObject({ url: reported, attempt: 1 });
    expect(notices[0].headers['idempotency-key']).toBe(`${issued.body.notice.id}:1`);

    removed.add('/content/a.png');
    const gone = await eventually(async () => {
      const { body } = await api<UrlRow>(`${hashDetection}/api/v1/urls/${listed.id}`, { token: analyst });
      return body.status === 'removed' ? body : undefined;
    }, 'the removal checker to see the 404');
    expect(gone.history.at(-1)).toMatchObject({ to: 'removed', actor: 'removal-checker', reason: 'removal confirmed: HTTP 404' });
    expect(gone.notices[0].confirmedRemovedAt).toBeDefined();
    expect(gone.notices[0].hoursToRemoval).toBeGreaterThan(0);

    const figures = await api<{ providers: Array<{ providerId: string; notices: number; removed: number; medianHours: number; p90Hours: number; stillUp: number }> }>(
      `${hashDetection}/api/v1/takedown/figures`, { token: analyst },
    );
    const mine = figures.body.providers.find((row) => row.providerId === provider.body.id);
    expect(mine).toMatchObject({ notices: 1, removed: 1, stillUp: 0 });
    expect(mine?.medianHours).toBeCloseTo(gone.notices[0].hoursToRemoval ?? -1, 10);
    expect(mine?.p90Hours).toBeCloseTo(mine?.medianHours ?? -1, 10);
  });

  it('issues a notice automatically when a known (synthetic) image’s hash is observed at a new URL', async () => {
    const [known] = await demoKnownImages();
    const sha256 = createHash('sha256').update(known.bytes).digest('hex');
    const reviewer = await staffToken(hashDetection, 'reviewer');
    const copy = `${local}/mirror/copy.png`;
    const observed = await api<{ outcome: string; reason: string; urlId: string }>(`${hashDetection}/api/v1/urls/observations`, { method: 'POST', token: reviewer, body: JSON.stringify({ url: copy, sha256 }) });
    expect(observed.status).toBe(201);
    expect(observed.body.outcome).toBe('listed-and-noticed');
    expect(observed.body.reason).toMatch(/^known hash Demo known-material bank \(synthetic images\)\/[0-9a-f-]+ observed \(sha256 equal to entry/);
    // Sent by the route or, when its 250 ms sweep claimed the notice first, by the sweep: the
    // answer can come before the provider has it.
    const sent = await eventually(async () => notices.find((notice) => notice.body.url === copy), 'the notice for the copy');
    expect(sent.body).toMatchObject({ url: copy, attempt: 1 });
    expect(notices.filter((notice) => notice.body.url === copy)).toHaveLength(1);

    const unknown = await api<{ outcome: string }>(`${hashDetection}/api/v1/urls/observations`, { method: 'POST', token: reviewer, body: JSON.stringify({ url: `${local}/other.png`, sha256: 'e'.repeat(64) }) });
    expect(unknown.body.outcome).toBe('not-listed');
  });

  it('exports a blocklist of confirmed URLs still online only (txt and csv), audited', async () => {
    const analyst = await staffToken(hashDetection, 'analyst');
    const text = await fetch(`${hashDetection}/api/v1/takedown/blocklist?format=txt`, { headers: { authorization: `Bearer ${analyst}` } });
    expect(text.headers.get('content-type')).toMatch(/^text\/plain/);
    const lines = (await text.text()).trim().split('\n');
    expect(lines[0]).toMatch(/^# Vigil blocklist generated .*: 2 URLs still online$/);
    expect(lines.slice(1).sort()).toEqual([`${local}/mirror/copy.png`, DEMO_TAKEDOWN_URL].sort());

    const csv = await fetch(`${hashDetection}/api/v1/takedown/blocklist?format=csv`, { headers: { authorization: `Bearer ${analyst}` } });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = (await csv.text()).trim().split('\n');
    expect(rows[0]).toBe('url,host,first_reported,classification');
    expect(rows.find((row) => row.startsWith(`${local}/mirror/copy.png,127.0.0.1,`))).toMatch(/,csam-a1$/);
    expect(rows.some((row) => row.includes('/content/a.png'))).toBe(false);

    const client = new Client({ connectionString: database.url });
    await client.connect();
    const audited = await client.query(`SELECT actor, resource_id, detail FROM hash_detection.audit_log WHERE action = 'export' AND resource_type = 'takedown-blocklist' ORDER BY seq`);
    await client.end();
    expect(audited.rows).toEqual([
      { actor: 'analyst', resource_id: 'txt', detail: { count: 2 } },
      { actor: 'analyst', resource_id: 'csv', detail: { count: 2 } },
    ]);
  });

  it('answers bad input with a 4xx naming the field, and keeps provider changes to supervisors', async () => {
    const analyst = await staffToken(hashDetection, 'analyst');
    const badUrl = await api<{ message: string[] }>(`${hashDetection}/api/v1/urls/observations`, { method: 'POST', token: analyst, body: JSON.stringify({ url: 'not a url', sha256: 'xyz' }) });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body.message).toEqual(expect.arrayContaining(['url must be an http(s) address', 'sha256 must be 64 hexadecimal characters']));
    const badStatus = await api<{ message: string[] }>(`${hashDetection}/api/v1/urls?status=bogus`, { token: analyst });
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.message.join(' ')).toMatch(/status must be one of: reported, notice-sent/);
    expect((await api(`${hashDetection}/api/v1/providers`, { method: 'POST', token: analyst, body: '{}' })).status).toBe(403);
    const supervisor = await staffToken(hashDetection, 'supervisor');
    const noContact = await api<{ message: string; field: string }>(`${hashDetection}/api/v1/providers`, { method: 'POST', token: supervisor, body: JSON.stringify({ name: 'No contact', hostSuffixes: ['nocontact.example'], country: 'CA' }) });
    expect(noContact.status).toBe(400);
    expect(noContact.body.field).toBe('contactEmail');
    const noCountry = await api<{ message: string[] }>(`${hashDetection}/api/v1/providers`, {
      method: 'POST', token: supervisor, body: JSON.stringify({ name: 'Nowhere host', hostSuffixes: ['nowhere.example'], contactEmail: 'abuse@nowhere.example', country: 'ZZ' }),
    });
    expect(noCountry.status).toBe(400);
    expect(noCountry.body.message).toEqual(['country must be an ISO 3166-1 alpha-2 code of a country, e.g. CA']);
    const badFormat = await api<{ message: string[] }>(`${hashDetection}/api/v1/takedown/blocklist?format=pdf`, { token: analyst });
    expect(badFormat.status).toBe(400);
    expect((await api(`${hashDetection}/api/v1/urls/not-a-uuid`, { token: analyst })).status).toBe(400);
    expect((await api(`${hashDetection}/api/v1/takedown/figures`)).status).toBe(401);
  });
});
