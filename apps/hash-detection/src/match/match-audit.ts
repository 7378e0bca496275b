import { appendAuditRecords, type AuditRecord } from '@vigil/security';
import type { DataSource } from 'typeorm';

interface Pending {
  record: AuditRecord;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The match API's audit: one row per request (who, how many hashes, how many matched, which
 * entries; never the media nor the hashes asked about), written by group commit. A request's
 * answer waits until its row is committed, so a crash never loses the audit of an answered
 * request; while one INSERT runs, the rows of the requests arriving meanwhile gather and go
 * in the next one (up to `maxBatch` rows). Under load that is one statement per few hundred
 * requests; when idle a row costs one short transaction, with no timer to wait for. Each batch is
 * chained (see appendAuditRecords) under the schema's audit lock, so rows keep one unbroken chain
 * with those SqlAuditTrail writes.
 */
export class MatchAuditLog {
  private pending: Pending[] = [];
  private draining?: Promise<void>;

  constructor(private readonly dataSource: DataSource, private readonly schema: string, private readonly maxBatch = 500) {}

  record(record: AuditRecord): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ record, resolve, reject });
      this.draining ??= this.drain().finally(() => (this.draining = undefined));
    });
  }

  /** Nest calls this before the database closes: rows still queued are written first. */
  async beforeApplicationShutdown(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatch);
      try {
        await this.insert(batch.map((item) => item.record));
        for (const item of batch) item.resolve();
      } catch (error) {
        for (const item of batch) item.reject(error);
      }
    }
  }

  /** One transaction per batch: the batch joins the schema's hash chain in arrival order. */
  private async insert(records: AuditRecord[]): Promise<void> {
    await this.dataSource.transaction((manager) => appendAuditRecords(manager, this.schema, records));
  }
}
