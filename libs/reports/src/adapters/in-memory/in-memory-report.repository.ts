import type { EventEnvelope } from '@vigil/contracts';
import { Report, type ReportSnapshot } from '../../domain/report';
import { priorityRank } from '../../domain/report-priority';
import type { ReportQueueFilter, ReportRepository } from '../../ports/report.repository';

/** A complete in-memory implementation of the port, for use-case tests. */
export class InMemoryReportRepository implements ReportRepository {
  readonly rows = new Map<string, ReportSnapshot>();
  readonly outbox: EventEnvelope[] = [];

  async save(report: Report, outgoing: readonly EventEnvelope[]): Promise<void> {
    const snapshot = report.snapshot();
    this.rows.set(snapshot.id, { ...snapshot, version: snapshot.version + 1 });
    this.outbox.push(...outgoing);
  }

  async findById(id: string): Promise<Report | undefined> {
    const row = this.rows.get(id);
    return row ? Report.restore(row) : undefined;
  }

  async findByReference(reference: string): Promise<Report | undefined> {
    const row = [...this.rows.values()].find((snapshot) => snapshot.reference === reference);
    return row ? Report.restore(row) : undefined;
  }

  async queue(filter: ReportQueueFilter): Promise<ReportSnapshot[]> {
    return [...this.rows.values()]
      .filter((row) => !filter.status || row.status === filter.status)
      .sort((a, b) => priorityRank(a.priority) - priorityRank(b.priority) || a.receivedAt.localeCompare(b.receivedAt))
      .slice(0, filter.limit);
  }
}
