import { RECORD_ENCRYPTION_SCHEME, type RecordCipher } from '@vigil/kernel';
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

/** The evidence bytes are bound to their media id: a sealed file copied onto another row does not open. */
const EVIDENCE_FIELD = 'tipline.evidence_files.content';

/**
 * Evidence files as `bytea` rows in the tipline's schema, written in the caller's transaction
 * (the report's) so a report never exists without its files, nor files without their report.
 * The bytes are sealed with envelope encryption (a data key per file, wrapped by the key
 * encryption key); digests were taken from the plaintext at intake. Rows record their scheme:
 * rows written as `none` before encryption arrived still read, and a scheme this adapter does
 * not know is refused rather than served as if it were the file.
 */
export class TypeOrmEvidenceStore implements EvidenceStore {
  constructor(private readonly transactions: TransactionRunner, private readonly schema: string, private readonly cipher: RecordCipher) {}

  async put(files: readonly EvidenceFile[]): Promise<void> {
    if (files.length === 0) return;
    const sealed = await Promise.all(files.map((file) => this.cipher.seal(file.content, { field: EVIDENCE_FIELD, recordId: file.mediaId })));
    await this.transactions.run(async (manager) => {
      for (const [index, file] of files.entries()) {
        await manager.query(
          `INSERT INTO "${this.schema}".evidence_files (media_id, report_id, content_type, content, sha256, encryption, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [file.mediaId, file.reportId, file.contentType, Buffer.from(sealed[index]), file.sha256, RECORD_ENCRYPTION_SCHEME, file.createdAt],
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
    return {
      mediaId: row.media_id,
      reportId: row.report_id,
      contentType: row.content_type,
      content: await this.plaintextOf(row),
      sha256: row.sha256,
      createdAt: new Date(row.created_at).toISOString(),
    };
  }

  /**
   * Seals files stored before encryption arrived, a batch per transaction (rows locked, so two
   * replicas doing it at once skip each other's). Returns how many were sealed.
   */
  async sealPlaintextFiles(batchSize = 50): Promise<number> {
    let sealed = 0;
    for (;;) {
      const count = await this.transactions.run(async (manager) => {
        const rows: { media_id: string; content: Buffer }[] = await manager.query(
          `SELECT media_id, content FROM "${this.schema}".evidence_files WHERE encryption = 'none' ORDER BY media_id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [batchSize],
        );
        for (const row of rows) {
          const content = Buffer.from(await this.cipher.seal(row.content, { field: EVIDENCE_FIELD, recordId: row.media_id }));
          await manager.query(`UPDATE "${this.schema}".evidence_files SET content = $2, encryption = $3 WHERE media_id = $1`, [row.media_id, content, RECORD_ENCRYPTION_SCHEME]);
        }
        return rows.length;
      });
      sealed += count;
      if (count < batchSize) return sealed;
    }
  }

  private async plaintextOf(row: EvidenceRow): Promise<Uint8Array> {
    if (row.encryption === RECORD_ENCRYPTION_SCHEME) return this.cipher.open(row.content, { field: EVIDENCE_FIELD, recordId: row.media_id });
    if (row.encryption === 'none') return row.content;
    throw new Error(`evidence ${row.media_id} is stored with encryption "${row.encryption}", which this adapter cannot read`);
  }
}
