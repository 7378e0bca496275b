import { createTestDatabase, TEST_REDIS_URL, uniqueSuffix, type TestDatabase } from '@vigil/test-fixtures';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { api, assertBuilt, eventually, freePort, PlatformProcess } from './platform-harness';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('services mode with TIPLINE_WORKERS: node:cluster workers sharing the port', () => {
  jest.setTimeout(180000);
  let database: TestDatabase;
  let tipline: PlatformProcess;
  let url: string;

  beforeAll(async () => {
    assertBuilt();
    database = await createTestDatabase('vigil_e2e_workers');
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    tipline = new PlatformProcess(
      'tipline',
      { DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL, VIGIL_BUS_PREFIX: `e2e-${uniqueSuffix()}`, JWT_SECRET: randomBytes(32).toString('hex'), VIGIL_DEMO_USERS: 'true', TIPLINE_PORT: String(port), TIPLINE_WORKERS: '2' },
      /2 workers \(pids \d+, \d+\)/,
    );
    await tipline.start();
  });

  afterAll(async () => {
    await tipline?.stop();
    await database?.drop();
  });

  /** Each worker logs its own "listening on" line once it serves. */
  const listening = (lines: number) =>
    eventually(async () => ((tipline.output.match(/tipline listening on/g) ?? []).length >= lines ? true : undefined), `${lines} "listening on" lines`).catch((error: Error) => {
      throw new Error(`${error.message}\n${tipline.output}`);
    });

  const submit = () =>
    api<{ reference: string }>(`${url}/api/v1/reports`, { method: 'POST', body: JSON.stringify({ incidentType: 'online-luring', description: 'E2E: workers test', urls: ['https://chat.example.org/p/1'] }) });

  it('takes reports on both workers, migrates once, replaces a worker that dies and drains both on SIGTERM', async () => {
    await listening(2);
    const pids = /2 workers \(pids (\d+), (\d+)\)/.exec(tipline.output)?.slice(1).map(Number) ?? [];
    expect(pids).toHaveLength(2);
    const first = await Promise.all(Array.from({ length: 20 }, submit));
    expect(first.map((answer) => answer.status)).toEqual(Array(20).fill(201));
    expect(new Set(first.map((answer) => answer.body.reference)).size).toBe(20);
    // The access log names the process that answered: connections went round-robin to both.
    const servedBy = new Set([...tipline.output.matchAll(/"pid":(\d+)[^\n]*POST \/api\/v1\/reports 201/g)].map((match) => Number(match[1])));
    expect([...servedBy].sort()).toEqual([...pids].sort());

    process.kill(pids[1], 'SIGKILL');
    await eventually(async () => (/worker \d+ exited with SIGKILL; starting another/.test(tipline.output) ? true : undefined), 'a replacement worker');
    await listening(3);
    const second = await Promise.all(Array.from({ length: 20 }, submit));
    expect(second.map((answer) => answer.status)).toEqual(Array(20).fill(201));

    const db = new Client({ connectionString: database.url });
    await db.connect();
    try {
      const [{ reports }] = (await db.query<{ reports: number }>(`SELECT count(*)::int AS reports FROM tipline.reports`)).rows;
      expect(reports).toBe(40);
      // Migrations ran in the first worker alone: each applied once.
      const { rows } = await db.query<{ name: string; n: number }>(`SELECT name, count(*)::int AS n FROM tipline.migrations GROUP BY name HAVING count(*) > 1`);
      expect(rows).toEqual([]);
      await eventually(async () => {
        const [{ pending }] = (await db.query<{ pending: number }>(`SELECT count(*)::int AS pending FROM tipline.outbox WHERE published_at IS NULL`)).rows;
        return pending === 0 ? true : undefined;
      }, 'the outbox relayed by the workers');
    } finally {
      await db.end();
    }

    expect(await tipline.stop()).toBe(0);
    expect(pids.filter(alive)).toEqual([]);
    expect(tipline.output).toMatch(/SIGTERM: asking tipline's workers to drain/);
  });
});
