import type { EventEnvelope } from '@vigil/contracts';
import type { EntityManager } from 'typeorm';
import { jsonDocument } from '@vigil/persistence';
import { currentRequestId } from '../trace/request-context';

/**
 * Appends events to the service's outbox inside the caller's transaction, so they are
 * published if and only if the state change that produced them commits. Each event carries the
 * id of the request (or event delivery) that caused it, unless it already names one.
 */
export async function appendToOutbox(manager: EntityManager, schema: string, events: readonly EventEnvelope[]): Promise<void> {
  if (events.length === 0) return;
  // One statement, one round trip on the intake path: the rows in the given order (seq follows
  // it), then the notification. Postgres delivers it only when the transaction commits, so
  // relays listening on this channel wake at once instead of waiting for their next poll.
  const insert = outboxInsert(schema, events, 1);
  await manager.query(`WITH ${insert.cte} ${insert.select}`, insert.parameters);
}

/** SQL pieces that write events to the outbox as part of a caller's own statement. */
export interface OutboxInsert {
  /** `outbox_added AS (INSERT ...)`, to put in the statement's WITH list. */
  cte: string;
  /** The statement's final SELECT: the commit notification for listening relays. */
  select: string;
  /** Its parameters, numbered from the `firstParameter` given. */
  parameters: unknown[];
}

/**
 * The outbox rows of `events` (stamped with the current request id, as appendToOutbox does) as a
 * data-modifying CTE, so a repository can write its state change and its events in one
 * statement: one round trip instead of two, the same transactional guarantee.
 */
export function outboxInsert(schema: string, events: readonly EventEnvelope[], firstParameter: number): OutboxInsert {
  const stamped = stampedWithRequestId(events);
  const [rows, channel] = [`$${firstParameter}`, `$${firstParameter + 1}`];
  return {
    // ROWS FROM ... WITH ORDINALITY: the rows keep the given order (seq follows it).
    cte: `outbox_added AS (
       INSERT INTO "${schema}".outbox (event_id, event_type, envelope)
       SELECT given.event_id, given.event_type, given.envelope
         FROM ROWS FROM (json_to_recordset(${rows}::json) AS (event_id uuid, event_type text, envelope jsonb)) WITH ORDINALITY AS given(event_id, event_type, envelope, position)
        ORDER BY given.position
       RETURNING 1)`,
    // No notification for an empty list: there is nothing to wake a relay for.
    select: `SELECT pg_notify(${channel}, count(*)::text) FROM outbox_added HAVING count(*) > 0`,
    parameters: [jsonDocument(stamped.map((event) => ({ event_id: event.id, event_type: event.type, envelope: event }))), outboxChannel(schema)],
  };
}

/**
 * The events, each naming the current request (or event delivery) unless it already names one.
 * Code that writes events later, outside the request's context (a group commit), stamps them first.
 */
export function stampedWithRequestId(events: readonly EventEnvelope[]): EventEnvelope[] {
  const requestId = currentRequestId();
  return events.map((original) => (requestId && !original.requestId ? { ...original, requestId } : original));
}

export function outboxChannel(schema: string): string {
  return `vigil_outbox_${schema}`;
}
