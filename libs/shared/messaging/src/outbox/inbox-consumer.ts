import { validateEnvelope, type EventEnvelope, InvalidEventError } from '@vigil/contracts';
import type { TransactionRunner } from '@vigil/persistence';
import { NonRetryableEventError } from '../ports/message-bus';

export type PayloadHandler = (payload: object, event: EventEnvelope) => Promise<void>;

/**
 * Turns at-least-once delivery into exactly-once effect. Each event is validated against its
 * versioned schema (invalid ones are dead-lettered, never retried), then handled in one
 * transaction with an inbox row keyed by (event id, consumer): a redelivered event finds
 * its row and is skipped; a handler that fails rolls back its inbox row too, so the retry
 * runs it again from scratch.
 */
export class InboxConsumer {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly schema: string,
    private readonly consumer: string,
    private readonly handlers: Record<string, PayloadHandler>,
  ) {}

  readonly handle = async (event: EventEnvelope): Promise<void> => {
    let payload: object;
    try {
      payload = validateEnvelope(event);
    } catch (error) {
      if (error instanceof InvalidEventError) throw new NonRetryableEventError(error.message);
      throw error;
    }
    const handler = this.handlers[event.type];
    if (!handler) return;
    await this.transactions.run(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO "${this.schema}".inbox (event_id, consumer, event_type) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [event.id, this.consumer, event.type],
      );
      if (inserted.length === 0) return;
      await handler(payload, event);
    });
  };
}
