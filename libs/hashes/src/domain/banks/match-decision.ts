import type { HashBankProps, HashEntryProps, HashType } from './hash-bank';

export interface CandidateMatch {
  bank: HashBankProps;
  entry: HashEntryProps;
  /** 0 for exact digests; Hamming distance for PDQ. */
  distance: number;
}

export interface MatchDecision {
  matched: boolean;
  best?: CandidateMatch & { kind: 'exact' | 'near'; reason: string };
  suppressedBy?: CandidateMatch;
}

const EXACT_TYPES: HashType[] = ['sha256', 'sha1', 'md5'];

/**
 * Chooses what to report for one media item. A hit in a negative bank (a known false
 * positive) suppresses every positive hit; otherwise an exact digest beats a perceptual one,
 * and among those the smallest distance wins. The reason says which rule decided, so a
 * person can check it.
 */
export function decideMatch(candidates: CandidateMatch[]): MatchDecision {
  // A candidate counts only within its own bank's threshold, negative banks included: a
  // false-positive entry must not suppress media it is not actually close to.
  const live = candidates.filter((candidate) => !candidate.entry.disabledAt && withinThreshold(candidate));
  const suppressor = live.find((candidate) => candidate.bank.kind === 'negative');
  if (suppressor) return { matched: false, suppressedBy: suppressor };
  const positive = live
    .filter((candidate) => candidate.bank.kind === 'positive')
    .sort((a, b) => rank(a) - rank(b) || a.distance - b.distance);
  const best = positive[0];
  if (!best) return { matched: false };
  const exact = EXACT_TYPES.includes(best.entry.hashType);
  const reason = exact
    ? `${best.entry.hashType} equal to entry ${best.entry.id} of bank "${best.bank.name}"`
    : `PDQ within ${best.distance} bits (threshold ${best.bank.pdqThreshold}) of entry ${best.entry.id} of bank "${best.bank.name}"`;
  return { matched: true, best: { ...best, kind: exact ? 'exact' : 'near', reason } };
}

function withinThreshold(candidate: CandidateMatch): boolean {
  return candidate.entry.hashType !== 'pdq' || candidate.distance <= candidate.bank.pdqThreshold;
}

function rank(candidate: CandidateMatch): number {
  return candidate.entry.hashType === 'pdq' ? 1 : 0;
}
