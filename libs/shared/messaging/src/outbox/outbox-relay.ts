import type { EventEnvelope } from '@vigil/contracts';
import { Client } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { outboxChannel } from './outbox';
import type { MessageBus } from '../ports/message-bus';

export interface OutboxRelayOptions {
  schema: string;
  intervalMs?: number;
  batchSize?: number;
  /** When given, the relay LISTENs for commits on this database and publishes at once. */
  listenUrl?: string;
  /**
   * While commits keep arriving, how long the relay waits after a run before the next, so the
   * events of that window go out in one batch (default 20 ms). A lone commit is still published at once.
   */
  coalesceMs?: number;
  log?: (message: string) => void;
}

export interface OutboxBacklog {
  pending: number;
  oldestAgeSeconds: number;
}

/** Events written to the schema's outbox and not yet published: how many, and how long the oldest has waited. */
export async function outboxBacklog(dataSource: Pick<DataSource, 'query'>, schema: string): Promise<OutboxBacklog> {
  const rows: Array<{ pending: string; oldest: string | null }> = await dataSource.query(
    `SELECT count(*)::text AS pending, extract(epoch FROM now() - min(created_at))::text AS oldest
       FROM "${schema}".outbox WHERE published_at IS NULL`,
  );
  return { pending: Number(rows[0]?.pending ?? 0), oldestAgeSeconds: Math.max(0, Number(rows[0]?.oldest ?? 0)) };
}

/** How soon a relay tries to LISTEN again after losing its connection. */
const LISTEN_RETRY_MS = 1000;

/**
 * Moves committed events from the outbox to the bus. Rows are locked with SKIP LOCKED so
 * several relays (one per replica) never publish the same row at once. A crash between
 * publishing and marking the row means it is published again on restart: consumers' inboxes
 * make that harmless. Events go out in commit order; a failing publish stops the batch so
 * order is kept, and is retried on the next tick.
 */
export class OutboxRelay {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;
  private wakeRequested = false;
  /** When the pending timer fires (ms since the epoch). */
  private dueAt = 0;
  private readonly intervalMs: number;
  private readonly coalesceMs: number;
  private listener?: Client;
  private relistenTimer?: NodeJS.Timeout;
  private listenFailing = false;
  private readonly batchSize: number;

  constructor(private readonly dataSource: DataSource, private readonly bus: MessageBus, private readonly options: OutboxRelayOptions) {
    this.intervalMs = options.intervalMs ?? 250;
    this.batchSize = options.batchSize ?? 100;
    this.coalesceMs = options.coalesceMs ?? 20;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
    if (this.options.listenUrl) void this.listen(this.options.listenUrl);
  }

  private async listen(url: string): Promise<void> {
    const client = new Client({ connectionString: url });
    let lost = false;
    // A Postgres restart drops this connection. Without listening again, every later commit would
    // wait for the next poll until the process restarts (found by the chaos test).
    const listenAgain = () => {
      if (lost) return;
      lost = true;
      if (this.listener === client) this.listener = undefined;
      void client.end().catch(() => undefined);
      if (!this.stopped) this.relistenTimer = setTimeout(() => void this.listen(url), LISTEN_RETRY_MS);
    };
    client.on('error', (error: Error) => {
      if (!lost && !this.stopped) this.options.log?.(`outbox relay (${this.options.schema}) lost its LISTEN connection, polling meanwhile: ${error.message}`);
      this.listenFailing = true;
      listenAgain();
    });
    client.on('end', listenAgain);
    client.on('notification', () => this.nudge());
    try {
      await client.connect();
      await client.query(`LISTEN "${outboxChannel(this.options.schema)}"`);
      if (this.stopped) {
        lost = true;
        await client.end();
        return;
      }
      this.listener = client;
      if (this.listenFailing) this.options.log?.(`outbox relay (${this.options.schema}) listening again`);
      this.listenFailing = false;
      this.nudge(); // commits made while no one listened
    } catch (error) {
      // Polling still publishes everything; listening only makes it faster. Said once per outage.
      if (!this.listenFailing) this.options.log?.(`outbox relay (${this.options.schema}) cannot listen, retrying every ${LISTEN_RETRY_MS} ms: ${(error as Error).message}`);
      this.listenFailing = true;
      listenAgain();
    }
  }

  /** Asks for a run soon, e.g. right after a transaction that wrote to the outbox committed. */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    // A run is already due within the coalescing window: it will take this commit's events too.
    if (this.timer && this.dueAt <= Date.now() + this.coalesceMs) return;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.relistenTimer) clearTimeout(this.relistenTimer);
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
    await this.running;
  }

  /** Publishes everything pending now; returns how many events went out. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const batch = await this.publishBatch();
      total += batch.published;
      if (batch.error) throw new Error(`publishing stopped after ${total} events: ${batch.error}`);
      if (batch.published < this.batchSize) return total;
    }
  }

  backlog(): Promise<OutboxBacklog> {
    return outboxBacklog(this.dataSource, this.options.schema);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.dueAt = Date.now() + delay;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = undefined;
        const again = this.wakeRequested;
        this.wakeRequested = false;
        // Under sustained intake every commit nudges: one run per commit would cost a relay
        // transaction per event. Waiting a few milliseconds gathers them into one batch.
        this.schedule(again ? this.coalesceMs : this.intervalMs);
      });
    }, delay);
  }

  private async tick(): Promise<void> {
    try {
      await this.drain();
    } catch (error) {
      this.options.log?.(`outbox relay (${this.options.schema}): ${(error as Error).message}`);
    }
  }

  /** One transaction: lock a batch, publish in order, mark what went out and record what failed. */
  private async publishBatch(): Promise<{ published: number; error?: string }> {
    const schema = this.options.schema;
    return this.dataSource.transaction(async (manager) => {
      const rows: Array<{ seq: string; envelope: EventEnvelope }> = await manager.query(
        `SELECT seq, envelope FROM "${schema}".outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      if (rows.length > 0 && this.bus.publishAll) return this.publishAllRows(manager, rows);
      const done: string[] = [];
      let failure: string | undefined;
      for (const row of rows) {
        try {
          await this.bus.publish(row.envelope);
          done.push(row.seq);
        } catch (error) {
          failure = String((error as Error).message).slice(0, 1000);
          await manager.query(`UPDATE "${schema}".outbox SET attempts = attempts + 1, last_error = $2 WHERE seq = $1`, [row.seq, failure]);
          break;
        }
      }
      if (done.length > 0) {
        await manager.query(`UPDATE "${schema}".outbox SET published_at = now(), attempts = attempts + 1 WHERE seq = ANY($1::bigint[])`, [done]);
      }
      return { published: done.length, error: failure };
    });
  }

  /** The batch in one bus call: all of it is marked published, or none (its first row records the error). */
  private async publishAllRows(manager: EntityManager, rows: ReadonlyArray<{ seq: string; envelope: EventEnvelope }>): Promise<{ published: number; error?: string }> {
    const schema = this.options.schema;
    try {
      await this.bus.publishAll?.(rows.map((row) => row.envelope));
    } catch (error) {
      const failure = String((error as Error).message).slice(0, 1000);
      await manager.query(`UPDATE "${schema}".outbox SET attempts = attempts + 1, last_error = $2 WHERE seq = $1`, [rows[0].seq, failure]);
      return { published: 0, error: failure };
    }
    await manager.query(`UPDATE "${schema}".outbox SET published_at = now(), attempts = attempts + 1 WHERE seq = ANY($1::bigint[])`, [rows.map((row) => row.seq)]);
    return { published: rows.length };
  }
}
