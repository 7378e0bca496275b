import type { ServiceGauge, ServiceInfrastructure } from '@vigil/platform';

/** The analysts' queue on /metrics: open reports nobody holds a live claim on, by priority. */
export function tiplineGauges(infra: ServiceInfrastructure): ServiceGauge[] {
  const s = infra.schema;
  return [
    {
      name: 'vigil_triage_backlog_reports',
      help: 'Open (submitted, not escalated or closed) reports with no live analyst claim, by priority',
      labelNames: ['priority'],
      read: async () => {
        const rows: Array<{ priority: string; n: number }> = await infra.dataSource.query(
          `SELECT r.priority, count(*)::int AS n
             FROM "${s}".reports r LEFT JOIN "${s}".report_triage t ON t.report_id = r.id
            WHERE r.status = 'submitted' AND (t.claimed_by IS NULL OR t.claim_expires_at IS NULL OR t.claim_expires_at <= now())
            GROUP BY r.priority`,
        );
        return rows.map((row) => ({ labels: { priority: row.priority }, value: row.n }));
      },
    },
  ];
}
