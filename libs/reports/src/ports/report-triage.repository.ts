import type { EventEnvelope } from '@vigil/contracts';
import type { ReportTriage } from '../domain/report-triage';

/** The analysts' work on reports, saved with its outgoing events in one transaction (outbox). */
export interface ReportTriageRepository {
  /** The triage of a report; a report nobody has touched yet has a fresh one. */
  load(reportId: string): Promise<ReportTriage>;
  /** Optimistic lock on the version: a stale save is a ConflictError. */
  save(triage: ReportTriage, outgoing: readonly EventEnvelope[]): Promise<void>;
}

export const REPORT_TRIAGE_REPOSITORY = Symbol('ReportTriageRepository');
