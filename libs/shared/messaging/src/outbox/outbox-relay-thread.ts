import { parentPort, Worker, workerData } from 'node:worker_threads';
import { DataSource } from 'typeorm';
import { BullMqMessageBus } from '../adapters/bullmq/bullmq-message-bus';
import type { RetryPolicy } from '../ports/message-bus';
import { outboxBacklog, OutboxRelay, type OutboxBacklog } from './outbox-relay';

/** What a service's code needs of its relay: run it, stop it, and read the backlog for health and metrics. */
export interface OutboxRelayHandle {
  start(): void;
  stop(): Promise<void>;
  backlog(): Promise<OutboxBacklog>;
}

/** Everything the relay thread builds its own connections from (plain data: it crosses to the thread). */
export interface RelayThreadSettings {
  databaseUrl: string;
  schema: string;
  redisUrl: string;
  busPrefix?: string;
  retry?: RetryPolicy;
  intervalMs?: number;
}

export interface RelayThreadOptions {
  /**
   * The script the thread runs, with `argv`: it must make the compiled libraries resolvable (the
   * launcher's run.js registers the workspace's path aliases) and then call `runRelayThread()`.
   */
  script: string;
  argv: string[];
  /** For the backlog, read on the service's own pool. */
  dataSource: DataSource;
  log?: (message: string) => void;
}

type FromThread = { log: string };

/** How long a stopping thread may take to finish its batch before it is terminated. */
const STOP_TIMEOUT_MS = 15_000;
/** How soon a thread that died is started again. */
const RESTART_MS = 1000;

/**
 * Runs the outbox relay (LISTEN, lock a batch, publish to BullMQ, mark) in a worker thread with
 * its own Postgres and Redis connections, so publishing does not compete with requests for the
 * service's event loop: on the tipline under sustained intake it took a fifth of that loop. The
 * guarantees are the relay's own (SKIP LOCKED batches, commit order, republish after a crash,
 * idempotent consumers); a thread that dies is started again. Services mode only: the embedded
 * mode's in-process bus lives on the main thread, so its relay does too.
 */
export class ThreadedOutboxRelay implements OutboxRelayHandle {
  private worker?: Worker;
  private stopping = false;
  private restartTimer?: NodeJS.Timeout;

  constructor(private readonly settings: RelayThreadSettings, private readonly options: RelayThreadOptions) {}

  start(): void {
    if (this.worker) return;
    this.stopping = false;
    const worker = new Worker(this.options.script, { argv: this.options.argv, workerData: this.settings });
    this.worker = worker;
    worker.on('message', (message: FromThread) => {
      if ('log' in message) this.options.log?.(message.log);
    });
    worker.on('error', (error) => this.options.log?.(`outbox relay thread (${this.settings.schema}) failed: ${error.message}`));
    worker.on('exit', (code) => {
      this.worker = undefined;
      if (this.stopping) return;
      this.options.log?.(`outbox relay thread (${this.settings.schema}) exited with code ${code}; starting it again in ${RESTART_MS} ms`);
      this.restartTimer = setTimeout(() => this.start(), RESTART_MS);
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('stop');
    const timer = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }

  backlog(): Promise<OutboxBacklog> {
    return outboxBacklog(this.options.dataSource, this.settings.schema);
  }
}

/**
 * The thread's side: its own small pool and publisher, the relay started, stopped on the main
 * thread's word after its current batch. Called by the script given to ThreadedOutboxRelay.
 */
export async function runRelayThread(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('runRelayThread runs inside the worker thread that ThreadedOutboxRelay starts');
  const settings = workerData as RelayThreadSettings;
  const log = (message: string) => port.postMessage({ log: message } satisfies FromThread);
  const dataSource = new DataSource({ type: 'postgres', url: settings.databaseUrl, extra: { max: 2, application_name: `vigil-${settings.schema}-relay` } });
  await dataSource.initialize();
  const bus = new BullMqMessageBus({ redisUrl: settings.redisUrl, prefix: settings.busPrefix, retry: settings.retry, log });
  const relay = new OutboxRelay(dataSource, bus, { schema: settings.schema, intervalMs: settings.intervalMs, listenUrl: settings.databaseUrl, log });
  port.on('message', (message: unknown) => {
    if (message !== 'stop') return;
    void (async () => {
      await relay.stop();
      await bus.close();
      await dataSource.destroy();
      // Ends this thread only (in a worker, process.exit stops the thread), whatever timers a library left.
      process.exit(0);
    })();
  });
  relay.start();
}
