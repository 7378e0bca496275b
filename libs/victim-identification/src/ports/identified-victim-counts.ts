export type CountGranularity = 'day' | 'month';

/** How many victims were identified per UTC day (`2026-11-23`) or month (`2026-11`), by identification date. */
export interface IdentifiedVictimCounts {
  countPerPeriod(from: Date, to: Date, granularity: CountGranularity): Promise<Map<string, number>>;
}

export const IDENTIFIED_VICTIM_COUNTS = Symbol('IdentifiedVictimCounts');
