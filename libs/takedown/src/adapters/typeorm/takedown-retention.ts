import type { RetentionRule, RetentionTarget } from '@vigil/kernel';
import type { TransactionRunner } from '@vigil/persistence';

export const TAKEDOWN_RETENTION_RULES: readonly RetentionRule[] = [
  { recordType: 'removed-takedown-url', description: 'takedown URLs confirmed removed this many days ago, with their history and notices', defaultKeepDays: 365 },
];

/**
 * URLs whose content was confirmed removed long enough ago that a reappearance would be
 * reported afresh. A URL that reappeared has status `reappeared`, so it is never due here.
 */
export class RemovedTakedownUrlRetention implements RetentionTarget {
  readonly recordType = 'removed-takedown-url';
  constructor(private readonly transactions: TransactionRunner, private readonly schema: string) {}

  async findDue(cutoff: Date, limit: number, afterId?: string): Promise<string[]> {
    const rows: { id: string }[] = await this.transactions.manager.query(
      `SELECT id::text AS id FROM "${this.schema}".takedown_urls WHERE status = 'removed' AND removed_at < $1 AND ($3::uuid IS NULL OR id > $3::uuid) ORDER BY id LIMIT $2`,
      [cutoff, limit, afterId ?? null],
    );
    return rows.map((row) => row.id);
  }

  async purge(ids: readonly string[], cutoff: Date): Promise<number> {
    const manager = this.transactions.manager;
    const s = `"${this.schema}"`;
    const due: { id: string }[] = await manager.query(`SELECT id::text AS id FROM ${s}.takedown_urls WHERE id = ANY($1::uuid[]) AND status = 'removed' AND removed_at < $2 FOR UPDATE`, [ids, cutoff]);
    const dueIds = due.map((row) => row.id);
    await manager.query(`DELETE FROM ${s}.takedown_notice_attempts WHERE notice_id IN (SELECT id FROM ${s}.takedown_notices WHERE url_id = ANY($1::uuid[]))`, [dueIds]);
    await manager.query(`DELETE FROM ${s}.takedown_notices WHERE url_id = ANY($1::uuid[])`, [dueIds]);
    await manager.query(`DELETE FROM ${s}.takedown_url_history WHERE url_id = ANY($1::uuid[])`, [dueIds]);
    const gone: unknown[] = await manager.query(`WITH gone AS (DELETE FROM ${s}.takedown_urls WHERE id = ANY($1::uuid[]) RETURNING id) SELECT id FROM gone`, [dueIds]);
    return gone.length;
  }
}
