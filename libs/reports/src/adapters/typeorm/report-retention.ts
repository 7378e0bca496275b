import { envelope, EVIDENCE_PURGED_V1, MAX_PURGED_MEDIA_PER_EVENT, type EvidencePurgedV1, type EvidencePurgeRecordType } from '@vigil/contracts';
import type { RetentionRule, RetentionTarget } from '@vigil/kernel';
import { appendToOutbox } from '@vigil/messaging';
import type { TransactionRunner } from '@vigil/persistence';
import type { EntityManager } from 'typeorm';

/** The tipline's record types under retention; periods are overridden by RETENTION_<TYPE>_DAYS. */
export const REPORT_RETENTION_RULES: readonly RetentionRule[] = [
  { recordType: 'closed-report-evidence', description: 'evidence files (original media) of reports closed this many days ago', defaultKeepDays: 90 },
  { recordType: 'closed-report', description: 'reports closed without escalation this many days ago, with everything attached to them', defaultKeepDays: 730 },
];

/** Evidence files of closed reports (escalated or not: the referral hub keeps what it needs in its package). */
export class ClosedReportEvidenceRetention implements RetentionTarget {
  readonly recordType: EvidencePurgeRecordType = 'closed-report-evidence';
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
    const manager = this.transactions.manager;
    const gone: PurgedFile[] = await manager.query(
      `WITH gone AS (DELETE FROM "${this.schema}".evidence_files e USING "${this.schema}".reports r
         WHERE e.report_id = r.id AND e.media_id = ANY($1::uuid[]) AND r.status = 'closed' AND r.closed_at < $2 RETURNING e.media_id, e.report_id)
       SELECT media_id::text AS media_id, report_id::text AS report_id FROM gone`,
      [ids, cutoff],
    );
    await announcePurgedEvidence(manager, this.schema, gone, this.recordType);
    return gone.length;
  }
}

/**
 * Reports closed without escalation, deleted with every row that references them (evidence,
 * triage, identifiers, industry original, reporter channel…). The referencing tables are read
 * from the schema's foreign keys, so a table added later is purged with its report instead of
 * blocking the purge; a table referencing those in turn makes the purge fail (and roll back).
 */
export class ClosedReportRetention implements RetentionTarget {
  readonly recordType: EvidencePurgeRecordType = 'closed-report';
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
    // Evidence files the shorter rule has not purged yet (it may be off) go with their report: announced alike.
    const files: PurgedFile[] = await manager.query(
      `SELECT media_id::text AS media_id, report_id::text AS report_id FROM "${this.schema}".evidence_files WHERE report_id = ANY($1::uuid[]) ORDER BY media_id`,
      [dueIds],
    );
    for (const reference of references) await manager.query(`DELETE FROM ${reference.table_name} WHERE ${reference.column_name} = ANY($1::uuid[])`, [dueIds]);
    const gone: unknown[] = await manager.query(`WITH gone AS (DELETE FROM "${this.schema}".reports WHERE id = ANY($1::uuid[]) RETURNING id) SELECT id FROM gone`, [dueIds]);
    await announcePurgedEvidence(manager, this.schema, files, this.recordType);
    return gone.length;
  }
}

interface PurgedFile {
  media_id: string;
  report_id: string;
}

/**
 * One evidence.purged.v1 per report whose files went, in the purge's own transaction (outbox):
 * hash detection takes review items waiting on those files out of its queue, since nobody can
 * look at them any more. A purge that rolls back announces nothing.
 */
async function announcePurgedEvidence(manager: EntityManager, schema: string, files: readonly PurgedFile[], recordType: EvidencePurgeRecordType): Promise<void> {
  const byReport = new Map<string, string[]>();
  for (const file of files) {
    const mediaIds = byReport.get(file.report_id);
    if (mediaIds) mediaIds.push(file.media_id);
    else byReport.set(file.report_id, [file.media_id]);
  }
  const events = [...byReport].flatMap(([reportId, mediaIds]) =>
    chunks(mediaIds, MAX_PURGED_MEDIA_PER_EVENT).map((part) => envelope<EvidencePurgedV1>(EVIDENCE_PURGED_V1, 'tipline', { reportId, mediaIds: part, recordType }, { correlationId: reportId })),
  );
  await appendToOutbox(manager, schema, events);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let start = 0; start < items.length; start += size) parts.push(items.slice(start, start + size));
  return parts;
}

/** The tipline's retention targets, in purge order (evidence first: its period is the shorter). */
export function reportRetentionTargets(transactions: TransactionRunner, schema: string): RetentionTarget[] {
  return [new ClosedReportEvidenceRetention(transactions, schema), new ClosedReportRetention(transactions, schema)];
}
