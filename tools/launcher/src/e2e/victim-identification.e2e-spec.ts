import { createTestDatabase, TEST_REDIS_URL, uniqueSuffix, type TestDatabase } from '@vigil/test-fixtures';
import { randomBytes } from 'node:crypto';
import { api, assertBuilt, eventually, freePort, PlatformProcess, staffToken } from './platform-harness';

/** Synthetic digests and names only: repeated hex digits, a made-up series and pseudonym. */
const SERIES = 'E2E Synthetic Series';
const SERIES_HASH = '7'.repeat(64);
const OTHER_HASH = '8'.repeat(64);

interface Entry {
  id: string;
  series?: string;
  victimIdentified: boolean;
}

/**
 * A victim identification flows back to hash-detection, across processes and the bus: a bank
 * entry of a series, an identification naming that series in the referral hub, and the entry
 * flagged victim-identified by the hash-detection consumer.
 */
describe('victim identification: referral hub → victim.identified.v1 → hash-detection banks', () => {
  jest.setTimeout(240000);
  let database: TestDatabase;
  let processes: PlatformProcess[] = [];
  let hashDetection: string;
  let hub: string;

  beforeAll(async () => {
    assertBuilt();
    database = await createTestDatabase('vigil_e2e_victims');
    const ports = { tipline: await freePort(), hash: await freePort(), hub: await freePort() };
    const env = {
      DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, VIGIL_BUS_PREFIX: `e2e-${uniqueSuffix()}`, JWT_SECRET: randomBytes(32).toString('hex'), VIGIL_DEMO_USERS: 'true',
      TIPLINE_PORT: String(ports.tipline), HASH_DETECTION_PORT: String(ports.hash), REFERRAL_HUB_PORT: String(ports.hub), BUS_BACKOFF_MS: '200',
    };
    processes = ['hash-detection', 'referral-hub'].map((name) => new PlatformProcess(name, env, /listening on/));
    await Promise.all(processes.map((process) => process.start()));
    hashDetection = `http://127.0.0.1:${ports.hash}`;
    hub = `http://127.0.0.1:${ports.hub}`;
  });

  afterAll(async () => {
    await Promise.all(processes.map((process) => process.stop()));
    await database?.drop();
  });

  it('flags the bank entries of an identified victim’s series, records the ICSE steps and publishes suppressed figures', async () => {
    const curator = await staffToken(hashDetection, 'reviewer');
    const bank = await api<{ id: string }>(`${hashDetection}/api/v1/banks`, {
      method: 'POST', token: curator,
      body: JSON.stringify({ name: 'E2E victim-ID bank', kind: 'positive', source: 'synthetic', terms: 'tests', owner: 'tests', pdqThreshold: 31 }),
    });
    expect(bank.status).toBe(201);
    const addEntry = (value: string, series?: string) =>
      api<Entry>(`${hashDetection}/api/v1/banks/${bank.body.id}/entries`, { method: 'POST', token: curator, body: JSON.stringify({ hashType: 'sha256', value, classification: 'csam-a1', series }) });
    const inSeries = await addEntry(SERIES_HASH, SERIES);
    const other = await addEntry(OTHER_HASH, 'Another Series');
    expect(inSeries.status).toBe(201);
    expect(inSeries.body.victimIdentified).toBe(false);

    const officer = await staffToken(hub, 'victimid');
    const recorded = await api<{ id: string; pseudonym: string; icse: { state: string } }>(`${hub}/api/v1/victims`, {
      method: 'POST', token: officer,
      body: JSON.stringify({ pseudonym: 'VIC-E2E0001', ageBand: '8-11', gender: 'unknown', province: 'MB', identifiedOn: '2026-11-01', identifyingAgency: 'manitoba-ice', series: [SERIES] }),
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body.icse.state).toBe('pending');

    const entryUrl = (id: string) => `${hashDetection}/api/v1/banks/${bank.body.id}/entries/${id}`;
    const flagged = await eventually(async () => {
      const { body } = await api<Entry>(entryUrl(inSeries.body.id), { token: curator });
      return body.victimIdentified ? body : undefined;
    }, 'the series entry flagged victim-identified');
    expect(flagged.series).toBe(SERIES);
    expect((await api<Entry>(entryUrl(other.body.id), { token: curator })).body.victimIdentified).toBe(false);

    const changes = await api<{ changes: Array<{ op: string; entry: { value: string; victimIdentified: boolean } }> }>(`${hashDetection}/api/v1/banks/${bank.body.id}/changes`, { token: curator });
    expect(changes.body.changes.filter((change) => change.op === 'update').map((change) => [change.entry.value, change.entry.victimIdentified])).toEqual([[SERIES_HASH, true]]);

    const icse = (state: string, interpolReference?: string) =>
      api<{ icse: { state: string; interpolReference?: string }; history: Array<{ change: string; by: string }> }>(`${hub}/api/v1/victims/${recorded.body.id}/icse`, {
        method: 'POST', token: officer, body: JSON.stringify({ state, interpolReference }),
      });
    expect((await icse('submitted')).status).toBe(200);
    const missingReference = await icse('accepted');
    expect(missingReference.status).toBe(400);
    expect(JSON.stringify(missingReference.body)).toMatch(/interpolReference/);
    const accepted = await icse('accepted', 'ICSE-E2E-1');
    expect(accepted.status).toBe(200);
    expect(accepted.body.icse).toMatchObject({ state: 'accepted', interpolReference: 'ICSE-E2E-1' });
    expect(accepted.body.history.map((entry) => entry.change)).toEqual(['recorded', 'icse-submitted', 'icse-accepted']);

    const supervisor = await staffToken(hub, 'supervisor');
    const list = await api<Array<{ pseudonym: string }>>(`${hub}/api/v1/victims`, { token: supervisor });
    expect(list.status).toBe(200);
    expect(list.body.map((victim) => victim.pseudonym)).toEqual(['VIC-E2E0001']);
    expect((await api(`${hub}/api/v1/victims/${recorded.body.id}`, { token: supervisor })).status).toBe(200);
    const figures = await api<{ total: unknown; byAgeBandAndGender: Array<{ count: unknown }> }>(`${hub}/api/v1/victims/figures?year=2026`, { token: supervisor });
    expect(figures.status).toBe(200);
    expect(figures.body.total).toBe('<5');
    expect(figures.body.byAgeBandAndGender).toHaveLength(20);
  });

  it('keeps the log to its roles and names the wrong field in bad input', async () => {
    const investigator = await staffToken(hub, 'investigator');
    const officer = await staffToken(hub, 'victimid');
    const valid = { pseudonym: 'VIC-E2E0002', ageBand: '4-7', gender: 'girl', province: 'ON', identifiedOn: '2026-10-01', identifyingAgency: 'toronto-police-service' };
    expect((await api(`${hub}/api/v1/victims`, { method: 'POST', token: investigator, body: JSON.stringify(valid) })).status).toBe(403);
    expect((await api(`${hub}/api/v1/victims`, { token: investigator })).status).toBe(403);
    expect((await api(`${hub}/api/v1/victims`)).status).toBe(401);

    const bad = async (changes: Record<string, unknown>, field: RegExp) => {
      const response = await api(`${hub}/api/v1/victims`, { method: 'POST', token: officer, body: JSON.stringify({ ...valid, ...changes }) });
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body)).toMatch(field);
    };
    await bad({ pseudonym: 'Jane Doe' }, /pseudonym/);
    await bad({ gender: 'female' }, /gender/);
    await bad({ identifyingAgency: 'made-up-police' }, /identifyingAgency/);
    await bad({ hashes: [{ type: 'sha256', value: 'xyz' }] }, /hashes/);
    expect((await api(`${hub}/api/v1/victims/figures?year=soon`, { token: officer })).status).toBe(400);
  });
});
