/** Figures for the program's reporting, over reports received in [from, to). */
export interface ReportFiguresResult {
  from: string;
  to: string;
  total: number;
  /** One row per day (UTC), incident type and source. */
  perDay: { day: string; incidentType: string; source: string; count: number }[];
  /** Received → first analyst action, over the reports triaged so far. */
  timeToFirstTriage: { triaged: number; medianMinutes: number | null; p90Minutes: number | null };
  escalated: { count: number; share: number };
}

export interface ReportFigures {
  figures(from: Date, to: Date): Promise<ReportFiguresResult>;
}

export const REPORT_FIGURES = Symbol('ReportFigures');
