import type { STANDARD_CLASSIFICATIONS } from '../banks/hash-bank';

/**
 * The bank classifications a reviewer grades with: the A1/A2/B1/B2 scale and harmful-abusive
 * material. Ungraded `csam` is for imported lists whose source gave no grade; a reviewer who
 * sees the item grades it. (`satisfies` keeps these in step with the banks' own values.)
 */
export const GRADED_CLASSIFICATIONS = ['csam-a1', 'csam-a2', 'csam-b1', 'csam-b2', 'harmful-abusive-material'] as const satisfies ReadonlyArray<
  (typeof STANDARD_CLASSIFICATIONS)[number]
>;

/** What a reviewer may decide: a graded bank classification, or not CSAM. */
export const NOT_CSAM = 'not-csam';
export const REVIEW_CLASSIFICATIONS = [...GRADED_CLASSIFICATIONS, NOT_CSAM] as const;
export type ReviewClassification = (typeof REVIEW_CLASSIFICATIONS)[number];

export function isReviewClassification(value: unknown): value is ReviewClassification {
  return typeof value === 'string' && (REVIEW_CLASSIFICATIONS as readonly string[]).includes(value);
}

/** A positive outcome puts the media's hashes in a bank; not-csam puts nothing anywhere. */
export function isPositive(classification: ReviewClassification): boolean {
  return classification !== NOT_CSAM;
}

/** The tipline's urgency scale (most urgent first); the queue serves by it, then oldest first. */
export const REVIEW_URGENCIES = ['critical', 'high', 'normal', 'low'] as const;
export type ReviewUrgency = (typeof REVIEW_URGENCIES)[number];

export function urgencyRank(urgency: ReviewUrgency): number {
  return REVIEW_URGENCIES.indexOf(urgency);
}

/** Events published before reports carried a priority, or with a level we do not know, wait as `normal`. */
export function toUrgency(value: string | undefined): ReviewUrgency {
  return (REVIEW_URGENCIES as readonly string[]).includes(value ?? '') ? (value as ReviewUrgency) : 'normal';
}
