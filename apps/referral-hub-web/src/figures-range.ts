/**
 * The figures page's date range. People pick a first and a last day (both included); the API
 * takes [from, to) with `to` exclusive, so the last day is sent as the day after it.
 */
export interface FiguresRange {
  first: string;
  last: string;
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Twelve monthly bars: from the first of the month eleven months back to today. */
export function defaultRange(today: Date): FiguresRange {
  return { first: isoDay(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 11, 1))), last: isoDay(today) };
}

export function apiRange(range: FiguresRange): { from: string; to: string } {
  const last = new Date(`${range.last}T00:00:00Z`);
  last.setUTCDate(last.getUTCDate() + 1);
  return { from: range.first, to: isoDay(last) };
}

/** `2026-11` → "Nov 2026" / "nov. 2026"; `2026-11-23` → "Nov 23, 2026" / "23 nov. 2026" (UTC, as the API counts). */
export function periodLabel(period: string, locale: string): string {
  const [year, month, day] = period.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day ?? 1));
  const options: Intl.DateTimeFormatOptions = day === undefined ? { year: 'numeric', month: 'short', timeZone: 'UTC' } : { dateStyle: 'medium', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale, options).format(date);
}

/** A suppressed count ("<5", "x") draws no bar: its text is shown instead of a guessed value. */
export function publishedValue(count: number | string): { value: number | null; label?: string } {
  return typeof count === 'number' ? { value: count } : { value: null, label: count };
}
