import { VpdqFeature } from '../../domain/vpdq/vpdq-feature';
import { matchVpdq, VpdqMatchOptions, VpdqMatchResult } from '../../domain/vpdq/vpdq-match';

/** A known video to compare with: its id (e.g. a bank entry's) and its vPDQ features. */
export interface VideoCandidate<Id = string> {
  readonly id: Id;
  readonly frames: readonly VpdqFeature[];
}

export interface VideoCandidateMatch<Id = string> {
  readonly id: Id;
  readonly result: VpdqMatchResult;
}

/**
 * Compares a video's features (the query) with each candidate by vPDQ (brute force, as vpdq's
 * reference matcher: cost grows with query frames × candidate frames) and returns the candidates
 * that match, best first: highest query match %, then highest compared match %.
 */
export function matchVideo<Id>(
  query: readonly VpdqFeature[],
  candidates: Iterable<VideoCandidate<Id>>,
  options: VpdqMatchOptions = {},
): Array<VideoCandidateMatch<Id>> {
  const matches: Array<VideoCandidateMatch<Id>> = [];
  for (const candidate of candidates) {
    const result = matchVpdq(query, candidate.frames, options);
    if (result.isMatch) matches.push({ id: candidate.id, result });
  }
  return matches.sort(
    (a, b) => b.result.queryMatchPercent - a.result.queryMatchPercent || b.result.comparedMatchPercent - a.result.comparedMatchPercent,
  );
}
