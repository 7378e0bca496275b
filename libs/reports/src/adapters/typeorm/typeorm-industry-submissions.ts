import type { TransactionRunner } from '@vigil/persistence';
import { DuplicateSubmissionError, type IndustrySubmission, type IndustrySubmissions } from '../../ports/industry-submissions';

interface SubmissionRow {
  partner_id: string;
  partner_name: string;
  partner_reference: string;
  report_id: string;
  format: IndustrySubmission['format'];
  original: string;
  intake: unknown;
  received_at: Date;
}

/** Industry submissions keyed by (partner, partner reference): the primary key makes retries idempotent. */
export class TypeOrmIndustrySubmissions implements IndustrySubmissions {
  constructor(private readonly transactions: TransactionRunner, private readonly schema: string) {}

  async findReportId(partnerId: string, partnerReference: string): Promise<string | undefined> {
    const rows: { report_id: string }[] = await this.transactions.manager.query(
      `SELECT report_id FROM "${this.schema}".industry_submissions WHERE partner_id = $1 AND partner_reference = $2`,
      [partnerId, partnerReference],
    );
    return rows[0]?.report_id;
  }

  async record(submission: IndustrySubmission): Promise<void> {
    // ON CONFLICT DO NOTHING: a concurrent insert of the same key waits for the first to commit,
    // then inserts nothing, and the caller's transaction rolls back on the error below.
    const inserted: unknown[] = await this.transactions.manager.query(
      `INSERT INTO "${this.schema}".industry_submissions (partner_id, partner_reference, partner_name, report_id, format, original, intake, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (partner_id, partner_reference) DO NOTHING RETURNING report_id`,
      [submission.partnerId, submission.partnerReference, submission.partnerName, submission.reportId, submission.format, submission.original, JSON.stringify(submission.intake), submission.receivedAt],
    );
    if (inserted.length === 0) throw new DuplicateSubmissionError(submission.partnerId, submission.partnerReference);
  }

  async byReportId(reportId: string): Promise<IndustrySubmission | undefined> {
    const rows: SubmissionRow[] = await this.transactions.manager.query(`SELECT * FROM "${this.schema}".industry_submissions WHERE report_id = $1`, [reportId]);
    const row = rows[0];
    return row
      ? {
          partnerId: row.partner_id,
          partnerName: row.partner_name,
          partnerReference: row.partner_reference,
          reportId: row.report_id,
          format: row.format,
          original: row.original,
          intake: row.intake,
          receivedAt: new Date(row.received_at).toISOString(),
        }
      : undefined;
  }
}
