import type { ServiceName } from '@vigil/contracts';
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';

/** `<APP>_WORKERS` (TIPLINE_WORKERS...) for one app, else VIGIL_WORKERS for every app. */
export function workersVariable(name: ServiceName): string {
  return `${name.toUpperCase().replace(/-/g, '_')}_WORKERS`;
}

/**
 * How many processes serve one app in services mode: a whole number, or `auto` for one per CPU.
 * One by default, which runs the app in the launcher's own process, as before.
 */
export function workerCount(name: ServiceName, env: NodeJS.ProcessEnv, cpus = availableParallelism()): number {
  const variable = env[workersVariable(name)] ? workersVariable(name) : 'VIGIL_WORKERS';
  const raw = env[variable]?.trim();
  if (!raw) return 1;
  if (raw.toLowerCase() === 'auto') return Math.max(1, cpus);
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > 64) throw new Error(`${variable} must be a whole number from 1 to 64 or "auto", got "${raw}"`);
  return count;
}

/**
 * The in-memory public rate-limit window is per process and node:cluster spreads connections
 * round-robin, so each worker gets its share of the configured per-client budget.
 */
export function perWorkerRateLimit(configured: number, workers: number): number {
  return Math.max(1, Math.ceil(configured / workers));
}

export interface WorkerSupervisorOptions {
  name: ServiceName;
  workers: number;
  /** Environment added to each worker's (the per-worker rate limit). */
  workerEnv: Record<string, string>;
  log: (message: string) => void;
  /** A worker that dies within this long of its start counts as failing to start (default 10 s). */
  startupGraceMs?: number;
}

/** How long the primary waits for its workers after forwarding SIGTERM before it kills them. */
const SHUTDOWN_TIMEOUT_MS = 30_000;
/** A worker that keeps dying at start would otherwise be forked in a tight loop. */
const RESTART_DELAY_MS = 1000;

/**
 * The cluster primary for one app: it serves nothing itself. The first worker starts alone, so
 * schema migrations and staff seeding run once; the others start when it listens and share its
 * port. A worker that dies is replaced; SIGTERM/SIGINT are forwarded so every worker drains
 * (HTTP, relay, pool) before the primary exits. The outbox relay, inbox and sweeps are safe with
 * several processes (SKIP LOCKED rows, advisory locks, inbox rows keyed by event id).
 */
export function superviseWorkers(options: WorkerSupervisorOptions): void {
  const { name, workers, workerEnv, log } = options;
  const startupGraceMs = options.startupGraceMs ?? 10_000;
  let stopping = false;
  let firstListening = false;
  const startedAt = new Map<Worker, number>();

  const fork = () => {
    const worker = cluster.fork({ ...workerEnv, VIGIL_WORKER: '1' });
    startedAt.set(worker, Date.now());
    return worker;
  };

  cluster.on('listening', () => {
    if (firstListening) return;
    firstListening = true;
    for (let index = 1; index < workers; index++) fork();
    log(`${name}: ${workers} workers (pids ${Object.values(cluster.workers ?? {}).map((worker) => worker?.process.pid).join(', ')})`);
  });

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    if (!firstListening) {
      // The first worker failed before listening (bad configuration, database down): as a single process would.
      log(`${name}: the first worker exited with ${signal ?? code} before listening`);
      process.exit(typeof code === 'number' && code !== 0 ? code : 1);
    }
    log(`${name}: worker ${worker.process.pid} exited with ${signal ?? code}; starting another`);
    setTimeout(() => !stopping && fork(), lived < startupGraceMs ? RESTART_DELAY_MS : 0);
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      log(`${signal}: asking ${name}'s workers to drain`);
      const running = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
      if (running.length === 0) process.exit(0);
      for (const worker of running) worker.process.kill('SIGTERM');
      setTimeout(() => {
        log(`${name}: workers still running after ${SHUTDOWN_TIMEOUT_MS} ms; killing them`);
        for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
        process.exit(1);
      }, SHUTDOWN_TIMEOUT_MS).unref();
    });
  }

  fork();
}
