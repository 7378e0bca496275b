import type { EventEnvelope } from '@vigil/contracts';
import type { EntityManager } from 'typeorm';

/**
 * Appends events to the service's outbox inside the caller's transaction, so they are
 * published if and only if the state change that produced them commits.
 */
export async function appendToOutbox(manager: EntityManager, schema: string, events: readonly EventEnvelope[]): Promise<void> {
  for (const event of events) {
    await manager.query(`INSERT INTO "${schema}".outbox (event_id, event_type, envelope) VALUES ($1, $2, $3)`, [
      event.id,
      event.type,
      JSON.stringify(event),
    ]);
  }
  // Postgres delivers a notification only when the transaction commits: relays listening on
  // this channel wake at once instead of waiting for their next poll.
  if (events.length > 0) await manager.query('SELECT pg_notify($1, $2)', [outboxChannel(schema), String(events.length)]);
}

export function outboxChannel(schema: string): string {
  return `vigil_outbox_${schema}`;
}
