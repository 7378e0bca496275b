/**
 * Throughput of the industry match API over HTTP: hash-detection runs as its own process
 * (services mode, Postgres and Redis on this machine) with N synthetic PDQ entries plus as many
 * exact digests, and autocannon, in this process, sends `POST /api/v1/match` with an API key.
 * Half the PDQ queries are near-duplicates of bank entries (a match: the index, then Postgres
 * for the entry), half are random (no match: the index alone). Prints requests/s, lookups/s,
 * p50/p99 latency, the brute-force scan rate over the same entries, and checks on a sample
 * that the API's matches are the brute-force scan's.
 *
 *   npm run -s build && npm run -s bench -- match-api [--n=100000] [--batch=1,10]
 *     [--duration=10] [--connections=32] [--exact-share=0.2]
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) is where the bench
 * creates and later drops its own database; BENCH_REDIS_URL defaults to redis://127.0.0.1:6379.
 * BENCH_SERVICE_NODE_ARGS passes node flags to the service (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
 *
 * Besides requests/s it prints the service's own CPU time per request (from /proc, on Linux):
 * on a shared machine requests/s follows whatever else runs, CPU per request much less so.
 */
import { BruteForcePdqIndex, SeededRandom } from '@vigil/hashes';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ServiceProcess } from './service-process';

interface AutocannonRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  setupRequest?: (request: { body?: string }) => { body?: string };
}

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  duration: number;
}

type Autocannon = (options: { url: string; connections: number; duration: number; requests: AutocannonRequest[]; headers?: Record<string, string> }) => Promise<AutocannonResult>;

// autocannon ships no type declarations; the part used here is typed above.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

const THRESHOLD = 31;

export interface MatchApiBenchConfig {
  entries: number;
  batches: number[];
  durationSeconds: number;
  connections: number;
  /** Share of queries that are exact digests (sha256) rather than PDQ. */
  exactShare: number;
  queryPool: number;
  seed: number;
}

export function parseConfig(argv: readonly string[]): MatchApiBenchConfig {
  const config: MatchApiBenchConfig = { entries: 100_000, batches: [1, 10], durationSeconds: 10, connections: 32, exactShare: 0.2, queryPool: 20_000, seed: 42 };
  for (const arg of argv) {
    const match = /^--([a-z-]+)=(.+)$/.exec(arg);
    if (!match) throw new Error(`unrecognised argument ${arg} (use --name=value)`);
    const [, name, raw] = match;
    const number = Number(raw.replace(/_/g, ''));
    if (name === 'batch') config.batches = raw.split(',').map(Number);
    else if (name === 'n') config.entries = number;
    else if (name === 'duration') config.durationSeconds = number;
    else if (name === 'connections') config.connections = number;
    else if (name === 'exact-share') config.exactShare = number;
    else if (name === 'queries') config.queryPool = number;
    else if (name === 'seed') config.seed = number;
    else throw new Error(`unknown option --${name}`);
  }
  if (config.batches.some((batch) => !Number.isInteger(batch) || batch < 1 || batch > 1000)) throw new Error('--batch takes sizes from 1 to 1000');
  return config;
}

function randomHex(random: SeededRandom, bytes: number): string {
  let hex = '';
  for (let i = 0; i < bytes / 4; i++) hex += random.nextUint32().toString(16).padStart(8, '0');
  return hex;
}

/** `hex` with `bits` distinct bits flipped (a near-duplicate at exactly that distance). */
function neighbour(random: SeededRandom, hex: string, bits: number): string {
  const bytes = Buffer.from(hex, 'hex');
  const flipped = new Set<number>();
  while (flipped.size < bits) flipped.add(random.nextInt(256));
  for (const bit of flipped) bytes[bit >> 3] ^= 1 << (bit & 7);
  return bytes.toString('hex');
}

interface Query {
  type: 'pdq' | 'sha256';
  value: string;
}

async function post<T>(url: string, body: unknown, headers: Record<string, string>): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

export async function main(argv: string[]): Promise<void> {
  const config = parseConfig(argv);
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `vigil_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const databaseUrl = new URL(adminUrl);
  databaseUrl.pathname = `/${dbName}`;
  const snapshotDir = await mkdtemp(join(os.tmpdir(), 'vigil-bench-'));
  const port = 20000 + Math.floor(Math.random() * 10000);
  const url = `http://127.0.0.1:${port}`;
  const service = new ServiceProcess('hash-detection', {
    DATABASE_URL: databaseUrl.toString(),
    REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
    VIGIL_BUS_PREFIX: `bench-${randomBytes(4).toString('hex')}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    VIGIL_DEMO_USERS: 'true',
    HASH_DETECTION_PORT: String(port),
    VIGIL_INDEX_SNAPSHOT_DIR: snapshotDir,
    INDEX_SNAPSHOT_INTERVAL_MS: '0',
  });
  const database = new Client({ connectionString: databaseUrl.toString() });
  try {
    console.log(`match API benchmark: ${config.entries} PDQ entries + ${config.entries} sha256 entries, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), node ${process.version}`);
    await service.start(); // migrates the schema
    await service.stop();

    const random = new SeededRandom(config.seed);
    const pdqValues = Array.from({ length: config.entries }, () => randomHex(random, 32));
    const shaValues = Array.from({ length: config.entries }, () => randomHex(random, 32));
    await database.connect();
    const bankId = randomUUID();
    await database.query(
      `INSERT INTO hash_detection.hash_banks (id, name, kind, source, terms, owner, pdq_threshold, created_at) VALUES ($1, 'Benchmark bank', 'positive', 'synthetic random hashes', 'benchmark only', 'bench', $2, now())`,
      [bankId, THRESHOLD],
    );
    const loadStarted = Date.now();
    for (const [type, values] of [['pdq', pdqValues], ['sha256', shaValues]] as const) {
      for (let start = 0; start < values.length; start += 10_000) {
        const chunk = values.slice(start, start + 10_000);
        await database.query(
          `INSERT INTO hash_detection.hash_entries (id, bank_id, hash_type, value, classification, added_by, added_at)
           SELECT gen_random_uuid(), $1, $2, v, 'csam-a1', 'bench', now() FROM unnest($3::text[]) AS v`,
          [bankId, type, chunk],
        );
      }
    }
    console.log(`loaded ${2 * config.entries} entries into Postgres in ${((Date.now() - loadStarted) / 1000).toFixed(1)} s`);
    await service.start();
    console.log(service.output.split('\n').find((line) => /PDQ index/.test(line))?.trim() ?? '');

    const login = await post<{ accessToken: string }>(`${url}/api/v1/auth/login`, { username: 'admin', password: 'vigil-demo-admin' }, {});
    const { key } = await post<{ key: string }>(`${url}/api/v1/api-keys`, { partnerId: 'bench', partnerName: 'Benchmark', scopes: ['match'], rateLimitPerMinute: 10_000_000 }, { authorization: `Bearer ${login.accessToken}` });
    const headers = { 'x-api-key': key, 'content-type': 'application/json' };

    // Queries: exact digests (half known), PDQ near-duplicates of entries (2–12 bits away) and random PDQ.
    const queries: Query[] = Array.from({ length: config.queryPool }, (_, index) => {
      if (random.nextInt(1_000_000) < config.exactShare * 1_000_000) {
        return { type: 'sha256', value: index % 2 === 0 ? shaValues[random.nextInt(shaValues.length)] : randomHex(random, 32) };
      }
      return { type: 'pdq', value: index % 2 === 0 ? neighbour(random, pdqValues[random.nextInt(pdqValues.length)], 2 + random.nextInt(11)) : randomHex(random, 32) };
    });

    const ids = await database.query<{ id: string; value: string }>(`SELECT id, value FROM hash_detection.hash_entries WHERE hash_type = 'pdq'`);
    const brute = new BruteForcePdqIndex();
    brute.bulkLoad(
      ids.rows.map((row) => row.id),
      ids.rows.map((row) => row.value),
    );
    const pdqQueries = queries.filter((query) => query.type === 'pdq');
    const sample = pdqQueries.slice(0, 200);
    const bruteStarted = process.hrtime.bigint();
    const expected = sample.map((query) => brute.query(query.value, THRESHOLD).map((match) => String(match.id)).sort());
    const bruteSeconds = Number(process.hrtime.bigint() - bruteStarted) / 1e9;
    const bruteRate = sample.length / bruteSeconds;
    const answered = await post<{ results: Array<{ matchingEntries: Array<{ entryId: string }> }> }>(`${url}/api/v1/match`, { hashes: sample }, headers);
    const agree = answered.results.filter((result, index) => JSON.stringify(result.matchingEntries.map((entry) => entry.entryId).sort()) === JSON.stringify(expected[index])).length;
    const matches = expected.filter((ids) => ids.length > 0).length;
    console.log(`brute-force scan of the same ${config.entries} PDQ hashes: ${bruteRate.toFixed(0)} lookups/s (one core, no HTTP)`);
    console.log(`the API agrees with brute force on ${agree}/${sample.length} sampled PDQ queries (${matches} with a match)`);

    for (const batch of config.batches) {
      const bodies = Array.from({ length: Math.ceil(config.queryPool / batch) }, (_, index) => {
        const hashes = Array.from({ length: batch }, (_, offset) => queries[(index * batch + offset) % queries.length]);
        return JSON.stringify({ hashes });
      });
      let next = 0;
      const request: AutocannonRequest = {
        method: 'POST',
        path: '/api/v1/match',
        headers,
        setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }),
      };
      await autocannon({ url, connections: config.connections, duration: 2, requests: [request] }); // warm-up
      const cpuBefore = service.cpuSeconds();
      const result = await autocannon({ url, connections: config.connections, duration: config.durationSeconds, requests: [request] });
      const cpuAfter = service.cpuSeconds();
      const rps = result.requests.total / result.duration;
      const cpuPerRequest = cpuBefore !== undefined && cpuAfter !== undefined ? `service CPU ${(((cpuAfter - cpuBefore) / result.requests.total) * 1e6).toFixed(0)} µs/request` : 'service CPU n/a';
      console.log(
        [
          `batch ${String(batch).padStart(3)}: ${rps.toFixed(0).padStart(6)} requests/s, ${(rps * batch).toFixed(0).padStart(7)} lookups/s`,
          `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
          cpuPerRequest,
          `${config.connections} connections, ${result.duration.toFixed(1)} s, non-2xx ${result.non2xx}, errors ${result.errors}`,
          `${((rps * batch) / bruteRate).toFixed(1)}× the brute-force scan`,
        ].join(' | '),
      );
    }
  } finally {
    await service.stop();
    await database.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
    await rm(snapshotDir, { recursive: true, force: true });
  }
}
