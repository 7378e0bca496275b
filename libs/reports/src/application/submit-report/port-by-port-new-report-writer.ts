import { Report } from '../../domain/report';
import type { AtomicWork } from '../../ports/evidence-store';
import type { NewReport, NewReportWriter } from '../../ports/new-report-writer';
import type { ReportRepository } from '../../ports/report.repository';
import type { ReporterChannel } from '../../ports/reporter-channel';

/**
 * The plain writer: the report (with its events) through the repository and the channel through
 * its own port, in one unit of work. For adapters that have no faster way (in memory, tests).
 */
export class PortByPortNewReportWriter implements NewReportWriter {
  constructor(private readonly reports: ReportRepository, private readonly atomically: AtomicWork, private readonly channel?: ReporterChannel) {}

  async write({ report, events, reporterChannel }: NewReport): Promise<void> {
    if (reporterChannel && !this.channel) throw new Error('a reporter channel was given to a writer without a ReporterChannel to keep it in');
    await this.atomically(async () => {
      await this.reports.save(Report.restore(report), events);
      if (reporterChannel) await this.channel?.open(report.id, reporterChannel);
    });
  }
}
