import { consumersOf, type EventEnvelope, type ServiceName } from '@vigil/contracts';
import { newId } from '@vigil/kernel';
import {
  NonRetryableEventError,
  type BusHealth,
  type DeadLetter,
  type EventHandler,
  type MessageBus,
  type RetryPolicy,
} from '../../ports/message-bus';

interface StoredDeadLetter extends DeadLetter {
  event: EventEnvelope;
}

/**
 * The bus for embedded mode, where all three apps share one process. `publish` resolves only
 * once every consumer has handled the event (or dead-lettered it), so the outbox row is
 * marked published only after delivery: a crash before that re-publishes from the outbox and
 * the inbox absorbs the duplicate. Events for a consumer that has not subscribed yet wait.
 * Dead letters live in memory (embedded mode is for demos and development).
 */
export class InProcessMessageBus implements MessageBus {
  private readonly handlers = new Map<ServiceName, EventHandler>();
  private readonly waiting = new Map<ServiceName, EventEnvelope[]>();
  private readonly dead: StoredDeadLetter[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly retry: RetryPolicy = { attempts: 3, backoffMs: 50 }, private readonly log?: (message: string) => void) {}

  async publish(event: EventEnvelope): Promise<void> {
    if (this.closed) throw new Error('bus is closed');
    // Serialise as a real broker would: consumers never share object references with producers.
    const copy = JSON.parse(JSON.stringify(event)) as EventEnvelope;
    await Promise.all(consumersOf(event.type).map((consumer) => this.deliver(consumer, copy)));
  }

  async subscribe(consumer: ServiceName, handler: EventHandler): Promise<void> {
    this.handlers.set(consumer, handler);
    const backlog = this.waiting.get(consumer) ?? [];
    this.waiting.delete(consumer);
    for (const event of backlog) await this.deliver(consumer, event);
  }

  async deadLetters(consumer: ServiceName): Promise<DeadLetter[]> {
    return this.dead.filter((letter) => letter.consumer === consumer).map(({ event: _event, ...letter }) => letter);
  }

  async replay(consumer: ServiceName, deadLetterId: string): Promise<void> {
    const index = this.dead.findIndex((letter) => letter.id === deadLetterId && letter.consumer === consumer);
    if (index < 0) throw new Error(`no dead letter ${deadLetterId} for ${consumer}`);
    const [letter] = this.dead.splice(index, 1);
    await this.deliver(consumer, letter.event);
  }

  async health(): Promise<BusHealth> {
    return { ok: !this.closed, detail: this.closed ? 'closed' : 'in-process' };
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.inFlight]);
  }

  private deliver(consumer: ServiceName, event: EventEnvelope): Promise<void> {
    const handler = this.handlers.get(consumer);
    if (!handler) {
      this.waiting.set(consumer, [...(this.waiting.get(consumer) ?? []), event]);
      return Promise.resolve();
    }
    const delivery = this.attempt(consumer, handler, event).finally(() => this.inFlight.delete(delivery));
    this.inFlight.add(delivery);
    return delivery;
  }

  private async attempt(consumer: ServiceName, handler: EventHandler, event: EventEnvelope): Promise<void> {
    let lastError: Error = new Error('not attempted');
    for (let attempt = 1; attempt <= this.retry.attempts; attempt++) {
      try {
        await handler(event);
        return;
      } catch (error) {
        lastError = error as Error;
        if (error instanceof NonRetryableEventError) return this.deadLetter(consumer, event, lastError, attempt);
        if (attempt < this.retry.attempts) await sleep(this.retry.backoffMs * 2 ** (attempt - 1));
      }
    }
    this.deadLetter(consumer, event, lastError, this.retry.attempts);
  }

  private deadLetter(consumer: ServiceName, event: EventEnvelope, error: Error, attempts: number): void {
    this.log?.(`dead-lettered ${event.type} ${event.id} for ${consumer}: ${error.message}`);
    this.dead.push({
      id: newId(),
      consumer,
      eventId: String(event.id),
      eventType: String(event.type),
      reason: error.message,
      attempts,
      failedAt: new Date().toISOString(),
      event,
    });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
