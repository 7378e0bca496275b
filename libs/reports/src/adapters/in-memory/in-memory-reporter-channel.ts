import type { ReporterContact } from '../../domain/public-report-details';
import type { ReporterChannel } from '../../ports/reporter-channel';

/** A complete in-memory implementation of the port, for use-case tests. */
export class InMemoryReporterChannel implements ReporterChannel {
  readonly rows = new Map<string, { secretHash: string; contact?: ReporterContact }>();

  async open(reportId: string, channel: { secretHash: string; contact?: ReporterContact }): Promise<void> {
    if (this.rows.has(reportId)) throw new Error(`report ${reportId} already has a reporter channel`);
    this.rows.set(reportId, structuredClone(channel));
  }

  async secretHashOf(reportId: string): Promise<string | undefined> {
    return this.rows.get(reportId)?.secretHash;
  }

  async contactOf(reportId: string): Promise<ReporterContact | undefined> {
    const contact = this.rows.get(reportId)?.contact;
    return contact ? structuredClone(contact) : undefined;
  }
}
