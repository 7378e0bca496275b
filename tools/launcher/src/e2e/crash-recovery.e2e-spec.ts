import { createTestDatabase, demoKnownImages, TEST_REDIS_URL, uniqueSuffix, type TestDatabase } from '@vigil/test-fixtures';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { seedDemoData } from '../demo-seed';
import { api, assertBuilt, eventually, freePort, PlatformProcess, reportForm, staffToken } from './platform-harness';

/**
 * Nothing lost, nothing doubled: reports flow while the consumer, then the producer and its
 * relay, then the case opener are killed with SIGKILL mid-flow and restarted. Afterwards every
 * report was matched exactly once in effect and every escalation opened exactly one case.
 */
describe('crash recovery (services mode, SIGKILL)', () => {
  jest.setTimeout(300000);
  const REPORTS = 24;
  let database: TestDatabase;
  let db: Client;
  let services: Record<'tipline' | 'hash' | 'hub', PlatformProcess>;
  let urls: { tipline: string; hashDetection: string; referralHub: string };

  beforeAll(async () => {
    assertBuilt();
    database = await createTestDatabase('vigil_crash');
    const ports = { tipline: await freePort(), hash: await freePort(), hub: await freePort() };
    const env = {
      DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, VIGIL_BUS_PREFIX: `crash-${uniqueSuffix()}`, JWT_SECRET: randomBytes(32).toString('hex'), VIGIL_DEMO_USERS: 'true',
      TIPLINE_PORT: String(ports.tipline), HASH_DETECTION_PORT: String(ports.hash), REFERRAL_HUB_PORT: String(ports.hub),
      BUS_BACKOFF_MS: '100', BUS_ATTEMPTS: '10', BUS_LOCK_MS: '2000', RELAY_INTERVAL_MS: '200',
    };
    services = {
      tipline: new PlatformProcess('tipline', env, /listening on/),
      hash: new PlatformProcess('hash-detection', env, /listening on/),
      hub: new PlatformProcess('referral-hub', env, /listening on/),
    };
    await Promise.all(Object.values(services).map((service) => service.start()));
    urls = { tipline: `http://127.0.0.1:${ports.tipline}`, hashDetection: `http://127.0.0.1:${ports.hash}`, referralHub: `http://127.0.0.1:${ports.hub}` };
    await seedDemoData(urls);
    db = new Client({ connectionString: database.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await Promise.all(Object.values(services ?? {}).map((service) => service.stop()));
    await database?.drop();
  });

  const count = async (sql: string) => Number((await db.query(sql)).rows[0].n);

  it('loses no report and doubles no effect when services are killed mid-flow', async () => {
    const [known] = await demoKnownImages();
    const submit = async (index: number) => {
      const response = await api<{ reference: string }>(`${urls.tipline}/api/v1/reports`, {
        method: 'POST',
        body: reportForm({ incidentType: 'csam', description: `crash test report ${index}` }, [{ name: `known-${index}.png`, bytes: known.bytes }]),
      });
      expect(response.status).toBe(201);
      return response.body.reference;
    };

    // 1. Kill the consumer (hash-detection) while reports are arriving.
    const references: string[] = [];
    for (let index = 0; index < REPORTS / 2; index++) references.push(await submit(index));
    await services.hash.crash();
    for (let index = REPORTS / 2; index < REPORTS; index++) references.push(await submit(index));
    // 2. Kill the producer and its relay too, then bring both back.
    await services.tipline.crash();
    await services.tipline.start();
    await services.hash.start();

    const analyst = await staffToken(urls.tipline, 'analyst');
    const reports = await eventually(async () => {
      const rows = await Promise.all(references.map(async (reference) => (await api<{ id: string; media: Array<{ matchState: string }>; priorityReasons: Array<{ rule: string }> }>(`${urls.tipline}/api/v1/reports/${reference}`, { token: analyst })).body));
      return rows.every((row) => row.media[0].matchState === 'matched') ? rows : undefined;
    }, 'every report to be matched after the restarts', 120000);

    for (const report of reports) expect(report.priorityReasons.filter((reason) => reason.rule === 'known-hash-match')).toHaveLength(1);
    expect(await count(`SELECT count(*) AS n FROM tipline.reports`)).toBe(REPORTS + 3);
    expect(await count(`SELECT count(*) AS n FROM hash_detection.inbox WHERE event_type = 'report.submitted.v1'`)).toBe(REPORTS + 3);
    expect(await count(`SELECT count(*) AS n FROM hash_detection.outbox`)).toBe(REPORTS + 2); // one verdict per media item: ours, plus the two seeded images
    expect(await count(`SELECT count(*) AS n FROM tipline.inbox`)).toBe(REPORTS + 2); // each verdict handled once

    // 3. Escalate every report, killing the case opener halfway.
    for (const [index, report] of reports.entries()) {
      if (index === REPORTS / 2) await services.hub.crash();
      const escalated = await api(`${urls.tipline}/api/v1/reports/${report.id}/escalate`, { method: 'POST', token: analyst, body: JSON.stringify({ summary: `escalation ${index}` }) });
      expect(escalated.status).toBe(200);
    }
    await services.hub.start();
    await eventually(async () => ((await count(`SELECT count(*) AS n FROM referral_hub.case_reports`)) >= REPORTS ? true : undefined), 'a case for every escalation', 120000);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // let any duplicate delivery land, if there were one

    expect(await count(`SELECT count(*) AS n FROM referral_hub.cases`)).toBe(REPORTS);
    expect(await count(`SELECT count(DISTINCT source_report_id) AS n FROM referral_hub.case_reports`)).toBe(REPORTS);
    expect(await count(`SELECT count(*) AS n FROM referral_hub.inbox`)).toBe(REPORTS);
    expect(await count(`SELECT count(*) AS n FROM tipline.outbox WHERE published_at IS NULL`)).toBe(0);
    console.log(
      `crash test: ${REPORTS} reports through SIGKILL of hash-detection, tipline and referral-hub; ` +
        `matched once each, ${await count('SELECT count(*) AS n FROM referral_hub.cases')} cases, 0 duplicates`,
    );
  });
});
