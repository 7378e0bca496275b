/**
 * How much harmful material a reviewer has been shown unblurred. Wellness: every exposure is
 * counted so supervisors can spread the load and reviewers can see their own day.
 */
export interface ExposureCounts {
  reviewer: string;
  revealsToday: number;
  revealsThisWeek: number;
  revealsTotal: number;
  itemsDecided: number;
}

/** The start of today and of this week (Monday), in UTC, for counting exposures. */
export function exposureWindows(now: Date): { dayStart: Date; weekStart: Date } {
  const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const daysSinceMonday = (dayStart.getUTCDay() + 6) % 7;
  return { dayStart, weekStart: new Date(dayStart.getTime() - daysSinceMonday * 86_400_000) };
}
