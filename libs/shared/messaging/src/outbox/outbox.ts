import type { EventEnvelope } from '@vigil/contracts';
import type { EntityManager } from 'typeorm';
import { currentRequestId } from '../trace/request-context';

/**
 * Appends events to the service's outbox inside the caller's transaction, so they are
 * published if and only if the state change that produced them commits. Each event carries the
 * id of the request (or event delivery) that caused it, unless it already names one.
 */
export async function appendToOutbox(manager: EntityManager, schema: string, events: readonly EventEnvelope[]): Promise<void> {
  if (events.length === 0) return;
  const requestId = currentRequestId();
  const stamped = events.map((original) => (requestId && !original.requestId ? { ...original, requestId } : original));
  // One statement, one round trip on the intake path: the rows in the given order (seq follows
  // it), then the notification. Postgres delivers it only when the transaction commits, so
  // relays listening on this channel wake at once instead of waiting for their next poll.
  await manager.query(
    `WITH added AS (
       INSERT INTO "${schema}".outbox (event_id, event_type, envelope)
       SELECT given.event_id, given.event_type, given.envelope
         FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) WITH ORDINALITY AS given(event_id, event_type, envelope, position)
        ORDER BY given.position
       RETURNING 1)
     SELECT pg_notify($4, count(*)::text) FROM added`,
    [stamped.map((event) => event.id), stamped.map((event) => event.type), stamped.map((event) => JSON.stringify(event)), outboxChannel(schema)],
  );
}

export function outboxChannel(schema: string): string {
  return `vigil_outbox_${schema}`;
}
