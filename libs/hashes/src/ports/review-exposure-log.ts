import type { ExposureCounts } from '../domain/review/exposure';

export interface RevealRecord {
  reviewer: string;
  itemId: string;
  mediaId: string;
  colour: boolean;
  at: string;
}

/** Every unblurred view of review media, per reviewer, for wellness figures. */
export interface ReviewExposureLog {
  recordReveal(record: RevealRecord): Promise<void>;
  /** Counts for one reviewer, or for every reviewer who revealed or decided anything. */
  counts(windows: { dayStart: Date; weekStart: Date }, reviewer?: string): Promise<ExposureCounts[]>;
}

export const REVIEW_EXPOSURE_LOG = Symbol('ReviewExposureLog');
