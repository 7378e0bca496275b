import type { Clock } from '@vigil/kernel';
import { HASH_TYPES, type HashEntryProps, type HashType } from '../../domain/banks/hash-bank';
import type { BankCurationRepository } from '../../ports/hash-bank.repository';

/** Who the change log names for flags set by the referral hub's victim-identification log. */
export const VICTIM_IDENTIFICATION_ACTOR = 'referral-hub (victim identification)';

export interface VictimIdentified {
  victimPseudonym: string;
  series: string[];
  hashes: Array<{ type: string; value: string }>;
}

/**
 * A child in known material has been identified (victim.identified.v1): every bank entry of the
 * named series, and every entry with one of the given hashes, is flagged victim-identified,
 * each recorded as an `update` in its bank's change log so partners pulling the feed learn it.
 * Idempotent: an entry already flagged is left alone (no second change-log row), so a
 * redelivered event changes nothing.
 */
export class MarkVictimIdentifiedUseCase {
  constructor(private readonly banks: BankCurationRepository, private readonly clock: Clock) {}

  async execute(event: VictimIdentified): Promise<HashEntryProps[]> {
    // Hash types hash-detection does not bank cannot match anything here; leave them out.
    const hashes = event.hashes
      .filter((hash): hash is { type: HashType; value: string } => (HASH_TYPES as readonly string[]).includes(hash.type))
      .map((hash) => ({ type: hash.type, value: hash.value.toLowerCase() }));
    const series = event.series.map((name) => name.trim()).filter((name) => name.length > 0);
    const due = await this.banks.findEntriesToFlagVictimIdentified(series, hashes);
    const at = this.clock.now();
    const flagged: HashEntryProps[] = [];
    for (const { bankId, entryId } of due) {
      const result = await this.banks.changeEntry(bankId, entryId, 'update', VICTIM_IDENTIFICATION_ACTOR, at, (entry) =>
        entry.victimIdentified ? undefined : { ...entry, victimIdentified: true },
      );
      if (result?.after) flagged.push(result.after);
    }
    return flagged;
  }
}
