import type { TransactionRunner } from '@vigil/persistence';
import type { CountGranularity, IdentifiedVictimCounts } from '../../ports/identified-victim-counts';

const PERIOD_FORMAT: Record<CountGranularity, string> = { day: 'YYYY-MM-DD', month: 'YYYY-MM' };

/** Counts on the clear `identified_on` column only: the sealed records are never opened for figures. */
export class TypeOrmIdentifiedVictimCounts implements IdentifiedVictimCounts {
  constructor(private readonly transactions: TransactionRunner, private readonly schema: string) {}

  async countPerPeriod(from: Date, to: Date, granularity: CountGranularity): Promise<Map<string, number>> {
    // An identification date is a whole UTC day: it is in the range when its midnight is.
    const rows: Array<{ period: string; count: number }> = await this.transactions.manager.query(
      `SELECT to_char(identified_on, '${PERIOD_FORMAT[granularity]}') AS period, count(*)::int AS count
         FROM "${this.schema}".identified_victims
        WHERE (identified_on::timestamp AT TIME ZONE 'UTC') >= $1 AND (identified_on::timestamp AT TIME ZONE 'UTC') < $2
        GROUP BY 1`,
      [from.toISOString(), to.toISOString()],
    );
    return new Map(rows.map((row) => [row.period, row.count]));
  }
}
