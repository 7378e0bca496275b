import type { EventEnvelope } from '@vigil/contracts';
import type { ReporterContact } from '../domain/public-report-details';
import type { ReportSnapshot } from '../domain/report';

/** A report just received, as intake makes it durable: with its events and, for a public report, the way back to its reporter. */
export interface NewReport {
  /** The report as submitted (version 0); the writer must not change it. */
  report: ReportSnapshot;
  events: readonly EventEnvelope[];
  reporterChannel?: { secretHash: string; contact?: ReporterContact };
}

/**
 * Commits a new report, its events (outbox) and its reporter channel as one unit: when `write`
 * resolves, all of it is durable; when it rejects, none of it is. Inside a caller's transaction
 * it is part of that transaction. Outside one, an adapter may commit several callers' reports
 * in one statement (group commit); each caller still gets its own answer and its own error.
 */
export interface NewReportWriter {
  write(unit: NewReport): Promise<void>;
}
