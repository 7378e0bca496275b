import { DEMO_STAFF, hashPassword } from '@vigil/security';
import { createTestDatabase, syntheticImage, TEST_REDIS_URL, uniqueSuffix, type TestDatabase } from '@vigil/test-fixtures';
import { Client } from 'pg';
import sharp from 'sharp';
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { seedDemoData } from '../demo-seed';
import type { PlatformUrls } from './first-flow';
import { api, assertBuilt, eventually, freePort, PlatformProcess, REPO_ROOT, reportForm, staffToken } from './platform-harness';

interface ItemView {
  id: string;
  mediaId: string;
  reportReference: string;
  urgency: string;
  sha256: string;
  md5: string;
  pdq?: string;
  status: string;
  withdrawal?: { reason: string; recordType: string; at: string };
  decisionCount: number;
  decisions: Array<{ reviewer: string; classification: string }>;
  links: Record<string, string>;
}

interface QueueSummary {
  waiting: Record<string, number>;
  inReview: number;
  consensusRequired: number;
}

interface Exposure {
  reviewer: string;
  revealsToday: number;
  revealsThisWeek: number;
  revealsTotal: number;
  itemsDecided: number;
}

/** A second reviewer beside the demo staff: consensus needs two different people. */
const SECOND_REVIEWER = { username: 'reviewer2', displayName: 'Second Reviewer', roles: ['reviewer'], password: 'vigil-e2e-reviewer2' };

async function signIn(baseUrl: string, username: string, password: string): Promise<string> {
  const { status, body } = await api<{ accessToken: string }>(`${baseUrl}/api/v1/auth/login`, { method: 'POST', body: JSON.stringify({ username, password }) });
  if (status !== 200 && status !== 201) throw new Error(`signing in as ${username} answered ${status}`);
  return body.accessToken;
}

/** GETs or POSTs an image route and decodes what came back. */
async function image(url: string, token: string, method = 'GET') {
  const response = await fetch(url, { method, headers: { authorization: `Bearer ${token}` } });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { response, bytes };
}

async function isGreyscale(bytes: Buffer): Promise<boolean> {
  const { data, info } = await sharp(bytes).toColourspace('srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true });
  for (let i = 0; i < data.length; i += info.channels) if (data[i] !== data[i + 1] || data[i + 1] !== data[i + 2]) return false;
  return true;
}

describe('the review queue over HTTP (services mode)', () => {
  jest.setTimeout(240000);
  let database: TestDatabase;
  let processes: PlatformProcess[] = [];
  let urls: PlatformUrls;
  const staffDir = mkdtempSync(join(tmpdir(), 'vigil-staff-'));
  let reviewer1: string;
  let reviewer2: string;
  let supervisor: string;
  let analyst: string;
  let unknownImage: Buffer;
  let claimed: ItemView;

  beforeAll(async () => {
    assertBuilt();
    const staffFile = join(staffDir, 'staff.json');
    const accounts = await Promise.all([...DEMO_STAFF, SECOND_REVIEWER].map(async ({ password, ...user }) => ({ ...user, passwordHash: await hashPassword(password) })));
    writeFileSync(staffFile, JSON.stringify(accounts));
    database = await createTestDatabase('vigil_e2e_review');
    const ports = { tipline: await freePort(), hash: await freePort(), hub: await freePort() };
    // No TIPLINE_URL: the launcher derives it from TIPLINE_PORT, as on one host. Staff from a file
    // would have to enrol a second factor (the default outside demo mode); the second factor has
    // its own tests (staff-sign-in), so these reviewers sign in with a password only.
    const env = {
      STAFF_REQUIRE_TOTP: 'false',
      DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, VIGIL_BUS_PREFIX: `e2e-review-${uniqueSuffix()}`, JWT_SECRET: randomBytes(32).toString('hex'), VIGIL_STAFF_FILE: staffFile,
      TIPLINE_PORT: String(ports.tipline), HASH_DETECTION_PORT: String(ports.hash), REFERRAL_HUB_PORT: String(ports.hub), BUS_BACKOFF_MS: '200', TIPLINE_URL: '', REVIEW_CONSENSUS: '2',
    };
    processes = ['tipline', 'hash-detection', 'referral-hub'].map((name) => new PlatformProcess(name, env, /listening on/));
    await Promise.all(processes.map((process) => process.start()));
    urls = { tipline: `http://127.0.0.1:${ports.tipline}`, hashDetection: `http://127.0.0.1:${ports.hash}`, referralHub: `http://127.0.0.1:${ports.hub}` };
    await seedDemoData(urls);
    reviewer1 = await staffToken(urls.hashDetection, 'reviewer');
    reviewer2 = await signIn(urls.hashDetection, SECOND_REVIEWER.username, SECOND_REVIEWER.password);
    supervisor = await staffToken(urls.hashDetection, 'supervisor');
    analyst = await staffToken(urls.tipline, 'analyst');
    unknownImage = await syntheticImage({ pattern: 'stripes', seed: 6, width: 360, height: 240 });
  });

  afterAll(async () => {
    await Promise.all(processes.map((process) => process.stop()));
    await database?.drop();
    rmSync(staffDir, { recursive: true, force: true });
  });

  it('already holds the demo report’s unknown image, and never the known one', async () => {
    const queue = await eventually(async () => {
      const { body } = await api<QueueSummary>(`${urls.hashDetection}/api/v1/review/queue`, { token: supervisor });
      return body.waiting?.normal === 1 ? body : undefined;
    }, 'the demo report’s unknown image to reach the queue');
    // The demo's known-image report is sextortion (high): matched, so not queued.
    expect(queue).toMatchObject({ waiting: { critical: 0, high: 0, normal: 1, low: 0 }, inReview: 0, consensusRequired: 2 });
  });

  it('takes an unknown image from report to consensus to the bank, and the next copy is matched', async () => {
    const submitted = await api<{ reference: string }>(`${urls.tipline}/api/v1/reports`, {
      method: 'POST',
      body: reportForm({ incidentType: 'sextortion-financial', description: 'E2E review: an image sent with a threat' }, [{ name: 'threat.png', bytes: unknownImage }]),
    });
    expect(submitted.status).toBe(201);
    await eventually(async () => {
      const { body } = await api<QueueSummary>(`${urls.hashDetection}/api/v1/review/queue`, { token: reviewer1 });
      return body.waiting?.high === 1 ? body : undefined;
    }, 'the unknown image to reach the review queue');

    // Reviewer 1: metadata and hashes first, no image; the most urgent item comes first.
    const next = await api<ItemView>(`${urls.hashDetection}/api/v1/review/next`, { method: 'POST', token: reviewer1 });
    expect(next.status).toBe(200);
    claimed = next.body;
    expect(claimed).toMatchObject({ urgency: 'high', reportReference: submitted.body.reference, status: 'in-review', sha256: createHash('sha256').update(unknownImage).digest('hex') });
    expect(JSON.stringify(claimed)).not.toMatch(/base64|"content"/);
    expect((await api<ItemView>(`${urls.hashDetection}/api/v1/review/next`, { method: 'POST', token: reviewer1 })).body.id).toBe(claimed.id);

    const preview = await image(`${urls.hashDetection}${claimed.links.preview}`, reviewer1);
    expect(preview.response.status).toBe(200);
    expect(preview.response.headers.get('content-type')).toBe('image/jpeg');
    expect(preview.response.headers.get('cache-control')).toBe('no-store');
    expect(preview.response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await isGreyscale(preview.bytes)).toBe(true);
    const previewSize = await sharp(preview.bytes).metadata();
    expect(Math.max(previewSize.width!, previewSize.height!)).toBeLessThanOrEqual(400);
    expect((await api<Exposure>(`${urls.hashDetection}/api/v1/review/exposure`, { token: reviewer1 })).body).toMatchObject({ own: { revealsTotal: 0 } });

    const revealed = await image(`${urls.hashDetection}${claimed.links.reveal}`, reviewer1, 'POST');
    expect(revealed.response.status).toBe(200);
    expect(revealed.response.headers.get('cache-control')).toBe('no-store');
    expect(await isGreyscale(revealed.bytes)).toBe(true);
    const inColour = await image(`${urls.hashDetection}${claimed.links.reveal}?colour=true`, reviewer1, 'POST');
    expect(await isGreyscale(inColour.bytes)).toBe(false);
    expect((await api<{ own: Exposure }>(`${urls.hashDetection}/api/v1/review/exposure`, { token: reviewer1 })).body.own).toMatchObject({ reviewer: 'reviewer', revealsToday: 2, revealsThisWeek: 2, revealsTotal: 2, itemsDecided: 0 });

    // Someone else's item stays closed to another reviewer.
    expect((await image(`${urls.hashDetection}${claimed.links.preview}`, reviewer2)).response.status).toBe(403);

    const bad = await api<{ message: string[] }>(`${urls.hashDetection}${claimed.links.decisions}`, { method: 'POST', token: reviewer1, body: JSON.stringify({ classification: 'csam-z9' }) });
    expect(bad.status).toBe(400);
    expect(bad.body.message.join(' ')).toMatch(/classification must be one of: csam-a1, csam-a2, csam-b1, csam-b2, harmful-abusive-material, not-csam/);

    const first = await api<{ verdict: string; bankEntries: unknown[] }>(`${urls.hashDetection}${claimed.links.decisions}`, { method: 'POST', token: reviewer1, body: JSON.stringify({ classification: 'csam-b1', note: 'e2e' }) });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ verdict: 'needs-more-reviews', bankEntries: [] });
    const twice = await api(`${urls.hashDetection}${claimed.links.decisions}`, { method: 'POST', token: reviewer1, body: JSON.stringify({ classification: 'csam-b1' }) });
    expect(twice.status).toBe(409);

    // Reviewer 2 gets the same item next, blind to reviewer 1's classification, and agrees.
    const second = await api<ItemView>(`${urls.hashDetection}/api/v1/review/next`, { method: 'POST', token: reviewer2 });
    expect(second.body.id).toBe(claimed.id);
    expect(second.body).toMatchObject({ decisionCount: 1, decisions: [] });
    const agreed = await api<{ verdict: string; bankEntries: Array<{ hashType: string; bankId: string }> }>(`${urls.hashDetection}${claimed.links.decisions}`, {
      method: 'POST',
      token: reviewer2,
      body: JSON.stringify({ classification: 'csam-b1' }),
    });
    expect(agreed.status).toBe(200);
    expect(agreed.body.verdict).toBe('final');
    expect(agreed.body.bankEntries.map((entry) => entry.hashType)).toEqual(expect.arrayContaining(['sha256', 'md5']));

    const banks = await api<Array<{ id: string; name: string; entryCount: number }>>(`${urls.hashDetection}/api/v1/banks`, { token: reviewer1 });
    const reviewed = banks.body.find((bank) => bank.name === 'Reviewed by Vigil');
    expect(reviewed?.id).toBe(agreed.body.bankEntries[0].bankId);
    expect(reviewed?.entryCount).toBe(agreed.body.bankEntries.length);

    // The same image reported again is now known: matched, and kept out of the queue.
    const again = await api<{ reference: string }>(`${urls.tipline}/api/v1/reports`, {
      method: 'POST',
      body: reportForm({ incidentType: 'sextortion-financial', description: 'E2E review: the same image again' }, [{ name: 'again.png', bytes: unknownImage }]),
    });
    const matched = await eventually(async () => {
      const { body } = await api<{ media: Array<{ matchState: string; match?: { bankName: string; classification: string; matchKind: string } }> }>(`${urls.tipline}/api/v1/reports/${again.body.reference}`, { token: analyst });
      return body.media?.[0]?.matchState === 'matched' ? body.media[0] : undefined;
    }, 'the second copy to be matched');
    expect(matched.match).toMatchObject({ bankName: 'Reviewed by Vigil', classification: 'csam-b1', matchKind: 'exact' });
    expect((await api<QueueSummary>(`${urls.hashDetection}/api/v1/review/queue`, { token: supervisor })).body.waiting).toMatchObject({ high: 0, normal: 1 });
  });

  it('counts exposures and decisions per reviewer; supervisors see everyone’s', async () => {
    const own = await api<{ own: Exposure; everyone?: Exposure[] }>(`${urls.hashDetection}/api/v1/review/exposure`, { token: reviewer2 });
    expect(own.body).toEqual({ own: { reviewer: 'reviewer2', revealsToday: 0, revealsThisWeek: 0, revealsTotal: 0, itemsDecided: 1 } });
    const all = await api<{ own: Exposure; everyone: Exposure[] }>(`${urls.hashDetection}/api/v1/review/exposure`, { token: supervisor });
    expect(all.body.everyone).toEqual(
      expect.arrayContaining([
        { reviewer: 'reviewer', revealsToday: 2, revealsThisWeek: 2, revealsTotal: 2, itemsDecided: 1 },
        { reviewer: 'reviewer2', revealsToday: 0, revealsThisWeek: 0, revealsTotal: 0, itemsDecided: 1 },
      ]),
    );
  });

  it('fetches evidence from the tipline as the reviewer: the tipline audits the reviewer’s reads', async () => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT actor, action FROM tipline.audit_log WHERE resource_type = 'evidence' AND resource_id = $1`, [claimed.mediaId]);
      expect(rows.filter((row) => row.actor === 'reviewer')).toHaveLength(3); // preview + two reveals
      expect(rows.every((row) => row.action === 'view')).toBe(true);
    } finally {
      await client.end();
    }
    const direct = await fetch(`${urls.tipline}/api/v1/evidence/${claimed.mediaId}`, { headers: { authorization: `Bearer ${analyst}` } });
    expect(direct.status).toBe(200);
    expect(direct.headers.get('cache-control')).toBe('no-store');
    expect(direct.headers.get('x-content-type-options')).toBe('nosniff');
    expect(direct.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await direct.arrayBuffer()).equals(unknownImage)).toBe(true);
  });

  it('withdraws an item whose evidence the tipline’s retention purged: the reviewer holding it is told, and it leaves the queue', async () => {
    const submitted = await api<{ reference: string }>(`${urls.tipline}/api/v1/reports`, {
      method: 'POST',
      body: reportForm({ incidentType: 'sextortion-financial', description: 'E2E review: an image whose report will be purged' }, [{ name: 'purged.png', bytes: await syntheticImage({ pattern: 'stripes', seed: 7, width: 300, height: 200 }) }]),
    });
    expect(submitted.status).toBe(201);
    await eventually(async () => {
      const { body } = await api<QueueSummary>(`${urls.hashDetection}/api/v1/review/queue`, { token: reviewer1 });
      return body.waiting?.high === 1 ? body : undefined;
    }, 'the image to reach the review queue');
    const held = (await api<ItemView>(`${urls.hashDetection}/api/v1/review/next`, { method: 'POST', token: reviewer1 })).body;
    expect(held).toMatchObject({ reportReference: submitted.body.reference, status: 'in-review' });

    // The analyst closes the report; its closing is then moved back past the evidence period (90 days).
    const report = await api<{ id: string }>(`${urls.tipline}/api/v1/reports/${submitted.body.reference}`, { token: analyst });
    expect((await api(`${urls.tipline}/api/v1/reports/${report.body.id}/claim`, { method: 'POST', token: analyst })).status).toBe(200);
    expect((await api(`${urls.tipline}/api/v1/reports/${report.body.id}/decisions/close`, { method: 'POST', token: analyst, body: JSON.stringify({ reason: 'no offence found' }) })).status).toBe(204);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(`UPDATE tipline.reports SET closed_at = now() - interval '100 days' WHERE id = $1`, [report.body.id]);
    } finally {
      await client.end();
    }
    const purge = await promisify(execFile)(process.execPath, [join(REPO_ROOT, 'tools', 'launcher', 'run.js'), 'cli', 'retention', 'purge', '--database-url', database.url, '--schema', 'tipline']);
    expect(purge.stdout).toMatch(/tipline closed-report-evidence: [1-9]\d* purged/);
    expect((await api(`${urls.tipline}/api/v1/evidence/${held.mediaId}`, { token: analyst })).status).toBe(404);

    const withdrawn = await eventually(async () => {
      const { body } = await api<ItemView>(`${urls.hashDetection}/api/v1/review/items/${held.id}`, { token: supervisor });
      return body.status === 'withdrawn' ? body : undefined;
    }, 'hash detection to withdraw the item');
    expect(withdrawn.withdrawal).toMatchObject({ recordType: 'closed-report-evidence', reason: expect.stringContaining('retention') });
    const decided = await api<{ message: string }>(`${urls.hashDetection}/api/v1/review/items/${held.id}/decisions`, { method: 'POST', token: reviewer1, body: JSON.stringify({ classification: 'not-csam' }) });
    expect(decided.status).toBe(409);
    expect(decided.body.message).toMatch(/withdrawn/);
    expect((await api<QueueSummary>(`${urls.hashDetection}/api/v1/review/queue`, { token: supervisor })).body).toMatchObject({ waiting: { high: 0 }, inReview: 0 });
  });

  it('keeps every route behind the right role, and asks overrides for a reason', async () => {
    // The auditor has an account in both services, with no review role.
    const auditor = await staffToken(urls.hashDetection, 'auditor');
    expect((await api(`${urls.hashDetection}/api/v1/review/next`, { method: 'POST', token: analyst })).status).toBe(403);
    expect((await api(`${urls.hashDetection}/api/v1/review/queue`, { token: auditor })).status).toBe(403);
    expect((await api(`${urls.tipline}/api/v1/evidence/${claimed.mediaId}`, { token: auditor })).status).toBe(403);
    expect((await api(`${urls.tipline}/api/v1/evidence/${claimed.mediaId}`)).status).toBe(401);
    expect((await api(`${urls.hashDetection}${claimed.links.decisions.replace('/decisions', '/override')}`, { method: 'POST', token: reviewer2, body: JSON.stringify({ classification: 'not-csam', reason: 'x' }) })).status).toBe(403);
    const noReason = await api<{ message: string[] }>(`${urls.hashDetection}/api/v1/review/items/${claimed.id}/override`, { method: 'POST', token: supervisor, body: JSON.stringify({ classification: 'not-csam', reason: '' }) });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message.join(' ')).toMatch(/reason/);
    expect((await api(`${urls.hashDetection}/api/v1/review/items/not-a-uuid`, { token: supervisor })).status).toBe(400);
    // The supervisor's list: theirs only, and only of the items waiting for them.
    const awaiting = await api<unknown[]>(`${urls.hashDetection}/api/v1/review/items?status=awaiting-supervisor`, { token: supervisor });
    expect(awaiting.status).toBe(200);
    expect(Array.isArray(awaiting.body)).toBe(true);
    expect((await api(`${urls.hashDetection}/api/v1/review/items?status=awaiting-supervisor`, { token: reviewer2 })).status).toBe(403);
    const pending = await api<{ message: string }>(`${urls.hashDetection}/api/v1/review/items?status=pending`, { token: supervisor });
    expect(pending.status).toBe(400);
    expect(JSON.stringify(pending.body)).toMatch(/status: only awaiting-supervisor/);
  });
});
