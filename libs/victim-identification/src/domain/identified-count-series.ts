import { COMPLEMENTARY, publish, SUPPRESSED, SUPPRESSION_THRESHOLD, type PublishedCount } from './victim-figures';

export interface PublishedCountSeries {
  perPeriod: Record<string, PublishedCount>;
  total: PublishedCount;
  suppressionNote: string;
}

/**
 * Identifications per day or month, for the hub's figures, under the same small-cell rule as the
 * yearly GBA Plus table: a count below 5 (zero included) shows as "<5", and when a single
 * hidden period could be worked out from the total, the smallest shown period is hidden too.
 */
export function publishCountSeries(periods: readonly string[], counts: ReadonlyMap<string, number>): PublishedCountSeries {
  const raw = periods.map((period) => ({ period, n: counts.get(period) ?? 0 }));
  const total = publish(raw.reduce((sum, cell) => sum + cell.n, 0));
  const published: Array<{ period: string; n: number; count: PublishedCount }> = raw.map((cell) => ({ ...cell, count: publish(cell.n) }));
  const hidden = published.filter((cell) => cell.count === SUPPRESSED).length;
  if (hidden === 1 && total !== SUPPRESSED) {
    const smallest = published.filter((cell) => typeof cell.count === 'number').sort((a, b) => a.n - b.n)[0];
    if (smallest) smallest.count = COMPLEMENTARY;
  }
  return {
    perPeriod: Object.fromEntries(published.map((cell) => [cell.period, cell.count])),
    total,
    suppressionNote: `counts below ${SUPPRESSION_THRESHOLD} are shown as "${SUPPRESSED}"; "${COMPLEMENTARY}" hides a count from which a "${SUPPRESSED}" could be worked out`,
  };
}
