import type { TransactionRunner } from '@vigil/persistence';
import type { EvidenceFile, EvidenceStore } from '../../ports/evidence-store';

interface EvidenceRow {
  media_id: string;
  report_id: string;
  content_type: string;
  content: Buffer;
  sha256: string;
  encryption: string;
  created_at: Date;
}

/**
 * Evidence files as `bytea` rows in the tipline's schema, written in the caller's transaction
 * (the report's) so a report never exists without its files, nor files without their report.
 * Rows record how they are encrypted (`none` for now): when encryption at rest arrives, old and
 * new rows can live side by side and this adapter refuses a scheme it cannot read.
 */
export class TypeOrmEvidenceStore implements EvidenceStore {
  constructor(private readonly transactions: TransactionRunner, private readonly schema: string) {}

  async put(files: readonly EvidenceFile[]): Promise<void> {
    if (files.length === 0) return;
    await this.transactions.run(async (manager) => {
      for (const file of files) {
        await manager.query(
          `INSERT INTO "${this.schema}".evidence_files (media_id, report_id, content_type, content, sha256, encryption, created_at)
           VALUES ($1, $2, $3, $4, $5, 'none', $6)`,
          [file.mediaId, file.reportId, file.contentType, Buffer.from(file.content), file.sha256, file.createdAt],
        );
      }
    });
  }

  async get(mediaId: string): Promise<EvidenceFile | undefined> {
    const rows: EvidenceRow[] = await this.transactions.manager.query(
      `SELECT media_id, report_id, content_type, content, sha256, encryption, created_at FROM "${this.schema}".evidence_files WHERE media_id = $1`,
      [mediaId],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (row.encryption !== 'none') throw new Error(`evidence ${mediaId} is stored with encryption "${row.encryption}", which this adapter cannot read`);
    return {
      mediaId: row.media_id,
      reportId: row.report_id,
      contentType: row.content_type,
      content: row.content,
      sha256: row.sha256,
      createdAt: new Date(row.created_at).toISOString(),
    };
  }
}
