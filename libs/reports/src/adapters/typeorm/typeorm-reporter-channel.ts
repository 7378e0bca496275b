import { RECORD_ENCRYPTION_SCHEME, type RecordCipher } from '@vigil/kernel';
import type { TransactionRunner } from '@vigil/persistence';
import type { ReporterContact } from '../../domain/public-report-details';
import type { ReporterChannel } from '../../ports/reporter-channel';

export interface SealedReporterChannel {
  secretSha256: string;
  sealedContact: Buffer | null;
  contactEncryption: string | null;
}

/** The sealed contact is bound to this column and report: copied elsewhere, it does not open. */
const CONTACT_FIELD = 'tipline.reporter_channels.contact';

/**
 * reporter_channels: one row per public report; the contact sealed with the record cipher
 * (AES-256-GCM, a data key per value), so a database dump does not reveal who reported.
 */
export class TypeOrmReporterChannel implements ReporterChannel {
  constructor(private readonly transactions: TransactionRunner, private readonly schema: string, private readonly cipher: RecordCipher) {}

  async open(reportId: string, channel: { secretHash: string; contact?: ReporterContact }): Promise<void> {
    const row = await this.sealedRow(reportId, channel);
    await this.transactions.manager.query(`INSERT INTO "${this.schema}".reporter_channels (report_id, secret_sha256, contact, contact_encryption) VALUES ($1, $2, $3, $4)`, [
      reportId,
      row.secretSha256,
      row.sealedContact,
      row.contactEncryption,
    ]);
  }

  /** The row's values as stored, the contact sealed: for a statement that writes the channel together with its report. */
  async sealedRow(reportId: string, channel: { secretHash: string; contact?: ReporterContact }): Promise<SealedReporterChannel> {
    const sealedContact = channel.contact ? Buffer.from(await this.cipher.sealJson(channel.contact, { field: CONTACT_FIELD, recordId: reportId })) : null;
    return { secretSha256: channel.secretHash, sealedContact, contactEncryption: sealedContact ? RECORD_ENCRYPTION_SCHEME : null };
  }

  async secretHashOf(reportId: string): Promise<string | undefined> {
    const rows: { secret_sha256: string }[] = await this.transactions.manager.query(`SELECT secret_sha256 FROM "${this.schema}".reporter_channels WHERE report_id = $1`, [reportId]);
    return rows[0]?.secret_sha256;
  }

  async contactOf(reportId: string): Promise<ReporterContact | undefined> {
    const rows: { contact: Buffer | null; contact_encryption: string | null }[] = await this.transactions.manager.query(
      `SELECT contact, contact_encryption FROM "${this.schema}".reporter_channels WHERE report_id = $1`,
      [reportId],
    );
    const row = rows[0];
    if (!row?.contact) return undefined;
    if (row.contact_encryption !== RECORD_ENCRYPTION_SCHEME) throw new Error(`reporter contact of ${reportId} is stored as ${row.contact_encryption}, which this adapter cannot open`);
    return this.cipher.openJson<ReporterContact>(row.contact, { field: CONTACT_FIELD, recordId: reportId });
  }
}
