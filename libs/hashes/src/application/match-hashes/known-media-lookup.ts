import { MAX_PDQ_THRESHOLD, type HashType } from '../../domain/banks/hash-bank';
import { decideMatch, type CandidateMatch, type MatchDecision } from '../../domain/banks/match-decision';
import type { HashBankRepository } from '../../ports/hash-bank.repository';
import type { PdqCandidateFinder } from '../../ports/pdq-candidate-finder';

/** PDQ hashes below this quality are not matched on, as PDQ specifies. */
export const MIN_PDQ_QUALITY = 50;
/** The widest distance asked of the index (the loosest threshold a bank may have); each bank's own threshold then applies. */
export const PDQ_SEARCH_DISTANCE = MAX_PDQ_THRESHOLD;

/** The hashes known of one media item (lowercase hex). */
export interface MediaHashes {
  digests: Array<{ type: Exclude<HashType, 'pdq'>; value: string }>;
  pdq?: { value: string; quality?: number };
}

/** The part of the bank repository a lookup reads. */
export type BankEntryFinder = Pick<HashBankRepository, 'findExact' | 'findEntries'>;

export interface MediaLookup {
  decision: MatchDecision;
  /** Every candidate found (exact and PDQ), before the decision rules. */
  candidates: CandidateMatch[];
  /** The PDQ hash was not searched because its quality is below MIN_PDQ_QUALITY. */
  lowQualityPdq: boolean;
}

/**
 * Looks media up in the banks: exact digests in Postgres, PDQ in the in-memory index, then the
 * decision rules (decideMatch). Shared by report matching and the industry match API. A batch
 * costs one query for the digests of every item and one for the entries the index found.
 */
export class KnownMediaLookup {
  constructor(private readonly banks: BankEntryFinder, private readonly pdq?: PdqCandidateFinder) {}

  async lookup(media: MediaHashes): Promise<MediaLookup> {
    return (await this.lookupMany([media]))[0];
  }

  async lookupMany(items: readonly MediaHashes[]): Promise<MediaLookup[]> {
    const digestKeys = new Set<string>();
    const digests: Array<{ type: HashType; value: string }> = [];
    for (const item of items) {
      for (const digest of item.digests) {
        const key = `${digest.type}:${digest.value}`;
        if (digestKeys.has(key)) continue;
        digestKeys.add(key);
        digests.push(digest);
      }
    }
    // The index is searched first, so the two queries (digests, and the entries the index
    // found) go to Postgres together: one round trip of latency rather than two.
    const nearByItem = await Promise.all(
      items.map(async (item) => (this.pdq && item.pdq && !isLowQuality(item.pdq) ? this.pdq.findNear(item.pdq.value, PDQ_SEARCH_DISTANCE) : [])),
    );
    const nearIds = [...new Set(nearByItem.flatMap((hits) => hits.map((hit) => hit.entryId)))];
    const [exact, nearEntries] = await Promise.all([this.banks.findExact(digests), this.banks.findEntries(nearIds)]);
    const entries = new Map(nearEntries.map((candidate) => [candidate.entry.id, candidate]));
    const exactByDigest = new Map<string, CandidateMatch[]>();
    for (const candidate of exact) {
      const key = `${candidate.entry.hashType}:${candidate.entry.value}`;
      exactByDigest.set(key, [...(exactByDigest.get(key) ?? []), candidate]);
    }

    return items.map((item, index) => {
      const candidates: CandidateMatch[] = item.digests.flatMap((digest) => exactByDigest.get(`${digest.type}:${digest.value}`) ?? []);
      for (const hit of nearByItem[index]) {
        const found = entries.get(hit.entryId);
        if (found) candidates.push({ ...found, distance: hit.distance });
      }
      return { decision: decideMatch(candidates), candidates, lowQualityPdq: item.pdq !== undefined && isLowQuality(item.pdq) };
    });
  }
}

function isLowQuality(pdq: { quality?: number }): boolean {
  return pdq.quality !== undefined && pdq.quality < MIN_PDQ_QUALITY;
}
