/**
 * DDL for the outbox (events waiting to be relayed to the bus) and the inbox (ids of events
 * this service has already handled). Every service's first migration creates both in its
 * own schema.
 */
export function outboxInboxUpSql(schema: string): string[] {
  return [
    `CREATE TABLE "${schema}".outbox (
      seq bigserial PRIMARY KEY,
      event_id uuid NOT NULL UNIQUE,
      event_type text NOT NULL,
      envelope jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz,
      attempts int NOT NULL DEFAULT 0,
      last_error text
    )`,
    `CREATE INDEX outbox_unpublished ON "${schema}".outbox (seq) WHERE published_at IS NULL`,
    `CREATE TABLE "${schema}".inbox (
      event_id uuid NOT NULL,
      consumer text NOT NULL,
      event_type text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (event_id, consumer)
    )`,
  ];
}

export function outboxInboxDownSql(schema: string): string[] {
  return [`DROP TABLE "${schema}".inbox`, `DROP TABLE "${schema}".outbox`];
}
