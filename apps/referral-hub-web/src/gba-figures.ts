import type { PublishedCount, VictimFigures } from './api';

/**
 * The GBA Plus cross-table (age band × gender) from the figures' flat cell list, keeping the
 * published values as they are: "<5" and "x" are suppression, never to be shown as a number.
 */
export function figureTable(figures: VictimFigures, ageBands: readonly string[], genders: readonly string[]): Array<{ ageBand: string; counts: PublishedCount[] }> {
  const cell = (ageBand: string, gender: string) => figures.byAgeBandAndGender.find((one) => one.ageBand === ageBand && one.gender === gender)?.count ?? 0;
  return ageBands.map((ageBand) => ({ ageBand, counts: genders.map((gender) => cell(ageBand, gender)) }));
}

/** Chart values: a suppressed cell draws no bar (null) rather than a guessed one. */
export function chartValue(count: PublishedCount): number | null {
  return typeof count === 'number' ? count : null;
}

/** What the chart writes beside a suppressed cell: the published text, not a dash for "no data". */
export function chartLabels(genders: readonly string[], counts: readonly PublishedCount[]): Record<string, string> {
  return Object.fromEntries(genders.flatMap((gender, index) => (typeof counts[index] === 'number' ? [] : [[gender, String(counts[index])]])));
}

/** Whether any cell is published as a number: when none is, a chart would be all suppression labels and no bar. */
export function hasPublishedCount(table: ReadonlyArray<{ counts: readonly PublishedCount[] }>): boolean {
  return table.some((row) => row.counts.some((count) => typeof count === 'number'));
}
