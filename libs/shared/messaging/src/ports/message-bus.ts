import type { EventEnvelope, ServiceName } from '@vigil/contracts';

export type EventHandler = (event: EventEnvelope) => Promise<void>;

/** An event that could not be handled: invalid, or still failing after every retry. */
export interface DeadLetter {
  /** The bus's own id for the failed delivery; pass it to `replay`. */
  id: string;
  consumer: ServiceName;
  eventId: string;
  eventType: string;
  reason: string;
  attempts: number;
  failedAt: string;
}

export interface BusHealth {
  ok: boolean;
  detail: string;
}

/**
 * Integration events between services. Publishing fans an event out to every consumer the
 * event catalogue lists; each consumer has its own durable queue, so a consumer that is
 * down simply finds its events waiting. Delivery is at-least-once: consumers dedupe with
 * their inbox.
 */
export interface MessageBus {
  publish(event: EventEnvelope): Promise<void>;
  /**
   * Publishes several events in their order with fewer round trips, for the outbox relay. If it
   * throws, any of them may or may not have gone out: the caller publishes them all again
   * (consumers' inboxes and the bus's per-event ids make that harmless). Optional: without it
   * the relay calls `publish` once per event.
   */
  publishAll?(events: readonly EventEnvelope[]): Promise<void>;
  /** Starts delivering the consumer's events to `handler`. One handler per consumer. */
  subscribe(consumer: ServiceName, handler: EventHandler): Promise<void>;
  deadLetters(consumer: ServiceName): Promise<DeadLetter[]>;
  replay(consumer: ServiceName, deadLetterId: string): Promise<void>;
  health(): Promise<BusHealth>;
  /** Jobs in a consumer's queue by state (waiting, active, delayed, failed...), for metrics; buses without queues omit it. */
  queueDepth?(consumer: ServiceName): Promise<Record<string, number>>;
  /** Stops taking new work, lets in-flight deliveries finish, closes connections. */
  close(): Promise<void>;
}

export const MESSAGE_BUS = Symbol('MessageBus');

/**
 * Thrown by a handler for an event that can never succeed (it fails validation): the bus
 * dead-letters it at once instead of retrying.
 */
export class NonRetryableEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NonRetryableEventError';
  }
}

export interface RetryPolicy {
  attempts: number;
  /** First retry delay; each further retry doubles it. */
  backoffMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 5, backoffMs: 1000 };
