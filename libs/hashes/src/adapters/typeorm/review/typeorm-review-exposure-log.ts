import type { TransactionRunner } from '@vigil/persistence';
import type { ExposureCounts } from '../../../domain/review/exposure';
import type { RevealRecord, ReviewExposureLog } from '../../../ports/review-exposure-log';

/** Reveals are rows (who, which item, when, colour or not); counts are computed when asked. */
export class TypeOrmReviewExposureLog implements ReviewExposureLog {
  constructor(private readonly transactions: TransactionRunner, private readonly schema: string) {}

  async recordReveal(record: RevealRecord): Promise<void> {
    await this.transactions.manager.query(
      `INSERT INTO "${this.schema}".review_exposures (reviewer, item_id, media_id, colour, revealed_at) VALUES ($1, $2, $3, $4, $5)`,
      [record.reviewer, record.itemId, record.mediaId, record.colour, record.at],
    );
  }

  async counts(windows: { dayStart: Date; weekStart: Date }, reviewer?: string): Promise<ExposureCounts[]> {
    const rows: Array<{ reviewer: string; today: number; week: number; total: number; decided: number }> = await this.transactions.manager.query(
      `WITH reveals AS (
         SELECT reviewer, count(*) FILTER (WHERE revealed_at >= $1)::int AS today, count(*) FILTER (WHERE revealed_at >= $2)::int AS week, count(*)::int AS total
           FROM "${this.schema}".review_exposures WHERE ($3::text IS NULL OR reviewer = $3) GROUP BY reviewer),
       decided AS (
         SELECT reviewer, count(*)::int AS decided FROM "${this.schema}".review_decisions WHERE ($3::text IS NULL OR reviewer = $3) GROUP BY reviewer)
       SELECT coalesce(r.reviewer, d.reviewer) AS reviewer, coalesce(r.today, 0) AS today, coalesce(r.week, 0) AS week, coalesce(r.total, 0) AS total,
              coalesce(d.decided, 0) AS decided
         FROM reveals r FULL JOIN decided d ON d.reviewer = r.reviewer
        ORDER BY 1`,
      [windows.dayStart, windows.weekStart, reviewer ?? null],
    );
    return rows.map((row) => ({ reviewer: row.reviewer, revealsToday: row.today, revealsThisWeek: row.week, revealsTotal: row.total, itemsDecided: row.decided }));
  }
}
