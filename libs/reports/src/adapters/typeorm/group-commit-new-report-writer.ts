import { stampedWithRequestId, withRequestId } from '@vigil/messaging';
import type { TransactionRunner } from '@vigil/persistence';
import { identifiersOfReport } from '../../application/link-reports/extract-identifiers';
import type { NewReport, NewReportWriter } from '../../ports/new-report-writer';
import { newReportsStatement, type NewReportRow } from './new-reports.statement';
import type { TypeOrmReporterChannel } from './typeorm-reporter-channel';

export interface GroupCommitOptions {
  /** Reports per statement at most. */
  maxBatch: number;
  /** Statements in flight at once; reports arriving meanwhile wait for the next one. */
  concurrentBatches: number;
}

export const DEFAULT_GROUP_COMMIT: GroupCommitOptions = { maxBatch: 64, concurrentBatches: 2 };

interface Waiting {
  row: NewReportRow;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for intake: new reports that arrive while earlier ones are being written are
 * written together, in one statement (newReportsStatement: reports, identifiers, reporter
 * channels, outbox), so under load Postgres runs one statement and one commit (one WAL flush)
 * for many reports instead of four round trips and a commit each. Nobody waits for a batch to
 * fill: a report arriving when a statement slot is free is written at once, alone.
 *
 * Each caller is answered only after the statement that holds its report has committed, so an
 * answered report is durable, and a crash loses only reports nobody was told were received.
 * When a batch fails, its reports are written again one by one, so one bad report fails alone.
 * Inside a caller's transaction (a report with evidence files) the report is written there, at once.
 */
export class GroupCommitNewReportWriter implements NewReportWriter {
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;

  /** `withLinks`: index each report's URLs, media digests and accounts for related-report links. */
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly schema: string,
    private readonly channels: TypeOrmReporterChannel,
    private readonly withLinks: boolean,
    private readonly options: GroupCommitOptions = DEFAULT_GROUP_COMMIT,
  ) {}

  async write(unit: NewReport): Promise<void> {
    const state = unit.report;
    const row: NewReportRow = {
      state,
      identifiers: this.withLinks ? identifiersOfReport(state) : [],
      // Stamped now: the statement runs later, outside this request's context.
      events: stampedWithRequestId(unit.events),
      channel: unit.reporterChannel ? await this.channels.sealedRow(state.id, unit.reporterChannel) : undefined,
    };
    if (this.transactions.inTransaction) {
      await this.execute([row], true);
      return;
    }
    await new Promise<void>((resolve, reject) => {
      this.waiting.push({ row, resolve, reject });
      this.startBatches();
    });
  }

  private startBatches(): void {
    while (this.waiting.length > 0 && this.inFlight < this.options.concurrentBatches) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      this.inFlight += 1;
      // A batch belongs to no one request: started outside the context of whichever request
      // triggered it, so nothing in it (an event written without a request id) takes that id.
      void withRequestId(undefined, () => this.commit(batch)).finally(() => {
        this.inFlight -= 1;
        this.startBatches();
      });
    }
  }

  private async commit(batch: Waiting[]): Promise<void> {
    try {
      await this.execute(batch.map((waiting) => waiting.row));
      for (const waiting of batch) waiting.resolve();
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
      await Promise.all(
        batch.map((waiting) =>
          this.execute([waiting.row]).then(
            () => waiting.resolve(),
            (own: unknown) => waiting.reject(own),
          ),
        ),
      );
    }
  }

  /** In the caller's transaction, or on its own (a single statement commits atomically). */
  private async execute(rows: NewReportRow[], inCallersTransaction = false): Promise<void> {
    const { sql, parameters } = newReportsStatement(this.schema, rows);
    const manager = inCallersTransaction ? this.transactions.manager : this.transactions.dataSource.manager;
    await manager.query(sql, parameters);
  }
}
