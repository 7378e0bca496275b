import type { IdentifierKind, ReportIdentifier } from '../domain/report-identifier';
import type { ReportSnapshot } from '../domain/report';

export interface RelatedReport {
  reportId: string;
  reference: string;
  incidentType: ReportSnapshot['incidentType'];
  source: ReportSnapshot['source'];
  status: ReportSnapshot['status'];
  priority: ReportSnapshot['priority'];
  receivedAt: string;
  /** Every identifier the two reports share. */
  shared: { kind: IdentifierKind; value: string }[];
}

/** The identifiers each report names, and the reports that share them. */
export interface ReportLinks {
  /** Adds identifiers in the caller's transaction; repeats are ignored. */
  add(reportId: string, identifiers: readonly ReportIdentifier[]): Promise<void>;
  identifiersOf(reportId: string): Promise<ReportIdentifier[]>;
  /** Reports sharing at least one identifier with this one, most shared first. */
  related(reportId: string, limit: number): Promise<RelatedReport[]>;
}

export const REPORT_LINKS = Symbol('ReportLinks');
