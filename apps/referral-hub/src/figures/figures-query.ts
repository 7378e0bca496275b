import { ValidationError } from '@vigil/kernel';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(T.+)?$/;

/**
 * A `from`/`to` query value: an ISO 8601 date (UTC midnight) or date-time. A calendar day that
 * does not exist (2026-02-30) is refused rather than rolled over into the next month.
 */
export function parseFiguresDate(value: string, field: string): Date {
  const match = ISO_DATE.exec(value);
  const date = match ? new Date(value) : new Date(Number.NaN);
  const day = match && new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  const realDay = day !== null && day.getUTCMonth() === Number(match?.[2]) - 1 && day.getUTCDate() === Number(match?.[3]);
  if (Number.isNaN(date.getTime()) || !realDay) throw new ValidationError(`${field}: an ISO 8601 date or date-time, e.g. 2026-11-01`, field);
  return date;
}

/** Without `from`, the figures start on the first of the month eleven months back: twelve monthly bars. */
export function defaultFiguresFrom(to: Date): Date {
  return new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - 11, 1));
}
