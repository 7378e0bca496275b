import { consumersOf, SERVICE_NAMES, type EventEnvelope, type ServiceName } from '@vigil/contracts';
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import IORedis, { type Redis } from 'ioredis';
import {
  DEFAULT_RETRY_POLICY,
  NonRetryableEventError,
  type BusHealth,
  type DeadLetter,
  type EventHandler,
  type MessageBus,
  type RetryPolicy,
} from '../../ports/message-bus';

export interface BullMqBusOptions {
  redisUrl: string;
  /** Prefix of every queue name, so several platforms (or test runs) can share one Redis. */
  prefix?: string;
  retry?: RetryPolicy;
  concurrency?: number;
  /**
   * How long a worker holds a job before others may take it over. A worker that dies
   * (SIGKILL) leaves its job "stalled" until then; BullMQ then hands it to another worker.
   */
  lockMs?: number;
  /** Which consumers get an event; the event catalogue by default. */
  routes?: (eventType: string) => readonly ServiceName[];
  log?: (message: string) => void;
}

/** How long `subscribe` waits for its worker's connection: long enough when Redis is up, short enough not to hold a start. */
const SUBSCRIBE_READY_WAIT_MS = 2000;

async function readyWithin(worker: Worker, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    worker.waitUntilReady().then(
      () => undefined,
      () => undefined, // connection errors are the worker's to retry; its 'error' handler logs them
    ),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
  ]);
  clearTimeout(timer);
}

/**
 * The message bus over Redis with BullMQ. One queue per consuming service; publishing adds
 * the event to each consumer's queue with the event id as job id (BullMQ ignores a second
 * add with the same id while the job exists). Retries back off exponentially; a job that
 * fails its last attempt, or is invalid, stays in the queue's failed set, which is our
 * dead-letter queue: listed by `deadLetters`, re-queued by `replay`.
 */
export class BullMqMessageBus implements MessageBus {
  private readonly queues = new Map<ServiceName, Queue>();
  private readonly workers: Worker[] = [];
  private readonly publisherConnection: Redis;
  private readonly workerConnections: Redis[] = [];
  private readonly retry: RetryPolicy;
  private readonly prefix: string;

  constructor(private readonly options: BullMqBusOptions) {
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.prefix = options.prefix ?? 'vigil';
    // Publishing must fail fast while Redis is down so the outbox keeps the event and retries;
    // an offline queue would hold it in memory and lose it on a crash.
    this.publisherConnection = new IORedis(options.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
    this.publisherConnection.on('error', () => undefined);
  }

  queueName(consumer: ServiceName): string {
    return `${this.prefix}.${consumer}`;
  }

  async publish(event: EventEnvelope): Promise<void> {
    // BullMQ waits for a connection before adding a job; while Redis is down that wait never
    // ends. Refuse at once instead: the event stays in the outbox and the relay retries.
    await this.connected(2000);
    for (const consumer of this.routesOf(event.type)) {
      await this.queue(consumer).add(event.type, event, this.jobOptions(event));
    }
  }

  /** One `addBulk` (a single MULTI to Redis) per consuming queue, the events in their given order. */
  async publishAll(events: readonly EventEnvelope[]): Promise<void> {
    if (events.length === 0) return;
    await this.connected(2000);
    const byConsumer = new Map<ServiceName, EventEnvelope[]>();
    for (const event of events) {
      for (const consumer of this.routesOf(event.type)) {
        const queued = byConsumer.get(consumer) ?? [];
        queued.push(event);
        byConsumer.set(consumer, queued);
      }
    }
    for (const [consumer, queued] of byConsumer) {
      await this.queue(consumer).addBulk(queued.map((event) => ({ name: event.type, data: event, opts: this.jobOptions(event) })));
    }
  }

  private routesOf(eventType: string): readonly ServiceName[] {
    return (this.options.routes ?? consumersOf)(eventType);
  }

  private jobOptions(event: EventEnvelope) {
    return {
      jobId: event.id,
      attempts: this.retry.attempts,
      backoff: { type: 'exponential', delay: this.retry.backoffMs },
      removeOnComplete: { age: 24 * 3600, count: 10000 },
      removeOnFail: false,
    };
  }

  private async connected(timeoutMs: number): Promise<void> {
    const connection = this.publisherConnection;
    if (connection.status === 'ready') return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        connection.off('ready', onReady);
        reject(new Error(`redis is not connected (${connection.status})`));
      }, timeoutMs);
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      connection.once('ready', onReady);
    });
  }

  async subscribe(consumer: ServiceName, handler: EventHandler): Promise<void> {
    const connection = new IORedis(this.options.redisUrl, { maxRetriesPerRequest: null });
    connection.on('error', () => undefined);
    this.workerConnections.push(connection);
    const worker = new Worker(
      this.queueName(consumer),
      async (job: Job<EventEnvelope>) => {
        try {
          await handler(job.data);
        } catch (error) {
          if (error instanceof NonRetryableEventError) throw new UnrecoverableError(error.message);
          throw error;
        }
      },
      {
        connection,
        concurrency: this.options.concurrency ?? 4,
        autorun: true,
        lockDuration: this.options.lockMs ?? 30000,
        stalledInterval: this.options.lockMs ?? 30000,
        maxStalledCount: 5,
      },
    );
    worker.on('error', (error) => this.options.log?.(`bus worker ${consumer}: ${error.message}`));
    worker.on('failed', (job, error) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
        this.options.log?.(`dead-lettered ${job.data?.type} ${job.id} for ${consumer}: ${error.message}`);
      }
    });
    this.workers.push(worker);
    // The worker connects, and reconnects, on its own. Waiting for Redis here without a bound kept a
    // service that (re)started during a bus outage from serving HTTP, intake included, until
    // Redis came back (found by the chaos test); its events wait in the queue meanwhile.
    await readyWithin(worker, SUBSCRIBE_READY_WAIT_MS);
  }

  async deadLetters(consumer: ServiceName): Promise<DeadLetter[]> {
    const failed = await this.queue(consumer).getFailed(0, 999);
    return failed.map((job) => ({
      id: String(job.id),
      consumer,
      eventId: String(job.data?.id ?? job.id),
      eventType: String(job.data?.type ?? job.name),
      reason: job.failedReason ?? 'unknown',
      attempts: job.attemptsMade,
      failedAt: new Date(job.finishedOn ?? job.timestamp).toISOString(),
    }));
  }

  async replay(consumer: ServiceName, deadLetterId: string): Promise<void> {
    const job = await this.queue(consumer).getJob(deadLetterId);
    if (!job || !(await job.isFailed())) throw new Error(`no dead letter ${deadLetterId} for ${consumer}`);
    await job.retry('failed');
  }

  async health(): Promise<BusHealth> {
    try {
      const pong = await this.publisherConnection.ping();
      return { ok: pong === 'PONG', detail: `redis ${pong}` };
    } catch (error) {
      return { ok: false, detail: `redis unreachable: ${(error as Error).message}` };
    }
  }

  async queueDepth(consumer: ServiceName): Promise<Record<string, number>> {
    return this.queue(consumer).getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
  }

  /** Every consumer's queue, for the administrators' queue board. */
  allQueues(): Queue[] {
    return SERVICE_NAMES.map((consumer) => this.queue(consumer));
  }

  async close(): Promise<void> {
    // Worker.close() waits for jobs in progress, so a SIGTERM drains rather than aborts.
    await Promise.all(this.workers.map((worker) => worker.close()));
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    for (const connection of [...this.workerConnections, this.publisherConnection]) connection.disconnect();
  }

  private queue(consumer: ServiceName): Queue {
    let queue = this.queues.get(consumer);
    if (!queue) {
      queue = new Queue(this.queueName(consumer), { connection: this.publisherConnection });
      queue.on('error', () => undefined);
      this.queues.set(consumer, queue);
    }
    return queue;
  }
}
