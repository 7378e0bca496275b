import type { RetentionRule, RetentionTarget } from '@vigil/kernel';
import type { TransactionRunner } from '@vigil/persistence';

/** The tipline's record types under retention; periods are overridden by RETENTION_<TYPE>_DAYS. */
export const REPORT_RETENTION_RULES: readonly RetentionRule[] = [
  { recordType: 'closed-report-evidence', description: 'evidence files (original media) of reports closed this many days ago', defaultKeepDays: 90 },
  { recordType: 'closed-report', description: 'reports closed without escalation this many days ago, with everything attached to them', defaultKeepDays: 730 },
];

/** Evidence files of closed reports (escalated or not: the referral hub keeps what it needs in its package). */
export class ClosedReportEvidenceRetention implements RetentionTarget {
  readonly recordType = 'closed-report-evidence';
  constructor(private readonly transactions: TransactionRunner, private readonly schema: string) {}

  async findDue(cutoff: Date, limit: number, afterId?: string): Promise<string[]> {
    const rows: { id: string }[] = await this.transactions.manager.query(
      `SELECT e.media_id::text AS id FROM "${this.schema}".evidence_files e JOIN "${this.schema}".reports r ON r.id = e.report_id
        WHERE r.status = 'closed' AND r.closed_at < $1 AND ($3::uuid IS NULL OR e.media_id > $3::uuid) ORDER BY e.media_id LIMIT $2`,
      [cutoff, limit, afterId ?? null],
    );
    return rows.map((row) => row.id);
  }

  async purge(ids: readonly string[], cutoff: Date): Promise<number> {
    const rows: unknown[] = await this.transactions.manager.query(
      `WITH gone AS (DELETE FROM "${this.schema}".evidence_files e USING "${this.schema}".reports r
         WHERE e.report_id = r.id AND e.media_id = ANY($1::uuid[]) AND r.status = 'closed' AND r.closed_at < $2 RETURNING e.media_id) SELECT media_id FROM gone`,
      [ids, cutoff],
    );
    return rows.length;
  }
}

/**
 * Reports closed without escalation, deleted with every row that references them (evidence,
 * triage, identifiers, industry original, reporter channel…). The referencing tables are read
 * from the schema's foreign keys, so a table added later is purged with its report instead of
 * blocking the purge; a table referencing those in turn makes the purge fail (and roll back).
 */
export class ClosedReportRetention implements RetentionTarget {
  readonly recordType = 'closed-report';
  constructor(private readonly transactions: TransactionRunner, private readonly schema: string) {}

  async findDue(cutoff: Date, limit: number, afterId?: string): Promise<string[]> {
    const rows: { id: string }[] = await this.transactions.manager.query(
      `SELECT id::text AS id FROM "${this.schema}".reports
        WHERE status = 'closed' AND escalated_at IS NULL AND closed_at < $1 AND ($3::uuid IS NULL OR id > $3::uuid) ORDER BY id LIMIT $2`,
      [cutoff, limit, afterId ?? null],
    );
    return rows.map((row) => row.id);
  }

  async purge(ids: readonly string[], cutoff: Date): Promise<number> {
    const manager = this.transactions.manager;
    const due: { id: string }[] = await manager.query(
      `SELECT id::text AS id FROM "${this.schema}".reports WHERE id = ANY($1::uuid[]) AND status = 'closed' AND escalated_at IS NULL AND closed_at < $2 FOR UPDATE`,
      [ids, cutoff],
    );
    const dueIds = due.map((row) => row.id);
    const references: { table_name: string; column_name: string }[] = await manager.query(
      `SELECT format('%I.%I', n.nspname, t.relname) AS table_name, quote_ident(a.attname) AS column_name
         FROM pg_constraint c
         JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'f' AND c.confrelid = to_regclass($1) AND cardinality(c.conkey) = 1`,
      [`"${this.schema}".reports`],
    );
    for (const reference of references) await manager.query(`DELETE FROM ${reference.table_name} WHERE ${reference.column_name} = ANY($1::uuid[])`, [dueIds]);
    const gone: unknown[] = await manager.query(`WITH gone AS (DELETE FROM "${this.schema}".reports WHERE id = ANY($1::uuid[]) RETURNING id) SELECT id FROM gone`, [dueIds]);
    return gone.length;
  }
}

/** The tipline's retention targets, in purge order (evidence first: its period is the shorter). */
export function reportRetentionTargets(transactions: TransactionRunner, schema: string): RetentionTarget[] {
  return [new ClosedReportEvidenceRetention(transactions, schema), new ClosedReportRetention(transactions, schema)];
}
