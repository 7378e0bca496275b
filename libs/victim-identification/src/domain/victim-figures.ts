import { AGE_BANDS, GENDERS, type AgeBand, type Gender, type IdentifiedVictim } from './identified-victim';

/**
 * Small-cell suppression. A published count of 1 to 4 identified children in, say, "girls 0-3
 * identified in Yukon this year" can point at a real child: together with news reports or
 * local knowledge, a tiny group is re-identifiable, and these are victims of sexual abuse. So
 * every cell below 5 is shown as "<5" (zero included: a visible 0 next to a "<5" narrows the
 * guess). The threshold follows the usual Statistics Canada / Treasury Board practice for
 * releasing counts about people.
 */
export const SUPPRESSION_THRESHOLD = 5;
export const SUPPRESSED = '<5';
/**
 * Complementary suppression: when exactly one cell is hidden and the total is shown, the hidden
 * value is the total minus the others. Then the smallest shown cell is hidden too, as "x" (it is
 * not below 5, so "<5" would be false).
 */
export const COMPLEMENTARY = 'x';

export type PublishedCount = number | typeof SUPPRESSED | typeof COMPLEMENTARY;

export interface FigureCell {
  ageBand: AgeBand;
  gender: Gender;
  count: PublishedCount;
}

export interface VictimFigures {
  year: number;
  total: PublishedCount;
  /** Age band × gender, every combination present (GBA Plus disaggregation). */
  byAgeBandAndGender: FigureCell[];
  suppression: { threshold: number; note: string };
}

export function publish(count: number): PublishedCount {
  return count < SUPPRESSION_THRESHOLD ? SUPPRESSED : count;
}

/** Victims identified in `year` (by identification date), disaggregated and suppressed for publication. */
export function victimFiguresForYear(victims: ReadonlyArray<Pick<IdentifiedVictim, 'ageBand' | 'gender' | 'identifiedOn'>>, year: number): VictimFigures {
  const inYear = victims.filter((victim) => Number(victim.identifiedOn.slice(0, 4)) === year);
  const raw = AGE_BANDS.flatMap((ageBand) =>
    GENDERS.map((gender) => ({ ageBand, gender, n: inYear.filter((victim) => victim.ageBand === ageBand && victim.gender === gender).length })),
  );
  const cells: FigureCell[] = raw.map(({ ageBand, gender, n }) => ({ ageBand, gender, count: publish(n) }));
  const total = publish(inYear.length);
  const hidden = cells.filter((cell) => cell.count === SUPPRESSED).length;
  if (hidden === 1 && total !== SUPPRESSED) {
    const shown = raw.map((cell, index) => ({ n: cell.n, index })).filter(({ index }) => typeof cells[index].count === 'number');
    const smallest = shown.sort((a, b) => a.n - b.n)[0];
    if (smallest) cells[smallest.index] = { ...cells[smallest.index], count: COMPLEMENTARY };
  }
  return {
    year,
    total,
    byAgeBandAndGender: cells,
    suppression: { threshold: SUPPRESSION_THRESHOLD, note: `counts below ${SUPPRESSION_THRESHOLD} are shown as "${SUPPRESSED}"; "${COMPLEMENTARY}" hides a cell from which a "${SUPPRESSED}" could be worked out` },
  };
}
