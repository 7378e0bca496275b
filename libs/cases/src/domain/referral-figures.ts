import { median, percentile, ValidationError } from '@vigil/kernel';
import { PACKAGE_KINDS, type PackageKind } from './investigation-package';
import { REFERRAL_SOURCES, type ReferralSource } from './referral';

/**
 * The hub's program figures: referrals in by source, packages and leads sent, referrals judged
 * not actionable, time from intake to first dissemination, victims identified. Counted per UTC
 * day for short ranges (a month at most) and per calendar month otherwise, so a yearly report
 * gets twelve bars and a weekly look gets seven.
 */
export type FigureGranularity = 'day' | 'month';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Ranges up to this many days are counted per day. */
export const DAILY_UP_TO_DAYS = 62;
/** One year and a day: a fiscal year fits whatever its start. */
export const MAX_FIGURES_RANGE_DAYS = 366;

export function figureGranularity(from: Date, to: Date): FigureGranularity {
  return to.getTime() - from.getTime() <= DAILY_UP_TO_DAYS * DAY_MS ? 'day' : 'month';
}

/** Refuses an empty, reversed or over-long range, naming the field to change. */
export function checkFiguresRange(from: Date, to: Date): void {
  if (Number.isNaN(from.getTime())) throw new ValidationError('from: not a date', 'from');
  if (Number.isNaN(to.getTime())) throw new ValidationError('to: not a date', 'to');
  if (from.getTime() >= to.getTime()) throw new ValidationError('from: must be before to', 'from');
  if (to.getTime() - from.getTime() > MAX_FIGURES_RANGE_DAYS * DAY_MS) throw new ValidationError(`to: at most ${MAX_FIGURES_RANGE_DAYS} days after from`, 'to');
}

/** The period a UTC instant falls in: `2026-11-23` per day, `2026-11` per month. */
export function periodOf(instant: Date, granularity: FigureGranularity): string {
  const iso = instant.toISOString();
  return granularity === 'day' ? iso.slice(0, 10) : iso.slice(0, 7);
}

/** Every period that [from, to) touches, in order, so empty days and months show as zero. */
export function figurePeriods(from: Date, to: Date, granularity: FigureGranularity): string[] {
  const periods: string[] = [];
  const cursor = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), granularity === 'day' ? from.getUTCDate() : 1));
  while (cursor.getTime() < to.getTime()) {
    periods.push(periodOf(cursor, granularity));
    if (granularity === 'day') cursor.setUTCDate(cursor.getUTCDate() + 1);
    else cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return periods;
}

/** A count about people as it may be published: a number, or a suppression mark ("<5", "x"). */
export type PublishedFigure = number | string;

/** What the adapters count, per period key. */
export interface ReferralFigureCounts {
  received: Array<{ period: string; source: string; count: number }>;
  sent: Array<{ period: string; kind: string; count: number }>;
  /** Triage decisions by the day or month they were made. */
  decisions: Array<{ period: string; actionable: boolean; count: number }>;
  /** Hours from a referral's receipt to its case's first dissemination after it, one per referral disseminated. */
  hoursToFirstDissemination: number[];
}

export interface IdentifiedVictimSeries {
  /** Published counts keyed by period; a period missing is a published zero. */
  perPeriod: Record<string, PublishedFigure>;
  total: PublishedFigure;
  /** How small counts were suppressed, to print beside them. */
  suppressionNote: string;
}

export interface ReferralFiguresPeriod {
  period: string;
  received: Record<ReferralSource, number>;
  receivedTotal: number;
  packagesSent: number;
  leadsSent: number;
  notActionable: number;
  victimsIdentified: PublishedFigure;
}

export interface ReferralFigures {
  from: string;
  to: string;
  granularity: FigureGranularity;
  periods: ReferralFiguresPeriod[];
  totals: {
    received: Record<ReferralSource, number>;
    receivedTotal: number;
    packagesSent: number;
    leadsSent: number;
    /** Triage decisions made in the range, and how many of them found the referral not actionable. */
    triageDecisions: number;
    notActionable: number;
    victimsIdentified: PublishedFigure;
  };
  /** Over the referrals received in the range that have been disseminated so far. */
  intakeToDissemination: { disseminated: number; medianHours: number | null; p90Hours: number | null };
  victimsSuppression: string;
}

function bySource(): Record<ReferralSource, number> {
  return Object.fromEntries(REFERRAL_SOURCES.map((source) => [source, 0])) as Record<ReferralSource, number>;
}

function isSource(value: string): value is ReferralSource {
  return (REFERRAL_SOURCES as readonly string[]).includes(value);
}

function isKind(value: string): value is PackageKind {
  return (PACKAGE_KINDS as readonly string[]).includes(value);
}

function hours(value: number | undefined): number | null {
  return value === undefined ? null : Math.round(value * 10) / 10;
}

/** Lays the counts out over every period of the range, with totals and the intake-to-dissemination percentiles. */
export function assembleReferralFigures(
  range: { from: Date; to: Date; granularity: FigureGranularity },
  counts: ReferralFigureCounts,
  victims: IdentifiedVictimSeries,
): ReferralFigures {
  const periods = new Map<string, ReferralFiguresPeriod>(
    figurePeriods(range.from, range.to, range.granularity).map((period) => [
      period,
      { period, received: bySource(), receivedTotal: 0, packagesSent: 0, leadsSent: 0, notActionable: 0, victimsIdentified: victims.perPeriod[period] ?? 0 },
    ]),
  );
  const totals = { received: bySource(), receivedTotal: 0, packagesSent: 0, leadsSent: 0, triageDecisions: 0, notActionable: 0, victimsIdentified: victims.total };
  for (const row of counts.received) {
    const period = periods.get(row.period);
    // A source the hub does not know yet still counts in the totals rather than vanishing.
    if (period && isSource(row.source)) period.received[row.source] += row.count;
    if (period) period.receivedTotal += row.count;
    if (isSource(row.source)) totals.received[row.source] += row.count;
    totals.receivedTotal += row.count;
  }
  for (const row of counts.sent) {
    if (!isKind(row.kind)) continue;
    const field = row.kind === 'package' ? 'packagesSent' : 'leadsSent';
    const period = periods.get(row.period);
    if (period) period[field] += row.count;
    totals[field] += row.count;
  }
  for (const row of counts.decisions) {
    totals.triageDecisions += row.count;
    if (row.actionable) continue;
    const period = periods.get(row.period);
    if (period) period.notActionable += row.count;
    totals.notActionable += row.count;
  }
  const durations = counts.hoursToFirstDissemination.filter((value) => Number.isFinite(value) && value >= 0);
  return {
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    granularity: range.granularity,
    periods: [...periods.values()],
    totals,
    intakeToDissemination: { disseminated: durations.length, medianHours: hours(median(durations)), p90Hours: hours(percentile(durations, 90)) },
    victimsSuppression: victims.suppressionNote,
  };
}
