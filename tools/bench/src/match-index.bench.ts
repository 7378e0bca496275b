/**
 * Benchmark of the PDQ match index (multi-index hashing) against a brute-force linear scan, on
 * synthetic uniformly random 256-bit hashes (the hardest case for MIH; real PDQ data clusters).
 *
 *   npx tsc -p tsconfig.build.json
 *   node --expose-gc --max-old-space-size=4096 dist/tools/bench/src/match-index.bench.js \
 *     [--n=10000000] [--queries=1000] [--brute-queries=50] [--threshold=31] [--seed=42] [--ids=uuid]
 *
 * Each option can also come from the environment: BENCH_N, BENCH_QUERIES, BENCH_BRUTE_QUERIES,
 * BENCH_THRESHOLD, BENCH_SEED, BENCH_PLANTED_SHARE, BENCH_PLANTS_PER_QUERY, BENCH_WARMUP, BENCH_STRATEGY
 * (auto|mih|linear) and BENCH_IDS (number|uuid).
 */
import * as os from 'node:os';

import {
  BruteForcePdqIndex,
  PDQ_WORDS,
  PdqMatchIndex,
  SeededRandom,
  randomPdqHashes,
  writeNeighbour,
  type EntryId,
  type PdqMatch,
  type PdqSearchStrategy,
} from '@vigil/hashes';

export interface MatchIndexBenchConfig {
  /** Uniformly random hashes in the index (planted neighbours come on top). */
  entries: number;
  queries: number;
  /** Queries also run through brute force (it is ~60 ms+ each at 10M). */
  bruteQueries: number;
  threshold: number;
  seed: number;
  /** Share of queries that get near-duplicates planted in the index. */
  plantedShare: number;
  /** Neighbours planted per such query, at distances drawn uniformly from 0..40. */
  plantsPerQuery: number;
  warmupQueries: number;
  strategy: PdqSearchStrategy;
  /** Entry ids: integers 0..n-1 (database keys) or canonical UUID strings (Vigil's own ids). */
  ids: 'number' | 'uuid';
}

const DEFAULTS: MatchIndexBenchConfig = {
  entries: 10_000_000,
  queries: 1000,
  bruteQueries: 50,
  threshold: 31,
  seed: 42,
  plantedShare: 0.5,
  plantsPerQuery: 3,
  warmupQueries: 100,
  strategy: 'auto',
  ids: 'number',
};

const OPTION_NAMES: Record<string, keyof MatchIndexBenchConfig> = {
  n: 'entries',
  queries: 'queries',
  'brute-queries': 'bruteQueries',
  threshold: 'threshold',
  seed: 'seed',
  'planted-share': 'plantedShare',
  'plants-per-query': 'plantsPerQuery',
  warmup: 'warmupQueries',
  strategy: 'strategy',
  ids: 'ids',
};

export function parseConfig(argv: readonly string[], env: NodeJS.ProcessEnv): MatchIndexBenchConfig {
  const config: MatchIndexBenchConfig = { ...DEFAULTS };
  const set = (name: string, raw: string, source: string): void => {
    const key = OPTION_NAMES[name];
    if (key === undefined) throw new Error(`unknown option ${source}`);
    if (key === 'strategy') {
      if (raw !== 'auto' && raw !== 'mih' && raw !== 'linear') throw new Error(`${source}: expected auto, mih or linear`);
      config.strategy = raw;
      return;
    }
    if (key === 'ids') {
      if (raw !== 'number' && raw !== 'uuid') throw new Error(`${source}: expected number or uuid`);
      config.ids = raw;
      return;
    }
    const value = Number(raw.replace(/_/g, ''));
    if (!Number.isFinite(value) || value < 0) throw new Error(`${source}: expected a non-negative number, got ${raw}`);
    config[key] = value;
  };
  for (const name of Object.keys(OPTION_NAMES)) {
    const raw = env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`];
    if (raw !== undefined) set(name, raw, `BENCH_${name.toUpperCase().replace(/-/g, '_')}`);
  }
  for (const arg of argv) {
    const match = /^--([a-z-]+)=(.+)$/.exec(arg);
    if (match === null) throw new Error(`unrecognised argument ${arg} (use --name=value)`);
    set(match[1], match[2], `--${match[1]}`);
  }
  return config;
}

interface Dataset {
  /** Entries (random plus planted); ids are 0..count-1. */
  count: number;
  words: Uint32Array;
  queries: Uint32Array[];
  /** Planted neighbours within the threshold, over all queries. */
  plantedWithin: number;
}

function generate(config: MatchIndexBenchConfig): Dataset {
  const random = new SeededRandom(config.seed);
  const plantedQueries = Math.round(config.queries * config.plantedShare);
  const total = config.entries + plantedQueries * config.plantsPerQuery;
  const words = new Uint32Array(total * PDQ_WORDS);
  words.set(randomPdqHashes(random, config.entries));
  const queries: Uint32Array[] = [];
  let next = config.entries;
  let plantedWithin = 0;
  for (let q = 0; q < config.queries; q++) {
    const query = randomPdqHashes(random, 1);
    // Interleave planted and plain queries so the brute-force sample (a prefix) has both.
    const planted = Math.floor(((q + 1) * plantedQueries) / config.queries) > Math.floor((q * plantedQueries) / config.queries);
    if (planted) {
      for (let p = 0; p < config.plantsPerQuery; p++) {
        const distance = random.nextInt(41);
        if (distance <= config.threshold) plantedWithin++;
        writeNeighbour(random, query, 0, distance, words, next * PDQ_WORDS);
        next++;
      }
    }
    queries.push(query);
  }
  return { count: total, words, queries, plantedWithin };
}

/**
 * Ids 0..count-1, created right before each load and dropped after it, as an application
 * streaming rows from the database would: a live 10M-element array on the JS heap makes every
 * major GC during the timed queries slower.
 */
function sequentialIds(count: number, kind: MatchIndexBenchConfig['ids']): EntryId[] {
  const ids = new Array<EntryId>(count);
  for (let i = 0; i < count; i++) ids[i] = kind === 'number' ? i : uuidFor(i);
  return ids;
}

/** A deterministic canonical v4-shaped UUID for entry i. */
function uuidFor(i: number): string {
  const hex = i.toString(16).padStart(12, '0');
  return `5eed0000-0000-4000-8000-${hex}`;
}

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) {
    gc();
    gc();
  }
}

const MiB = 1024 * 1024;
const mib = (bytes: number): string => `${(bytes / MiB).toFixed(1)} MiB`;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

interface Timing {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  qps: number;
  /** The same percentiles of CPU time (user + system), which excludes time spent descheduled. */
  cpuMean: number;
  cpuP50: number;
  cpuP95: number;
  cpuP99: number;
  /** Times the OS took the CPU away from this process during the run. */
  preemptions: number;
}

function timeQueries(
  query: (hash: Uint32Array) => PdqMatch[],
  queries: readonly Uint32Array[],
): { timing: Timing; results: PdqMatch[][] } {
  const latencies: number[] = [];
  const cpuTimes: number[] = [];
  const results: PdqMatch[][] = [];
  const switchesBefore = process.resourceUsage().involuntaryContextSwitches;
  const started = process.hrtime.bigint();
  for (const hash of queries) {
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    results.push(query(hash));
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const cpu = process.cpuUsage(cpu0);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
  const sorted = [...latencies].sort((a, b) => a - b);
  const sortedCpu = [...cpuTimes].sort((a, b) => a - b);
  return {
    timing: {
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: sorted[sorted.length - 1] ?? NaN,
      mean: totalMs / Math.max(1, queries.length),
      qps: (queries.length / totalMs) * 1000,
      cpuMean: cpuTimes.reduce((sum, ms) => sum + ms, 0) / Math.max(1, cpuTimes.length),
      cpuP50: percentile(sortedCpu, 50),
      cpuP95: percentile(sortedCpu, 95),
      cpuP99: percentile(sortedCpu, 99),
      preemptions: process.resourceUsage().involuntaryContextSwitches - switchesBefore,
    },
    results,
  };
}

const formatTiming = (t: Timing): string =>
  `wall p50 ${t.p50.toFixed(3)} ms, p95 ${t.p95.toFixed(3)} ms, p99 ${t.p99.toFixed(3)} ms, max ${t.max.toFixed(3)} ms, ` +
  `mean ${t.mean.toFixed(3)} ms, ${t.qps.toFixed(0)} queries/s\n` +
  `    CPU time mean ${t.cpuMean.toFixed(3)} ms, p50 ${t.cpuP50.toFixed(3)} ms, p95 ${t.cpuP95.toFixed(3)} ms, p99 ${t.cpuP99.toFixed(3)} ms ` +
  `(${t.preemptions} involuntary context switches during the run)`;

const sameResults = (a: readonly PdqMatch[], b: readonly PdqMatch[]): boolean =>
  a.length === b.length && a.every((m, i) => m.id === b[i].id && m.distance === b[i].distance);

/** Runs the benchmark and returns whether MIH agreed with brute force on the sample. */
export function main(argv: readonly string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): boolean {
  const config = parseConfig(argv, env);
  const log = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  log(`PDQ match index benchmark (Node ${process.version}, single thread, ${os.cpus().length} CPUs, load average ${loadAverage()})`);
  log(
    `config: N=${config.entries.toLocaleString('en')} uniform random hashes, ${config.queries} queries, ` +
      `threshold ${config.threshold}, seed ${config.seed}, planted share ${config.plantedShare} × ${config.plantsPerQuery} ` +
      `neighbours at distance 0..40, strategy ${config.strategy}, ${config.ids} ids`,
  );
  if ((globalThis as { gc?: () => void }).gc === undefined) {
    log('note: run node with --expose-gc for steadier memory figures');
  }

  let t0 = process.hrtime.bigint();
  const data = generate(config);
  log(
    `generated ${data.count.toLocaleString('en')} hashes (${data.plantedWithin} planted neighbours within the threshold) ` +
      `in ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(2)} s`,
  );

  // The ids exist before the build (they come from the database) and are dropped after it.
  let ids: EntryId[] | null = sequentialIds(data.count, config.ids);
  collectGarbage();
  const rssBefore = process.memoryUsage().rss;
  t0 = process.hrtime.bigint();
  const index = new PdqMatchIndex({ strategy: config.strategy });
  index.bulkLoad(ids, data.words);
  const buildSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  collectGarbage();
  // Measured while the caller's ids are still alive, so their release does not hide index memory.
  const rssAfter = process.memoryUsage().rss;
  ids = null;
  // As a service would after loading: collect the load's garbage before serving queries.
  collectGarbage();
  log('');
  log('MIH (8 segments × 32 bits; per segment a table bucketed by each 16-bit half, the other half inline)');
  log(`  bulk build: ${buildSeconds.toFixed(2)} s (bulkLoad of the ids and packed hashes, already in memory)`);
  log(`  memory: RSS delta ${mib(rssAfter - rssBefore)}, index estimate ${mib(index.memoryEstimateBytes())} (${(index.memoryEstimateBytes() / index.size).toFixed(1)} bytes/hash)`);

  const warmupRandom = new SeededRandom(config.seed ^ 0x5eed);
  for (let i = 0; i < config.warmupQueries; i++) index.query(randomPdqHashes(warmupRandom, 1), config.threshold);
  const mih = timeQueries((hash) => index.query(hash, config.threshold), data.queries);
  const found = mih.results.reduce((sum, r) => sum + r.length, 0);
  log(`  ${config.queries} queries after ${config.warmupQueries} warm-up queries: ${formatTiming(mih.timing)}`);
  log(`  matches returned: ${found} (planted within threshold: ${data.plantedWithin})`);

  const sample = data.queries.slice(0, Math.min(config.bruteQueries, data.queries.length));

  t0 = process.hrtime.bigint();
  let snapshot: Uint8Array | null = index.serialize();
  const serializeSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  t0 = process.hrtime.bigint();
  const restored = PdqMatchIndex.deserialize(snapshot, { strategy: config.strategy });
  const deserializeSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  let restoredMismatches = 0;
  for (let i = 0; i < sample.length; i++) {
    if (!sameResults(restored.query(sample[i], config.threshold), mih.results[i])) restoredMismatches++;
  }
  log(
    `  snapshot: ${mib(snapshot.length)}, serialize ${serializeSeconds.toFixed(2)} s, deserialize (checksum, validation, ` +
      `no rebuild) ${deserializeSeconds.toFixed(2)} s; restored index ${restoredMismatches === 0 ? 'answers identically' : 'DIFFERS'} ` +
      `on ${sample.length} queries`,
  );
  snapshot = null;
  collectGarbage();
  const bruteRssBefore = process.memoryUsage().rss;
  t0 = process.hrtime.bigint();
  const brute = new BruteForcePdqIndex();
  brute.bulkLoad(sequentialIds(data.count, config.ids), data.words);
  const bruteBuild = Number(process.hrtime.bigint() - t0) / 1e9;
  collectGarbage();
  const bruteRss = process.memoryUsage().rss - bruteRssBefore;
  log('');
  log(`brute force (linear scan over the same ${data.count.toLocaleString('en')} hashes)`);
  log(`  load: ${bruteBuild.toFixed(2)} s, RSS delta ${mib(bruteRss)}`);
  for (let i = 0; i < Math.min(3, sample.length); i++) brute.query(sample[i], config.threshold);
  const bf = timeQueries((hash) => brute.query(hash, config.threshold), sample);
  log(`  ${sample.length} queries (the first ${sample.length} of the MIH queries, after 3 warm-up): ${formatTiming(bf.timing)}`);

  let mismatches = 0;
  for (let i = 0; i < sample.length; i++) if (!sameResults(bf.results[i], mih.results[i])) mismatches++;
  const sampleMatches = bf.results.reduce((sum, r) => sum + r.length, 0);
  log('');
  log(
    `speed-up MIH vs brute force: ${(bf.timing.mean / mih.timing.mean).toFixed(0)}× on mean wall time, ` +
      `${(bf.timing.p50 / mih.timing.p50).toFixed(0)}× on p50 wall time, ${(bf.timing.cpuMean / mih.timing.cpuMean).toFixed(0)}× on mean CPU time`,
  );
  log(
    `correctness: ${mismatches === 0 ? 'OK' : 'MISMATCH'} — MIH equals brute force on ${sample.length - mismatches}/${sample.length} ` +
      `sample queries (${sampleMatches} matches in the sample)`,
  );
  log(`load average at the end: ${loadAverage()} (other processes on the machine skew tail latencies)`);
  return mismatches === 0 && restoredMismatches === 0;
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

if (require.main === module) {
  try {
    process.exitCode = main() ? 0 : 1;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  }
}
