import type { FigureGranularity, IdentifiedVictimSeries, ReferralFigureCounts } from '../domain/referral-figures';

/** Counts over the hub's referrals, triage decisions and disseminations in [from, to), bucketed by UTC period. */
export interface ReferralFigureSource {
  counts(from: Date, to: Date, granularity: FigureGranularity): Promise<ReferralFigureCounts>;
}

/**
 * Victims identified per period, as the victim-identification context publishes them (small
 * counts suppressed by its own rule): the hub's figures never see the raw numbers.
 */
export interface IdentifiedVictimFigures {
  identifiedPerPeriod(from: Date, to: Date, granularity: FigureGranularity, periods: readonly string[]): Promise<IdentifiedVictimSeries>;
}

export const REFERRAL_FIGURE_SOURCE = Symbol('ReferralFigureSource');
export const IDENTIFIED_VICTIM_FIGURES = Symbol('IdentifiedVictimFigures');
