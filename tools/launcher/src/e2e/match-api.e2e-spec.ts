import { createLocalHashFileUseCase, createLocalHashVideoUseCase, PdqHash } from '@vigil/hashes';
import { createTestDatabase, demoKnownImages, demoUnknownImage, TEST_REDIS_URL, uniqueSuffix, writeSyntheticVideo, type TestDatabase } from '@vigil/test-fixtures';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import sharp from 'sharp';
import { api, assertBuilt, freePort, PlatformProcess, staffToken } from './platform-harness';

interface MatchResult {
  hash: string;
  type: string;
  matched: boolean;
  matchKind?: string;
  distance?: number;
  classification?: string;
  bank?: { id: string; name: string; source: string; owner: string; terms: string };
  entryId?: string;
  series?: string;
  reason: string;
}

interface MatchResponse {
  requestId: string;
  results: MatchResult[];
  verdict?: MatchResult;
  file?: { contentType: string; bytes: number; pdqQuality?: number };
}

const BANK_NAME = 'E2E match API bank (synthetic images)';

describe('industry match API: API keys, hashes or files, Arachnid Shield and HMA shapes', () => {
  jest.setTimeout(240000);
  let database: TestDatabase;
  let snapshotDir: string;
  let service: PlatformProcess;
  let url: string;
  let admin: string;
  let key: string;
  let known: Array<{ name: string; bytes: Buffer; sha256: string; md5: string; pdq: string }>;
  /** PDQ entries added by tests beyond the known images' (the index status counts them all). */
  let extraPdqEntries = 0;

  const asPartner = (apiKey: string, init: { method?: string; body?: string | FormData | Buffer; headers?: Record<string, string> } = {}) => ({
    ...init,
    headers: { 'x-api-key': apiKey, ...(init.headers ?? {}) },
  });
  const matchHashes = (apiKey: string, hashes: unknown[]) => api<MatchResponse & { message?: string; field?: string }>(`${url}/api/v1/match`, asPartner(apiKey, { method: 'POST', body: JSON.stringify({ hashes }), headers: { 'content-type': 'application/json' } }));
  const createKey = async (body: Record<string, unknown>) => {
    const created = await api<{ key: string; keyId: string }>(`${url}/api/v1/api-keys`, { method: 'POST', token: admin, body: JSON.stringify({ partnerId: 'e2e-platform', partnerName: 'E2E Platform', scopes: ['match'], ...body }) });
    expect(created.status).toBe(201);
    return created.body;
  };

  beforeAll(async () => {
    assertBuilt();
    database = await createTestDatabase('vigil_e2e_match');
    snapshotDir = await mkdtemp(join(tmpdir(), 'vigil-e2e-index-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    service = new PlatformProcess(
      'hash-detection',
      {
        DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, VIGIL_BUS_PREFIX: `e2e-${uniqueSuffix()}`, JWT_SECRET: randomBytes(32).toString('hex'), VIGIL_DEMO_USERS: 'true',
        HASH_DETECTION_PORT: String(port), VIGIL_INDEX_SNAPSHOT_DIR: snapshotDir, INDEX_SNAPSHOT_INTERVAL_MS: '0',
      },
      /listening on/,
    );
    await service.start();
    admin = await staffToken(url, 'admin');

    const bank = await api<{ id: string }>(`${url}/api/v1/banks`, {
      method: 'POST',
      token: admin,
      body: JSON.stringify({ name: BANK_NAME, kind: 'positive', source: 'tools/test-fixtures', terms: 'Test data only', owner: 'E2E', pdqThreshold: 31 }),
    });
    const hasher = createLocalHashFileUseCase();
    known = [];
    for (const [index, image] of (await demoKnownImages()).entries()) {
      const hashed = await hasher.execute(image.bytes);
      const entry = { name: image.name, bytes: image.bytes, sha256: hashed.sha256 as string, md5: hashed.md5 as string, pdq: hashed.pdq?.toHex() as string };
      known.push(entry);
      for (const [hashType, value] of [['sha256', entry.sha256], ['md5', entry.md5], ['pdq', entry.pdq]]) {
        const added = await api(`${url}/api/v1/banks/${bank.body.id}/entries`, {
          method: 'POST',
          token: admin,
          body: JSON.stringify({ hashType, value, classification: index % 2 === 0 ? 'csam-a1' : 'harmful-abusive-material', series: `e2e-series-${index + 1}` }),
        });
        expect(added.status).toBe(201);
      }
    }
    key = (await createKey({})).key;
  });

  afterAll(async () => {
    await service?.stop();
    await database?.drop();
    if (snapshotDir) await rm(snapshotDir, { recursive: true, force: true });
  });

  it('issues a key once: the list shows no secret', async () => {
    expect(key).toMatch(/^vgl_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    const listed = await api<Array<Record<string, unknown>>>(`${url}/api/v1/api-keys`, { token: admin });
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(key.slice(21));
    expect(listed.body[0]).toMatchObject({ partnerId: 'e2e-platform', scopes: ['match'], status: 'active', createdBy: 'admin' });
    const analyst = await staffToken(url, 'analyst');
    expect((await api(`${url}/api/v1/api-keys`, { token: analyst })).status).toBe(403);
  });

  it('matches a known image uploaded as a file, exactly, with the bank and the rule', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(known[0].bytes)], { type: 'image/png' }), 'upload.png');
    const { status, body } = await api<MatchResponse>(`${url}/api/v1/match`, asPartner(key, { method: 'POST', body: form }));
    expect(status).toBe(200);
    expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.file).toMatchObject({ contentType: 'image/png', bytes: known[0].bytes.length });
    expect(body.verdict).toMatchObject({ matched: true, matchKind: 'exact', distance: 0, classification: 'csam-a1', series: 'e2e-series-1', bank: { name: BANK_NAME, source: 'tools/test-fixtures', owner: 'E2E', terms: 'Test data only' } });
    expect(body.verdict?.reason).toMatch(/^sha256 equal to entry [0-9a-f-]{36} of bank "E2E match API bank/);
    const byType = Object.fromEntries(body.results.map((result) => [result.type, result]));
    expect(byType.sha256).toMatchObject({ hash: known[0].sha256, matched: true, matchKind: 'exact' });
    expect(byType.sha1).toMatchObject({ matched: false, reason: 'no bank entry has this sha1' });
    // A smooth gradient has PDQ quality 42: PDQ says not to match on it, and the answer says so.
    expect(byType.pdq).toMatchObject({ hash: known[0].pdq, matched: false, reason: 'PDQ quality below 50: not matched on, as PDQ specifies' });
    expect(body.file?.pdqQuality).toBe(42);
  });

  it('matches a recompressed copy by PDQ in hex and in base64: near, with its distance and reason', async () => {
    const copy = await sharp(known[3].bytes).jpeg({ quality: 70 }).toBuffer();
    const pdq = (await createLocalHashFileUseCase().execute(copy)).pdq as PdqHash;
    const { status, body } = await matchHashes(key, [
      { type: 'pdq', value: pdq.toHex() },
      { type: 'pdq', value: pdq.toBase64() },
      { type: 'md5', value: known[1].md5.toUpperCase() },
    ]);
    expect(status).toBe(200);
    for (const result of body.results.slice(0, 2)) {
      expect(result).toMatchObject({ hash: pdq.toHex(), type: 'pdq', matched: true, matchKind: 'near', classification: 'harmful-abusive-material', series: 'e2e-series-4' });
      expect(result.distance).toBeGreaterThan(0);
      expect(result.distance).toBeLessThanOrEqual(31);
      expect(result.reason).toMatch(/^PDQ within \d+ bits \(threshold 31\) of entry/);
    }
    expect(body.results[2]).toMatchObject({ type: 'md5', matched: true, matchKind: 'exact', series: 'e2e-series-2' });
  });

  it('answers an unknown image as not matched', async () => {
    const unknown = await createLocalHashFileUseCase().execute(await demoUnknownImage());
    const { status, body } = await matchHashes(key, [
      { type: 'pdq', value: unknown.pdq?.toHex() },
      { type: 'sha256', value: unknown.sha256 },
    ]);
    expect(status).toBe(200);
    expect(body.results.map((result) => [result.matched, result.reason])).toEqual([
      [false, 'no PDQ entry within its bank’s threshold'],
      [false, 'no bank entry has this sha256'],
    ]);
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const bad = await matchHashes(key, [{ type: 'sha256', value: known[0].sha256 }, { type: 'pdq', value: 'not-a-hash' }]);
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('hashes[1].value');
    expect(bad.body.message).toMatch(/^hashes\[1\]\.value: a pdq hash is 64 hexadecimal characters or 44 characters of base64/);
    const badType = await matchHashes(key, [{ type: 'crc32', value: 'abcd' }]);
    expect(badType.status).toBe(400);
    expect(badType.body).toMatchObject({ field: 'hashes[0].type', message: 'hashes[0].type: must be one of md5, sha1, sha256, pdq' });
    const nothing = await api<{ message: string }>(`${url}/api/v1/match`, asPartner(key, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }));
    expect(nothing.status).toBe(400);
    expect(nothing.body.message).toMatch(/^hashes: send hashes as JSON/);
    const form = new FormData();
    form.append('file', new Blob([new TextEncoder().encode('not an image')], { type: 'image/png' }), 'fake.png');
    const notImage = await api<{ field: string }>(`${url}/api/v1/match`, asPartner(key, { method: 'POST', body: form }));
    expect(notImage.status).toBe(422);
    expect(notImage.body.field).toBe('file');
  });

  it('matches an uploaded video by its frames: which frames matched known entries, and when; nothing left in the memory folder', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'vigil-e2e-video-'));
    try {
      const clip = await writeSyntheticVideo(join(folder, 'clip.mp4'), { segments: [{ scene: 'testsrc2', seconds: 4 }] });
      const other = await writeSyntheticVideo(join(folder, 'other.webm'), { segments: [{ scene: 'mandelbrot', seconds: 3 }], codec: 'vp8' });
      const hashed = await createLocalHashVideoUseCase().execute(clip);
      const knownFrame = hashed.frames?.[2];
      expect(knownFrame?.quality).toBeGreaterThanOrEqual(50);
      const banks = await api<Array<{ id: string; name: string }>>(`${url}/api/v1/banks`, { token: admin });
      const bankId = banks.body.find((bank) => bank.name === BANK_NAME)?.id;
      const added = await api(`${url}/api/v1/banks/${bankId}/entries`, { method: 'POST', token: admin, body: JSON.stringify({ hashType: 'pdq', value: knownFrame?.pdq.toHex(), classification: 'csam-b2', series: 'e2e-video' }) });
      expect(added.status).toBe(201);
      extraPdqEntries++;

      const upload = async (file: string, name: string) => {
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(await readFile(file))], { type: 'application/octet-stream' }), name);
        return api<MatchResponse & { frames?: { sampled: number; usable: number; matched: number; matches: Array<{ timestampSeconds: number; distance: number; classification: string }> } }>(
          `${url}/api/v1/match`,
          asPartner(key, { method: 'POST', body: form }),
        );
      };
      const hit = await upload(clip, 'clip.bin');
      expect(hit.status).toBe(200);
      expect(hit.body.file).toMatchObject({ contentType: 'video/mp4', codec: 'h264', width: 320, height: 240 });
      expect(hit.body.verdict).toMatchObject({ matched: true, matchKind: 'near', classification: 'csam-b2', series: 'e2e-video' });
      expect(hit.body.verdict?.reason).toMatch(/usable sampled frames .* match known entries; closest at 2\.0 s/);
      expect(hit.body.frames).toMatchObject({ sampled: 4 });
      expect(hit.body.frames?.matches.map((match) => match.timestampSeconds)).toContain(2);
      expect(hit.body.results.map((result) => result.type)).toEqual(['sha256', 'sha1', 'md5']);

      const miss = await upload(other, 'other.webm');
      expect(miss.status).toBe(200);
      expect(miss.body.file?.contentType).toBe('video/webm');
      expect(miss.body.verdict?.matched).toBe(false);
      expect(miss.body.frames?.matched).toBe(0);

      // A video cut short: its header promises what the bytes do not hold.
      const truncated = (await readFile(clip)).subarray(0, 2000);
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(truncated)]), 'cut.mp4');
      const cut = await api<{ message: string }>(`${url}/api/v1/match`, asPartner(key, { method: 'POST', body: form }));
      expect(cut.status).toBe(422);
      expect(cut.body.message).toMatch(/video/);

      // Decoded from /dev/shm (memory) and removed at once.
      expect((await readdir('/dev/shm')).filter((name) => name.startsWith('vigil-video-'))).toEqual([]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('needs a valid key with the match scope, and refuses keys on staff-only routes', async () => {
    const hashes = [{ type: 'md5', value: known[0].md5 }];
    const anonymous = await api<{ message: string }>(`${url}/api/v1/match`, { method: 'POST', body: JSON.stringify({ hashes }) });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.message).toMatch(/API key \(X-Api-Key\)/);
    expect((await matchHashes(`vgl_0123456789abcdef_${'A'.repeat(43)}`, hashes)).status).toBe(401);
    const bearer = await api(`${url}/api/v1/match`, { method: 'POST', token: key, body: JSON.stringify({ hashes }) });
    expect(bearer.status).toBe(200);
    const reviewer = await api(`${url}/api/v1/match`, { method: 'POST', token: await staffToken(url, 'reviewer'), body: JSON.stringify({ hashes }) });
    expect(reviewer.status).toBe(200);

    const changesOnly = await createKey({ scopes: ['bank-changes'] });
    const wrongScope = await matchHashes(changesOnly.key, hashes);
    expect(wrongScope.status).toBe(403);
    expect(wrongScope.body.message).toMatch(/lacks the scope this route needs \(match\)/);
    const staffOnly = await api<{ message: string }>(`${url}/api/v1/banks`, asPartner(key));
    expect(staffOnly.status).toBe(403);
    expect(staffOnly.body.message).toMatch(/API keys are not accepted here/);
  });

  it('refuses a revoked key at once', async () => {
    const doomed = await createKey({});
    expect((await matchHashes(doomed.key, [{ type: 'md5', value: known[0].md5 }])).status).toBe(200);
    const revoked = await api<{ status: string; revokedBy: string }>(`${url}/api/v1/api-keys/${doomed.keyId}/revoke`, { method: 'POST', token: admin });
    expect(revoked.body).toMatchObject({ status: 'revoked', revokedBy: 'admin' });
    const refused = await matchHashes(doomed.key, [{ type: 'md5', value: known[0].md5 }]);
    expect(refused.status).toBe(401);
    expect(refused.body.message).toMatch(/revoked/);
  });

  it('answers 429 with Retry-After once a key is over its limit', async () => {
    const limited = await createKey({ rateLimitPerMinute: 2 });
    const hashes = [{ type: 'md5', value: known[0].md5 }];
    expect((await matchHashes(limited.key, hashes)).status).toBe(200);
    expect((await matchHashes(limited.key, hashes)).status).toBe(200);
    const response = await fetch(`${url}/api/v1/match`, { method: 'POST', headers: { 'x-api-key': limited.key, 'content-type': 'application/json' }, body: JSON.stringify({ hashes }) });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await response.json()) as { message: string }).message).toMatch(/rate limit exceeded for this API key: 2 requests per minute/);
    expect((await matchHashes(key, hashes)).status).toBe(200); // other keys are not affected
  });

  it('answers Arachnid Shield clients in its shapes (media bytes, PDQ list, Basic auth)', async () => {
    const basic = `Basic ${Buffer.from(`e2e-platform:${key}`).toString('base64')}`;
    const media = await api<Record<string, unknown>>(`${url}/v1/media`, { method: 'POST', body: new Uint8Array(known[0].bytes) as unknown as NonNullable<RequestInit['body']>, headers: { authorization: basic, 'content-type': 'image/png' } });
    expect(media.status).toBe(200);
    expect(media.body).toMatchObject({ sha256_hex: known[0].sha256.toUpperCase(), md5_hex: known[0].md5, size_bytes: known[0].bytes.length, classification: 'csam', match_type: 'exact' });
    expect(media.body.sha1_base32).toMatch(/^[A-Z2-7]{32}$/);

    const unknownPdq = (await createLocalHashFileUseCase().execute(await demoUnknownImage())).pdq as PdqHash;
    const knownBase64 = PdqHash.fromHex(known[1].pdq).toBase64();
    const pdq = await api<{ scanned_hashes: Record<string, { classification: string; match_type: string | null; near_match_details: unknown }> }>(`${url}/v1/pdq/`, asPartner(key, {
      method: 'POST',
      body: JSON.stringify({ hashes: [knownBase64, unknownPdq.toBase64()] }),
      headers: { 'content-type': 'application/json' },
    }));
    expect(pdq.status).toBe(200);
    expect(pdq.body.scanned_hashes[knownBase64]).toMatchObject({ classification: 'harmful-abusive-material', match_type: 'near', near_match_details: { timestamp: 0, classification: 'harmful-abusive-material', distance: 0 } });
    expect(pdq.body.scanned_hashes[unknownPdq.toBase64()]).toEqual({ classification: 'no-known-match', match_type: null, near_match_details: null });

    const fromUrl = await api(`${url}/v1/media`, asPartner(key, { method: 'POST', body: JSON.stringify({ url: 'https://example.org/x.png' }), headers: { 'content-type': 'application/json' } }));
    expect(fromUrl.status).toBe(422);
  });

  it('answers HMA clients in its shapes (hash an upload, look up banks by signal)', async () => {
    const form = new FormData();
    form.append('photo', new Blob([new Uint8Array(known[2].bytes)], { type: 'image/png' }), 'photo.png');
    const hashed = await api<{ pdq: string }>(`${url}/h/hash`, asPartner(key, { method: 'POST', body: form }));
    expect(hashed).toEqual({ status: 200, body: { pdq: known[2].pdq } });
    expect((await api(`${url}/h/hash?url=https://example.org/x.png`, asPartner(key))).status).toBe(400);

    const lookup = await api<string[]>(`${url}/m/lookup?signal=${known[2].pdq}&signal_type=pdq`, asPartner(key));
    expect(lookup).toEqual({ status: 200, body: [BANK_NAME] });
    const byMd5 = await api<string[]>(`${url}/m/lookup?signal=${known[2].md5}&signal_type=video_md5`, asPartner(key));
    expect(byMd5.body).toEqual([BANK_NAME]);
    const none = await api<string[]>(`${url}/m/lookup?signal=${'0'.repeat(64)}&signal_type=pdq`, asPartner(key));
    expect(none.body).toEqual([]);
    const raw = await api<{ matches: Array<{ content_id: string; distance: string }> }>(`${url}/m/raw_lookup?signal=${known[2].pdq}&signal_type=pdq&include_distance=true`, asPartner(key));
    expect(raw.body.matches).toEqual([{ content_id: expect.stringMatching(/^[0-9a-f-]{36}$/), distance: '0' }]);
    expect((await api(`${url}/m/lookup?signal=abc&signal_type=tlsh`, asPartner(key))).status).toBe(400);
    const badSignal = await api<{ field: string; message: string }>(`${url}/m/lookup?signal=abc&signal_type=pdq`, asPartner(key));
    expect(badSignal.status).toBe(400);
    expect(badSignal.body).toMatchObject({ field: 'signal', message: expect.stringMatching(/^signal: a pdq hash is 64 hexadecimal characters/) });
  });

  it('documents the API and its compatible shapes at /docs', async () => {
    const openApi = await api<{ paths: Record<string, unknown>; tags?: Array<{ name: string }> }>(`${url}/docs-json`);
    expect(Object.keys(openApi.body.paths)).toEqual(expect.arrayContaining(['/api/v1/match', '/v1/media', '/v1/pdq', '/h/hash', '/m/lookup', '/api/v1/api-keys', '/api/v1/index/status']));
    expect(JSON.stringify(openApi.body.paths['/v1/pdq'])).toContain('compat: Arachnid Shield');
    expect(JSON.stringify(openApi.body.paths['/m/lookup'])).toContain('compat: HMA');
  });

  it('audits every match request: who, how many, what matched, never the hashes', async () => {
    const { body } = await matchHashes(key, [{ type: 'sha256', value: known[0].sha256 }, { type: 'md5', value: 'f'.repeat(32) }]);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      const rows = await client.query(`SELECT actor, action, detail FROM hash_detection.audit_log WHERE resource_type = 'match-request' AND resource_id = $1`, [body.requestId]);
      expect(rows.rows).toEqual([{ actor: 'partner:e2e-platform', action: 'view', detail: expect.objectContaining({ via: 'vigil', kind: 'hashes', hashCount: 2, matchedCount: 1, matchedEntries: [body.results[0].entryId] }) }]);
      expect(JSON.stringify(rows.rows)).not.toContain(known[0].sha256);
      const all = await client.query(`SELECT count(*)::int AS n, count(DISTINCT detail->>'via')::int AS vias FROM hash_detection.audit_log WHERE resource_type = 'match-request'`);
      expect(all.rows[0].n).toBeGreaterThan(15);
      expect(all.rows[0].vias).toBe(3);
      const keys = await client.query(`SELECT action, detail FROM hash_detection.audit_log WHERE resource_type = 'api-key' ORDER BY seq`);
      expect(keys.rows.map((row) => row.action)).toEqual(expect.arrayContaining(['create', 'change']));
    } finally {
      await client.end();
    }
  });

  it('reports the index status, writes a snapshot at shutdown and loads it at the next start', async () => {
    const reviewer = await staffToken(url, 'reviewer');
    const before = await api<{ pdq: { entries: number; source: string; memoryEstimateBytes: number }; snapshot: { path: string } }>(`${url}/api/v1/index/status`, { token: reviewer });
    expect(before.status).toBe(200);
    expect(before.body.pdq).toMatchObject({ entries: known.length + extraPdqEntries, source: 'postgres' });
    expect(before.body.pdq.memoryEstimateBytes).toBeGreaterThan(0);
    expect((await api(`${url}/api/v1/index/status`, asPartner(key))).status).toBe(403);

    expect(await service.stop()).toBe(0);
    await service.start();
    expect(service.output).toMatch(new RegExp(`PDQ index loaded from .*pdq-index\\.hash_detection\\.snapshot with ${known.length + extraPdqEntries} entries`));
    const after = await api<{ pdq: { entries: number; source: string } }>(`${url}/api/v1/index/status`, { token: await staffToken(url, 'reviewer') });
    expect(after.body.pdq).toMatchObject({ entries: known.length + extraPdqEntries, source: 'snapshot' });
    const stillMatches = await matchHashes(key, [{ type: 'pdq', value: known[1].pdq }]);
    expect(stillMatches.body.results[0]).toMatchObject({ matched: true, matchKind: 'near', distance: 0 });
  });
});
