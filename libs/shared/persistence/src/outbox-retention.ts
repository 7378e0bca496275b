import type { RetentionRule, RetentionTarget } from '@vigil/kernel';
import type { TransactionRunner } from './transaction-runner';

/** Relayed events stay in the outbox for replay and diagnosis only; their payloads carry identifiers (URLs, digests). */
export const OUTBOX_RETENTION_RULE: RetentionRule = {
  recordType: 'relayed-outbox-event',
  description: 'outbox rows of events relayed to the bus this many days ago (never an event still waiting)',
  defaultKeepDays: 30,
};

export class RelayedOutboxRetention implements RetentionTarget {
  readonly recordType = OUTBOX_RETENTION_RULE.recordType;
  constructor(private readonly transactions: TransactionRunner, private readonly schema: string) {}

  async findDue(cutoff: Date, limit: number, afterId?: string): Promise<string[]> {
    const rows: { id: string }[] = await this.transactions.manager.query(
      `SELECT event_id::text AS id FROM "${this.schema}".outbox WHERE published_at < $1 AND ($3::uuid IS NULL OR event_id > $3::uuid) ORDER BY event_id LIMIT $2`,
      [cutoff, limit, afterId ?? null],
    );
    return rows.map((row) => row.id);
  }

  async purge(ids: readonly string[], cutoff: Date): Promise<number> {
    const rows: unknown[] = await this.transactions.manager.query(
      `WITH gone AS (DELETE FROM "${this.schema}".outbox WHERE event_id = ANY($1::uuid[]) AND published_at < $2 RETURNING event_id) SELECT event_id FROM gone`,
      [ids, cutoff],
    );
    return rows.length;
  }
}
