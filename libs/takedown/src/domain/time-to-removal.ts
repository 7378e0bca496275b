import { median, percentile } from '@vigil/kernel';

// Kept exported from here for the library's callers; the definition is the kernel's.
export { median, percentile };

export interface RemovalFigures {
  notices: number;
  removed: number;
  medianHours?: number;
  p90Hours?: number;
}

/** Figures over a set of notices: how many, how many led to removal, how fast. */
export function removalFigures(hoursToRemoval: ReadonlyArray<number | undefined>): RemovalFigures {
  const removed = hoursToRemoval.filter((hours): hours is number => hours !== undefined);
  return { notices: hoursToRemoval.length, removed: removed.length, medianHours: median(removed), p90Hours: percentile(removed, 90) };
}
