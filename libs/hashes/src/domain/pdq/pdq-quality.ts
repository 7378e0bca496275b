/**
 * PDQ quality is 0..100 and measures how much gradient the 64×64 downsample has. Meta's guidance
 * is that hashes below 50 come from flat or featureless images and match far too many unrelated
 * images, so they must not be used for matching (they may still be stored for the record).
 */
export const PDQ_MIN_MATCHABLE_QUALITY = 50;

export function isMatchableQuality(quality: number): boolean {
  return Number.isFinite(quality) && quality >= PDQ_MIN_MATCHABLE_QUALITY;
}
