import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { ThreadedOutboxRelay, type RelayThreadSettings } from './outbox-relay-thread';

const SETTINGS: RelayThreadSettings = { databaseUrl: 'postgres://unused', schema: 'tipline', redisUrl: 'redis://unused' };

/**
 * The main thread's side of the relay thread: start, log lines passed on, a thread that dies
 * started again, stop waiting for the thread to finish. The thread's side (runRelayThread, real
 * Postgres and Redis) runs in every services-mode end-to-end test, the chaos test included.
 */
describe('ThreadedOutboxRelay', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-relay-thread-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function script(name: string, body: string): Promise<string> {
    const file = join(dir, name);
    await writeFile(file, `const { parentPort, workerData } = require('node:worker_threads');\n${body}`);
    return file;
  }

  const until = async (condition: () => boolean, what: string) => {
    for (let waited = 0; !condition(); waited += 10) {
      if (waited > 5000) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  it('hands the settings to the thread, passes its log lines on, and stops when the thread has finished its batch', async () => {
    const file = await script(
      'well-behaved.js',
      `parentPort.postMessage({ log: 'relay for ' + workerData.schema + ' started with ' + process.argv.slice(2).join(' ') });
       const keepAlive = setInterval(() => undefined, 1000);
       parentPort.on('message', (message) => {
         if (message !== 'stop') return;
         setTimeout(() => { parentPort.postMessage({ log: 'batch finished' }); clearInterval(keepAlive); process.exit(0); }, 100);
       });`,
    );
    const lines: string[] = [];
    const relay = new ThreadedOutboxRelay(SETTINGS, { script: file, argv: ['relay-thread'], dataSource: {} as DataSource, log: (line) => lines.push(line) });
    relay.start();
    await until(() => lines.length > 0, 'the thread to start');
    expect(lines).toEqual(['relay for tipline started with relay-thread']);
    await relay.stop();
    expect(lines).toEqual(['relay for tipline started with relay-thread', 'batch finished']);
  });

  it('starts a thread that died again, and says so', async () => {
    const counter = join(dir, 'starts.txt');
    const file = await script(
      'dies-once.js',
      `const fs = require('node:fs');
       const starts = (fs.existsSync(${JSON.stringify(counter)}) ? Number(fs.readFileSync(${JSON.stringify(counter)}, 'utf8')) : 0) + 1;
       fs.writeFileSync(${JSON.stringify(counter)}, String(starts));
       parentPort.postMessage({ log: 'start ' + starts });
       if (starts === 1) throw new Error('lost the database');
       const keepAlive = setInterval(() => undefined, 1000);
       parentPort.on('message', () => { clearInterval(keepAlive); process.exit(0); });`,
    );
    const lines: string[] = [];
    const relay = new ThreadedOutboxRelay(SETTINGS, { script: file, argv: [], dataSource: {} as DataSource, log: (line) => lines.push(line) });
    relay.start();
    await until(() => lines.includes('start 2'), 'the thread to be started again');
    await relay.stop();
    // The thread's own first line and the report of its failure travel on different channels
    // (its message port, the Worker's error event), so either may come first.
    expect([...lines.slice(0, 2)].sort()).toEqual(['outbox relay thread (tipline) failed: lost the database', 'start 1']);
    expect(lines.slice(2)).toEqual(['outbox relay thread (tipline) exited with code 1; starting it again in 1000 ms', 'start 2']);
  });

  it('reads the backlog on the service’s own pool', async () => {
    const queries: string[] = [];
    const dataSource = { query: async (sql: string) => (queries.push(sql), [{ pending: '3', oldest: '1.5' }]) } as unknown as DataSource;
    const relay = new ThreadedOutboxRelay(SETTINGS, { script: 'never-started.js', argv: [], dataSource });
    expect(await relay.backlog()).toEqual({ pending: 3, oldestAgeSeconds: 1.5 });
    expect(queries[0]).toContain('FROM "tipline".outbox WHERE published_at IS NULL');
  });
});
