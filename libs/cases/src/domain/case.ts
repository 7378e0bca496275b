import { ValidationError } from '@vigil/kernel';

export type CaseStatus = 'open' | 'triaged' | 'disseminated' | 'closed';
export type ReportOrigin = 'tipline' | 'ncmec' | 'industry' | 'police';

/** One report inside a case, kept with where it came from. */
export interface CaseReport {
  sourceReportId: string;
  origin: ReportOrigin;
  reference: string;
  incidentType: string;
  summary: string;
  priority: string;
  priorityReasons: string[];
  urls: string[];
  mediaSha256: string[];
  receivedAt: string;
}

export interface CaseSnapshot {
  id: string;
  reference: string;
  status: CaseStatus;
  openedAt: string;
  reports: CaseReport[];
}

/**
 * A case gathers the reports about one suspect or incident for investigators. Opening one
 * from a report requires the report to say something actionable; bundling more reports onto
 * it (same suspect) comes with the triage work.
 */
export class Case {
  private constructor(private readonly state: CaseSnapshot) {}

  static open(input: { id: string; reference: string; openedAt: Date; report: CaseReport }): Case {
    if (!input.report.sourceReportId) throw new ValidationError('sourceReportId: a case is opened from a report', 'sourceReportId');
    return new Case({ id: input.id, reference: input.reference, status: 'open', openedAt: input.openedAt.toISOString(), reports: [{ ...input.report }] });
  }

  static restore(snapshot: CaseSnapshot): Case {
    return new Case(structuredClone(snapshot));
  }

  snapshot(): CaseSnapshot {
    return structuredClone(this.state);
  }
}

/** Case references read like NCECC file numbers: year and a sequence, e.g. VGL-C-2026-000042. */
export function caseReference(year: number, sequence: number): string {
  return `VGL-C-${year}-${String(sequence).padStart(6, '0')}`;
}
