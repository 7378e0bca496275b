import { KnownMediaLookup } from '@vigil/hashes';
import type { KnownHashChecker, KnownHashHit, ObservedHashes } from '@vigil/takedown';

/**
 * The takedown context's question "is this file known material?", answered by the hash banks'
 * own lookup and decision rules (negative banks suppress, exact beats PDQ, bank thresholds).
 */
export class BankKnownHashChecker implements KnownHashChecker {
  constructor(private readonly lookupMedia: KnownMediaLookup) {}

  async lookup(hashes: ObservedHashes): Promise<KnownHashHit | undefined> {
    const digests = [
      ...(hashes.sha256 ? [{ type: 'sha256' as const, value: hashes.sha256.toLowerCase() }] : []),
      ...(hashes.md5 ? [{ type: 'md5' as const, value: hashes.md5.toLowerCase() }] : []),
    ];
    const pdq = hashes.pdq ? { value: hashes.pdq.toLowerCase(), quality: hashes.pdqQuality } : undefined;
    const { decision } = await this.lookupMedia.lookup({ digests, pdq });
    if (!decision.matched || !decision.best) return undefined;
    const { bank, entry, reason } = decision.best;
    return { bankId: bank.id, bankName: bank.name, entryId: entry.id, classification: entry.classification, reason };
  }
}
