import type { ServiceGauge, ServiceInfrastructure } from '@vigil/platform';

/** Disseminated referrals the police service of jurisdiction has not acknowledged yet, on /metrics. */
export function referralHubGauges(infra: ServiceInfrastructure): ServiceGauge[] {
  const s = infra.schema;
  // Both read the partial index on unacknowledged disseminations.
  const unacknowledged = async () => {
    const rows: Array<{ n: number; oldest: number | null }> = await infra.dataSource.query(
      `SELECT count(*)::int AS n, extract(epoch FROM now() - min(disseminated_at))::float8 AS oldest
         FROM "${s}".disseminations WHERE acknowledged_at IS NULL`,
    );
    return { count: rows[0]?.n ?? 0, oldestAgeSeconds: Math.max(0, rows[0]?.oldest ?? 0) };
  };
  return [
    {
      name: 'vigil_referrals_unacknowledged',
      help: 'Disseminated referrals not yet acknowledged by the receiving police service',
      read: async () => [{ value: (await unacknowledged()).count }],
    },
    {
      name: 'vigil_referrals_oldest_unacknowledged_age_seconds',
      help: 'Age of the oldest unacknowledged dissemination (0 when none)',
      read: async () => [{ value: (await unacknowledged()).oldestAgeSeconds }],
    },
  ];
}
