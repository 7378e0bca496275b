/**
 * Sustained public-report intake in services mode: the tipline runs as its own process against
 * the real Postgres and Redis (durable commit: the report, its related-report identifiers and
 * its report.submitted.v1 outbox row in one transaction; the outbox relay publishing to BullMQ),
 * and autocannon, in this process, sends `POST /api/v1/reports` with varied synthetic JSON
 * bodies (no files). Then, in the same run and the same database, a plain INSERT loop of the
 * same rows (copied from what the tipline stored, one INSERT per transaction, as many
 * concurrent clients as autocannon had connections) gives the ceiling to compare with.
 *
 * After the load it checks that nothing was lost (every reference answered with a 2xx is in
 * the database; rows beyond that are requests autocannon cut off at the end, answered after it
 * stopped listening) and that the outbox drained (every report's event published).
 *
 *   npm run -s build && npm run -s bench -- tipline-intake [--duration=20]
 *     [--connections=32] [--warmup=3] [--workers=1]
 *
 * The tipline runs with TIPLINE_WORKERS=--workers (node:cluster processes sharing its port). One by
 * default: on the 2-core development machine, which Postgres and autocannon share, two workers
 * took more CPU per report and answered fewer reports per second. The CPU figure adds up the
 * primary and its workers.
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) is where the bench
 * creates and later drops its own database; BENCH_REDIS_URL defaults to redis://127.0.0.1:6379
 * (its queues, under a random prefix, are deleted at the end). BENCH_SERVICE_NODE_ARGS passes
 * node flags to the tipline (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
 */
import { SeededRandom } from '@vigil/hashes';
import { INCIDENT_TYPES } from '@vigil/reports';
import IORedis from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { ServiceProcess } from './service-process';

interface AutocannonRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  setupRequest?: (request: { body?: string }) => { body?: string };
  onResponse?: (status: number, body: string) => void;
}

interface Latency {
  p50: number;
  p97_5: number;
  p99: number;
  average: number;
  max: number;
}

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: Latency;
  non2xx: number;
  errors: number;
  timeouts: number;
  '2xx': number;
  duration: number;
}

type Autocannon = (options: { url: string; connections: number; duration: number; overallRate?: number; requests: AutocannonRequest[] }) => Promise<AutocannonResult>;

// autocannon ships no type declarations; the part used here is typed above.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

export interface IntakeBenchConfig {
  durationSeconds: number;
  connections: number;
  warmupSeconds: number;
  bodies: number;
  seed: number;
  workers: number;
  /** Offered load in reports/s across all connections (autocannon's overallRate); unset: as fast as answers come. */
  rate?: number;
}

export function parseConfig(argv: readonly string[]): IntakeBenchConfig {
  const config: IntakeBenchConfig = { durationSeconds: 20, connections: 32, warmupSeconds: 3, bodies: 5000, seed: 7, workers: 1 };
  for (const arg of argv) {
    const match = /^--([a-z-]+)=(\d+)$/.exec(arg);
    if (!match) throw new Error(`unrecognised argument ${arg} (use --name=number)`);
    const [, name, raw] = match;
    const value = Number(raw);
    if (name === 'duration') config.durationSeconds = value;
    else if (name === 'connections') config.connections = value;
    else if (name === 'warmup') config.warmupSeconds = value;
    else if (name === 'bodies') config.bodies = value;
    else if (name === 'seed') config.seed = value;
    else if (name === 'workers') config.workers = value;
    else if (name === 'rate') config.rate = value;
    else throw new Error(`unknown option --${name}`);
  }
  if (config.durationSeconds < 1 || config.connections < 1 || config.bodies < 1 || config.workers < 1) throw new Error('--duration, --connections, --bodies and --workers must be at least 1');
  if (config.rate !== undefined && config.rate < 1) throw new Error('--rate must be at least 1 report/s');
  return config;
}

const WORDS = ['forum', 'thread', 'profile', 'chat', 'message', 'photo', 'account', 'link', 'video', 'group', 'asked', 'posted', 'shared', 'again', 'yesterday', 'school', 'game', 'server'];
const SITES = ['board.example.test', 'chat.example.org', 'pics.example.net', 'forum.example.com', 'video.example.test'];

/** Synthetic public reports: every incident type, 1–3 URLs (some shared between reports, as real ones are), 20–80 words. */
/**
 * Issue 4's target, ≥ 1,000 reports/s with p99 ≤ 50 ms. At an offered rate (`--rate`) the answered
 * rate cannot exceed the offer and comes out a fraction under it (999.5 for 1,000 over 15 s: the
 * last requests are still in flight when the clock stops), so there the rate part reads "offered
 * ≥ 1,000 and at least 99 % of it answered".
 */
export function targetVerdict(offered: number | undefined, rps: number, p99Ms: number): string {
  const latency = p99Ms <= 50;
  if (offered === undefined) return `target ≥ 1,000 reports/s with p99 ≤ 50 ms: ${rps >= 1000 && latency ? 'met' : 'NOT met'}`;
  const kept = offered >= 1000 && rps >= 0.99 * offered;
  return `target ≥ 1,000 reports/s with p99 ≤ 50 ms, at ${offered} reports/s offered (${((rps / offered) * 100).toFixed(1)} % answered): ${kept && latency ? 'met' : 'NOT met'}`;
}

export function syntheticBodies(count: number, seed: number): string[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: count }, (_, index) => {
    const urls = Array.from({ length: 1 + random.nextInt(3) }, () => `https://${SITES[random.nextInt(SITES.length)]}/p/${random.nextInt(2000)}`);
    const description = Array.from({ length: 20 + random.nextInt(61) }, () => WORDS[random.nextInt(WORDS.length)]).join(' ');
    return JSON.stringify({ incidentType: INCIDENT_TYPES[index % INCIDENT_TYPES.length], description: `Benchmark report ${index}: ${description}`, urls: [...new Set(urls)] });
  });
}

function percentile(sorted: Float64Array, share: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] : NaN;
}

interface PlainInsertResult {
  rows: number;
  seconds: number;
  latency: { p50: number; p97_5: number; p99: number };
}

/**
 * The ceiling: the tipline's own stored rows re-inserted into a copy of its table (same columns,
 * indexes and row sizes) by `clients` connections, one autocommitted INSERT each, for `seconds`.
 */
async function plainInsertLoop(databaseUrl: string, clients: number, seconds: number): Promise<PlainInsertResult> {
  const pool = new Pool({ connectionString: databaseUrl, max: clients });
  pool.on('error', () => undefined); // an idle client dropped with the database at the end
  try {
    await pool.query('CREATE SCHEMA bench_plain; CREATE TABLE bench_plain.reports (LIKE tipline.reports INCLUDING ALL)');
    const { rows: samples } = await pool.query<Record<string, unknown>>(
      `SELECT source, incident_type, description, urls::text, media::text, status, priority, priority_rank, priority_reasons::text FROM tipline.reports ORDER BY random() LIMIT 2000`,
    );
    if (samples.length === 0) throw new Error('the tipline stored no report to copy');
    const sql = `INSERT INTO bench_plain.reports (id, reference, source, incident_type, description, urls, media, status, priority, priority_rank, priority_reasons, received_at, version)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now(), 1)`;
    const latencies: number[] = [];
    let next = 0;
    const deadline = Date.now() + seconds * 1000;
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        const client = await pool.connect();
        try {
          while (Date.now() < deadline) {
            const n = next++;
            const row = samples[n % samples.length];
            const sent = process.hrtime.bigint();
            await client.query(sql, [
              randomUUID(),
              `PLN-${n.toString(36).toUpperCase().padStart(9, '0')}`, // as long as VGL-XXXX-XXXX
              row.source,
              row.incident_type,
              row.description,
              row.urls,
              row.media,
              row.status,
              row.priority,
              row.priority_rank,
              row.priority_reasons,
            ]);
            latencies.push(Number(process.hrtime.bigint() - sent) / 1e6);
          }
        } finally {
          client.release();
        }
      }),
    );
    const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    const sorted = Float64Array.from(latencies).sort();
    return { rows: latencies.length, seconds: elapsed, latency: { p50: percentile(sorted, 0.5), p97_5: percentile(sorted, 0.975), p99: percentile(sorted, 0.99) } };
  } finally {
    await pool.end();
  }
}

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T | undefined> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined || Date.now() - started > timeoutMs) return value;
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
}

/** Deletes this run's BullMQ queues (their keys all start with bull:<prefix>.). */
async function dropQueues(redisUrl: string, prefix: string): Promise<void> {
  const redis = new IORedis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `bull:${prefix}.*`, 'COUNT', 1000);
      cursor = nextCursor;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

export async function main(argv: string[]): Promise<void> {
  const config = parseConfig(argv);
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const dbName = `vigil_bench_intake_${randomBytes(4).toString('hex')}`;
  const busPrefix = `bench-intake-${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const databaseUrl = new URL(adminUrl);
  databaseUrl.pathname = `/${dbName}`;
  const dataDir = await mkdtemp(join(os.tmpdir(), 'vigil-bench-intake-'));
  const port = 20000 + Math.floor(Math.random() * 10000);
  const url = `http://127.0.0.1:${port}`;
  const service = new ServiceProcess(
    'tipline',
    {
      DATABASE_URL: databaseUrl.toString(),
      REDIS_URL: redisUrl,
      VIGIL_BUS_PREFIX: busPrefix,
      JWT_SECRET: randomBytes(32).toString('hex'),
      VIGIL_DEMO_USERS: 'true',
      VIGIL_DATA_DIR: dataDir,
      TIPLINE_PORT: String(port),
      TIPLINE_WORKERS: String(config.workers),
      // Every request comes from this one address; the per-client limit would refuse all but 30 a minute.
      PUBLIC_RATE_LIMIT_PER_MINUTE: '100000000',
    },
    `${url}/health`,
  );
  const database = new Client({ connectionString: databaseUrl.toString() });
  try {
    const offered = config.rate ? `offered ${config.rate} reports/s` : 'as fast as answered';
    console.log(`tipline intake benchmark: ${config.workers} tipline worker${config.workers === 1 ? '' : 's'}, ${config.connections} connections, ${offered}, ${config.durationSeconds} s, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), node ${process.version}`);
    await service.start();
    await database.connect();

    const bodies = syntheticBodies(config.bodies, config.seed);
    const answered: string[] = [];
    let next = 0;
    const request: AutocannonRequest = {
      method: 'POST',
      path: '/api/v1/reports',
      headers: { 'content-type': 'application/json' },
      setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }),
      onResponse: (status, body) => {
        if (status >= 200 && status < 300) answered.push((JSON.parse(body) as { reference: string }).reference);
      },
    };
    const load = { url, connections: config.connections, requests: [request], ...(config.rate ? { overallRate: config.rate } : {}) };
    if (config.warmupSeconds > 0) await autocannon({ ...load, duration: config.warmupSeconds });
    const warmupAnswered = answered.length;
    const cpuBefore = service.cpuSeconds();
    const result = await autocannon({ ...load, duration: config.durationSeconds });
    const cpuAfter = service.cpuSeconds();
    const loadEnded = Date.now();
    const measured = answered.length - warmupAnswered;
    const rps = measured / result.duration;
    const cpu = cpuBefore !== undefined && cpuAfter !== undefined ? `tipline CPU ${(((cpuAfter - cpuBefore) / Math.max(1, result.requests.total)) * 1e6).toFixed(0)} µs/report` : 'tipline CPU n/a';
    console.log(
      [
        `intake: ${rps.toFixed(config.rate ? 1 : 0)} reports/s`,
        `latency p50 ${ms(result.latency.p50)}, p97.5 ${ms(result.latency.p97_5)}, p99 ${ms(result.latency.p99)}, max ${ms(result.latency.max)}`,
        cpu,
        `2xx ${result['2xx']}, non-2xx ${result.non2xx}, errors ${result.errors} (timeouts ${result.timeouts})`,
      ].join(' | '),
    );

    // The outbox drains when every report's event has gone to Redis.
    const pending = async () => Number((await database.query<{ n: string }>(`SELECT count(*) AS n FROM tipline.outbox WHERE published_at IS NULL`)).rows[0].n);
    const drained = await waitFor(async () => ((await pending()) === 0 ? true : undefined), 120_000);
    const drainSeconds = (Date.now() - loadEnded) / 1000;
    const stored = Number((await database.query<{ n: string }>(`SELECT count(*) AS n FROM tipline.reports`)).rows[0].n);
    const published = (
      await database.query<{ events: string; batches: string }>(
        // Rows published in one relay transaction share its now().
        `SELECT count(*) AS events, count(DISTINCT published_at) AS batches FROM tipline.outbox WHERE event_type = 'report.submitted.v1' AND published_at IS NOT NULL`,
      )
    ).rows[0];
    const events = Number(published.events);
    const found = Number((await database.query<{ n: string }>(`SELECT count(*) AS n FROM tipline.reports WHERE reference = ANY($1::text[])`, [answered])).rows[0].n);
    const lost = answered.length - found;
    const cutOff = stored - found;
    const maxCutOff = config.connections * (config.warmupSeconds > 0 ? 2 : 1);
    console.log(
      [
        `durability: ${answered.length} reports answered 2xx (warm-up included), ${found} of them in the database, lost ${lost}`,
        `${cutOff} more stored from requests cut off when autocannon stopped (at most ${maxCutOff})`,
        `outbox ${drained ? `drained ${drainSeconds.toFixed(1)} s after the load` : `NOT drained after 120 s: ${await pending()} pending`}, ${events} report.submitted.v1 published for ${stored} reports, in ${published.batches} relay batches`,
      ].join(' | '),
    );
    await service.stop();

    const plain = await plainInsertLoop(databaseUrl.toString(), config.connections, config.durationSeconds);
    const plainRate = plain.rows / plain.seconds;
    console.log(
      `plain INSERT loop, same rows, ${config.connections} clients, one INSERT per transaction: ${plainRate.toFixed(0)} rows/s | latency p50 ${ms(plain.latency.p50)}, p97.5 ${ms(plain.latency.p97_5)}, p99 ${ms(plain.latency.p99)}`,
    );
    console.log(`ratio: intake is ${((rps / plainRate) * 100).toFixed(0)}% of the plain INSERT rate (${(plainRate / rps).toFixed(1)}× slower)`);
    console.log(targetVerdict(config.rate, rps, result.latency.p99));
    if (lost > 0 || cutOff < 0 || cutOff > maxCutOff || !drained || events !== stored) process.exitCode = 1;
  } finally {
    await service.stop();
    await database.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
    await dropQueues(redisUrl, busPrefix).catch((error: Error) => console.error(`could not delete the bench's queues: ${error.message}`));
    await rm(dataDir, { recursive: true, force: true });
  }
}
