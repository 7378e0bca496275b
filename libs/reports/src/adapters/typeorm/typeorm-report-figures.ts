import type { TransactionRunner } from '@vigil/persistence';
import type { ReportFigures, ReportFiguresResult } from '../../ports/report-figures';

/** Program figures straight from the reports and triage tables (percentiles in Postgres). */
export class TypeOrmReportFigures implements ReportFigures {
  constructor(private readonly transactions: TransactionRunner, private readonly schema: string) {}

  async figures(from: Date, to: Date): Promise<ReportFiguresResult> {
    const manager = this.transactions.manager;
    const range = [from.toISOString(), to.toISOString()];
    const perDay: { day: string; incident_type: string; source: string; count: number }[] = await manager.query(
      `SELECT to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, incident_type, source, count(*)::int AS count
         FROM "${this.schema}".reports WHERE received_at >= $1 AND received_at < $2
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      range,
    );
    const [triage]: { triaged: number; median: number | null; p90: number | null }[] = await manager.query(
      `SELECT count(*)::int AS triaged,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t.first_triaged_at - r.received_at) / 60) AS median,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM t.first_triaged_at - r.received_at) / 60) AS p90
         FROM "${this.schema}".reports r JOIN "${this.schema}".report_triage t ON t.report_id = r.id
        WHERE t.first_triaged_at IS NOT NULL AND r.received_at >= $1 AND r.received_at < $2`,
      range,
    );
    const [escalation]: { total: number; escalated: number }[] = await manager.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE escalated_at IS NOT NULL)::int AS escalated
         FROM "${this.schema}".reports WHERE received_at >= $1 AND received_at < $2`,
      range,
    );
    return {
      from: range[0],
      to: range[1],
      total: escalation.total,
      perDay: perDay.map((row) => ({ day: row.day, incidentType: row.incident_type, source: row.source, count: row.count })),
      timeToFirstTriage: { triaged: triage.triaged, medianMinutes: roundOrNull(triage.median), p90Minutes: roundOrNull(triage.p90) },
      escalated: { count: escalation.escalated, share: escalation.total === 0 ? 0 : Math.round((escalation.escalated / escalation.total) * 1000) / 1000 },
    };
  }
}

function roundOrNull(minutes: number | null): number | null {
  return minutes === null ? null : Math.round(Number(minutes) * 10) / 10;
}
