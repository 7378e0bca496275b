import { createLocalHashFileUseCase } from '@vigil/hashes';
import { createTestDatabase, syntheticImage, TEST_REDIS_URL, uniqueSuffix, type TestDatabase } from '@vigil/test-fixtures';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, assertBuilt, eventually, freePort, PlatformProcess, REPO_ROOT, reportForm, staffToken } from './platform-harness';

interface ReportView {
  media: Array<{ matchState: string; match?: { reason: string } }>;
}

/** Runs the compiled `vigil` command as a user would, and collects what it prints. */
function vigil(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'tools', 'launcher', 'run.js'), 'cli', ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('bank curation over HTTP: VICS import by the CLI, matching, disable, change feed, export', () => {
  jest.setTimeout(240000);
  let database: TestDatabase;
  let processes: PlatformProcess[] = [];
  let tipline: string;
  let hashDetection: string;
  const dir = mkdtempSync(join(tmpdir(), 'vigil-banks-'));

  beforeAll(async () => {
    assertBuilt();
    database = await createTestDatabase('vigil_e2e_banks');
    const ports = { tipline: await freePort(), hash: await freePort() };
    const env = {
      DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, VIGIL_BUS_PREFIX: `e2e-banks-${uniqueSuffix()}`, JWT_SECRET: randomBytes(32).toString('hex'), VIGIL_DEMO_USERS: 'true',
      TIPLINE_PORT: String(ports.tipline), HASH_DETECTION_PORT: String(ports.hash), BUS_BACKOFF_MS: '200',
    };
    processes = ['tipline', 'hash-detection'].map((name) => new PlatformProcess(name, env, /listening on/));
    await Promise.all(processes.map((process) => process.start()));
    tipline = `http://127.0.0.1:${ports.tipline}`;
    hashDetection = `http://127.0.0.1:${ports.hash}`;
  });

  afterAll(async () => {
    await Promise.all(processes.map((process) => process.stop()));
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const reportVerdict = async (image: Buffer, name: string): Promise<ReportView['media'][number]> => {
    const submitted = await api<{ reference: string }>(`${tipline}/api/v1/reports`, {
      method: 'POST',
      body: reportForm({ incidentType: 'online-luring', description: `E2E bank curation: ${name}` }, [{ name: `${name}.png`, bytes: image }]),
    });
    expect(submitted.status).toBe(201);
    const analyst = await staffToken(tipline, 'analyst');
    const report = await eventually(async () => {
      const { body } = await api<ReportView>(`${tipline}/api/v1/reports/${submitted.body.reference}`, { token: analyst });
      return body.media?.[0]?.matchState && body.media[0].matchState !== 'pending' ? body : undefined;
    }, `a verdict on ${name}`);
    return report.media[0];
  };

  it('imports a VICS file with the CLI, matches a report carrying that image, and stops matching once the entry is disabled', async () => {
    const curator = await staffToken(hashDetection, 'reviewer'); // holds bank-curator
    const bank = await api<{ id: string }>(`${hashDetection}/api/v1/banks`, {
      method: 'POST', token: curator,
      body: JSON.stringify({ name: 'E2E VICS import', kind: 'positive', source: 'synthetic VICS file', terms: 'tests only', owner: 'e2e' }),
    });
    expect(bank.status).toBe(201);
    const bankId = bank.body.id;

    // A synthetic, benign image stands for "known material".
    const known = await syntheticImage({ pattern: 'stripes', seed: 4242, width: 240, height: 180 });
    const digest = (algorithm: string) => createHash(algorithm).update(known).digest('hex').toUpperCase();
    const vicsFile = join(dir, 'known.json');
    writeFileSync(
      vicsFile,
      JSON.stringify({
        'odata.metadata': 'http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml#Cases',
        value: [{ CaseID: 'e2e', Media: [
          { MediaID: 1, Category: 1, MD5: digest('md5'), SHA1: digest('sha1'), Series: 'E2E series', VictimIdentified: false, IsPrecategorized: true },
          { MediaID: 2, Category: 0, MD5: createHash('md5').update('uncategorised').digest('hex') },
        ] }],
      }),
    );
    const imported = await vigil(['banks', 'import', '--api', hashDetection, '--user', 'reviewer', '--password', 'vigil-demo-reviewer', '--bank', bankId, '--format', 'vics', vicsFile]);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(/^taken: 2\nskipped: 1\n {2}uncategorised: 1\n/);
    expect(imported.stdout).toMatch(/row 2: uncategorised/);
    expect(imported.code).toBe(2); // some rows refused

    const matched = await reportVerdict(known, 'known');
    expect(matched.matchState).toBe('matched');
    const browsed = await api<{ entries: Array<{ id: string; hashType: string }> }>(`${hashDetection}/api/v1/banks/${bankId}/entries?q=${digest('md5').slice(0, 12)}`, { token: curator });
    expect(browsed.body.entries.map((entry) => entry.hashType)).toEqual(['md5']);
    const entryId = browsed.body.entries[0].id;
    expect(matched.match?.reason).toBe(`md5 equal to entry ${entryId} of bank "E2E VICS import"`);

    // Bad input is a 400 naming the field; an unknown entry a 404.
    const noReason = await api<{ message: string[] }>(`${hashDetection}/api/v1/banks/${bankId}/entries/${entryId}/disable`, { method: 'POST', token: curator, body: JSON.stringify({ expiresAt: 'soon' }) });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message.join(' ')).toMatch(/reason must be a string/);
    expect(noReason.body.message.join(' ')).toMatch(/expiresAt must be an ISO 8601 date and time/);
    const past = await api<{ field: string }>(`${hashDetection}/api/v1/banks/${bankId}/entries/${entryId}/disable`, { method: 'POST', token: curator, body: JSON.stringify({ reason: 'r', expiresAt: '2001-01-01T00:00:00Z' }) });
    expect([past.status, past.body.field]).toEqual([400, 'expiresAt']);
    const notUuid = await api<{ field: string }>(`${hashDetection}/api/v1/banks/${bankId}/entries/42/disable`, { method: 'POST', token: curator, body: JSON.stringify({ reason: 'r' }) });
    expect([notUuid.status, notUuid.body.field]).toEqual([400, 'entryId']);
    const unknownEntry = await api(`${hashDetection}/api/v1/banks/${bankId}/entries/00000000-0000-4000-8000-000000000000/disable`, { method: 'POST', token: curator, body: JSON.stringify({ reason: 'r' }) });
    expect(unknownEntry.status).toBe(404);

    const disabled = await api<{ disabledBy: string; disabledReason: string }>(`${hashDetection}/api/v1/banks/${bankId}/entries/${entryId}/disable`, {
      method: 'POST', token: curator, body: JSON.stringify({ reason: 'E2E: reported as a false positive' }),
    });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ disabledBy: 'reviewer', disabledReason: 'E2E: reported as a false positive' });
    expect((await reportVerdict(known, 'known-again')).matchState).toBe('unknown');

    // The change feed, a page at a time: two adds, then the disable.
    const seen: Array<{ op: string; hashType: string; status: string }> = [];
    let since = '0';
    for (;;) {
      const page = await api<{ changes: Array<{ cursor: string; op: string; entry: { hashType: string; status: string } }>; nextCursor: string; hasMore: boolean }>(
        `${hashDetection}/api/v1/banks/${bankId}/changes?since=${since}&limit=1`, { token: curator },
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.changes.map((change) => ({ op: change.op, hashType: change.entry.hashType, status: change.entry.status })));
      since = page.body.nextCursor;
      if (!page.body.hasMore) break;
    }
    expect(seen).toEqual([
      { op: 'add', hashType: 'md5', status: 'active' },
      { op: 'add', hashType: 'sha1', status: 'active' },
      { op: 'disable', hashType: 'md5', status: 'disabled' },
    ]);
    expect((await api(`${hashDetection}/api/v1/banks/${bankId}/changes?since=abc`, { token: curator })).status).toBe(400);

    // Bank detail counts, and the export (through the CLI) shares only the enabled SHA-1.
    const detail = await api<{ counts: { total: number; active: number; disabled: number } }>(`${hashDetection}/api/v1/banks/${bankId}`, { token: curator });
    expect(detail.body.counts).toMatchObject({ total: 2, active: 1, disabled: 1 });
    const exportFile = join(dir, 'export.json');
    const exported = await vigil(['banks', 'export', '--api', hashDetection, '--user', 'reviewer', '--password', 'vigil-demo-reviewer', '--bank', bankId, '--format', 'vics', '--out', exportFile]);
    expect(exported.code).toBe(0);
    expect(JSON.parse(readFileSync(exportFile, 'utf8')).value).toEqual([{ MediaID: 1, Category: 1, SHA1: digest('sha1'), Series: 'E2E series', VictimIdentified: false, IsPrecategorized: true }]);

    // Enabled again, it matches again.
    expect((await api(`${hashDetection}/api/v1/banks/${bankId}/entries/${entryId}/enable`, { method: 'POST', token: curator })).status).toBe(200);
    expect((await reportVerdict(known, 'known-third')).matchState).toBe('matched');
  });

  it('imports CSV sent as the raw body, answers bad formats and settings with a 400, and keeps the routes behind roles', async () => {
    const curator = await staffToken(hashDetection, 'reviewer');
    const bank = await api<{ id: string }>(`${hashDetection}/api/v1/banks`, {
      method: 'POST', token: curator, body: JSON.stringify({ name: 'E2E CSV import', kind: 'negative', source: 's', terms: 't', owner: 'o' }),
    });
    const csv = `hash_type,value,classification\nmd5,${'ab'.repeat(16)},not-csam\nmd5,${'ab'.repeat(15)},not-csam\n`;
    const raw = await api<{ taken: number; skipped: number; rejected: Array<{ row: number; reason: string }> }>(`${hashDetection}/api/v1/banks/${bank.body.id}/import?format=csv`, {
      method: 'POST', token: curator, body: csv, headers: { 'content-type': 'text/csv' },
    });
    expect(raw.status).toBe(200);
    expect(raw.body).toMatchObject({ taken: 1, skipped: 1, rejected: [{ row: 3, reason: 'bad-hash-value' }] });

    const badFormat = await api<{ message: string[] }>(`${hashDetection}/api/v1/banks/${bank.body.id}/import?format=xml`, { method: 'POST', token: curator, body: csv, headers: { 'content-type': 'text/csv' } });
    expect(badFormat.status).toBe(400);
    expect(badFormat.body.message.join(' ')).toMatch(/format must be one of vics, ncmec, csv, tsv/);
    const badHeader = await api<{ field: string }>(`${hashDetection}/api/v1/banks/${bank.body.id}/import?format=csv`, { method: 'POST', token: curator, body: 'a,b\n1,2\n', headers: { 'content-type': 'text/csv' } });
    expect([badHeader.status, badHeader.body.field]).toEqual([400, 'file']);
    const threshold = await api<{ message: string[] }>(`${hashDetection}/api/v1/banks/${bank.body.id}`, { method: 'PATCH', token: curator, body: JSON.stringify({ pdqThreshold: 300, kind: 'positive' }) });
    expect(threshold.status).toBe(400);
    expect(threshold.body.message.join(' ')).toMatch(/pdqThreshold must not be greater than 31/);
    expect(threshold.body.message.join(' ')).toMatch(/property kind should not exist/);
    const patched = await api<{ pdqThreshold: number }>(`${hashDetection}/api/v1/banks/${bank.body.id}`, { method: 'PATCH', token: curator, body: JSON.stringify({ pdqThreshold: 18 }) });
    expect([patched.status, patched.body.pdqThreshold]).toEqual([200, 18]);

    const browse = await api<{ entries: Array<{ value: string }> }>(`${hashDetection}/api/v1/banks/${bank.body.id}/entries?q=abab&status=active`, { token: curator });
    expect(browse.body.entries.map((entry) => entry.value)).toEqual(['ab'.repeat(16)]);

    const analyst = await staffToken(hashDetection, 'analyst');
    expect((await api(`${hashDetection}/api/v1/banks/${bank.body.id}/changes`, { token: analyst })).status).toBe(403);
    expect((await api(`${hashDetection}/api/v1/banks/${bank.body.id}/export?format=csv`, { token: analyst })).status).toBe(403);
    expect((await api(`${hashDetection}/api/v1/banks/${bank.body.id}/entries`)).status).toBe(401);
  });

  it('takes a disabled PDQ entry out of the in-memory index at once, and puts it back when enabled', async () => {
    const curator = await staffToken(hashDetection, 'reviewer');
    const bank = await api<{ id: string }>(`${hashDetection}/api/v1/banks`, {
      method: 'POST', token: curator, body: JSON.stringify({ name: 'E2E PDQ', kind: 'positive', source: 's', terms: 't', owner: 'o', pdqThreshold: 10 }),
    });
    const image = await syntheticImage({ pattern: 'rings', seed: 31, width: 256, height: 256 });
    const hashed = await createLocalHashFileUseCase().execute(image);
    expect(hashed.quality).toBeGreaterThanOrEqual(50); // matched on only above PDQ's quality floor
    const pdqHex = hashed.pdq?.toHex() as string;
    const imported = await api<{ taken: number }>(`${hashDetection}/api/v1/banks/${bank.body.id}/import?format=tsv`, {
      method: 'POST', token: curator, body: `hash_type\tvalue\tclassification\npdq\t${pdqHex}\tcsam-b2\n`, headers: { 'content-type': 'text/tab-separated-values' },
    });
    expect(imported.body.taken).toBe(1);
    const matched = await reportVerdict(image, 'pdq-known');
    expect(matched.matchState).toBe('matched');
    expect(matched.match?.reason).toMatch(/^PDQ within 0 bits \(threshold 10\) of entry [0-9a-f-]{36} of bank "E2E PDQ"$/);
    const entryId = /entry ([0-9a-f-]{36})/.exec(matched.match?.reason ?? '')?.[1] as string;

    const disabled = await api(`${hashDetection}/api/v1/banks/${bank.body.id}/entries/${entryId}/disable`, { method: 'POST', token: curator, body: JSON.stringify({ reason: 'E2E', expiresAt: '2100-01-01T00:00:00Z' }) });
    expect(disabled.status).toBe(200);
    expect((await reportVerdict(image, 'pdq-disabled')).matchState).toBe('unknown');
    expect((await api(`${hashDetection}/api/v1/banks/${bank.body.id}/entries/${entryId}/enable`, { method: 'POST', token: curator })).status).toBe(200);
    expect((await reportVerdict(image, 'pdq-enabled')).matchState).toBe('matched');
  });
});
