import type { ServiceGauge, ServiceInfrastructure } from '@vigil/platform';

/** The size of what reported media are matched against, on /metrics. */
export function hashDetectionGauges(infra: ServiceInfrastructure): ServiceGauge[] {
  const s = infra.schema;
  return [
    {
      name: 'vigil_match_index_entries',
      help: 'Active (not disabled) hash bank entries matched against, by hash type and bank kind (positive, or negative = known-benign)',
      labelNames: ['hash_type', 'bank_kind'],
      read: async () => {
        const rows: Array<{ hash_type: string; kind: string; n: number }> = await infra.dataSource.query(
          `SELECT e.hash_type, b.kind, count(*)::int AS n
             FROM "${s}".hash_entries e JOIN "${s}".hash_banks b ON b.id = e.bank_id
            WHERE e.disabled_at IS NULL
            GROUP BY e.hash_type, b.kind`,
        );
        return rows.map((row) => ({ labels: { hash_type: row.hash_type, bank_kind: row.kind }, value: row.n }));
      },
    },
  ];
}
