import type { HashBankProps, HashEntryProps, HashType } from '../../domain/banks/hash-bank';
import type { CandidateMatch } from '../../domain/banks/match-decision';
import { BruteForcePdqIndex } from '../../domain/match-index';
import type { PdqCandidateFinder } from '../../ports/pdq-candidate-finder';
import type { BankEntryFinder } from './known-media-lookup';

/** Banks and entries in memory, answering as the Postgres repository does. */
export class InMemoryBankEntries implements BankEntryFinder, PdqCandidateFinder {
  readonly banks = new Map<string, HashBankProps>();
  readonly entries = new Map<string, HashEntryProps>();
  private readonly index = new BruteForcePdqIndex();
  queries = 0;

  bank(id: string, kind: HashBankProps['kind'], pdqThreshold = 31): HashBankProps {
    const bank: HashBankProps = { id, name: `${id} bank`, kind, source: 'synthetic', terms: 'test only', owner: 'tests', pdqThreshold, createdAt: '2026-01-01T00:00:00Z' };
    this.banks.set(id, bank);
    return bank;
  }

  entry(id: string, bankId: string, hashType: HashType, value: string, extra: Partial<HashEntryProps> = {}): void {
    this.entries.set(id, { id, bankId, hashType, value, classification: 'csam-a1', victimIdentified: false, addedBy: 'test', addedAt: '2026-01-01T00:00:00Z', ...extra });
    if (hashType === 'pdq' && !extra.disabledAt) this.index.add(id, value);
  }

  async findExact(digests: Array<{ type: HashType; value: string }>): Promise<CandidateMatch[]> {
    if (digests.length > 0) this.queries++;
    return [...this.entries.values()]
      .filter((entry) => digests.some((digest) => digest.type === entry.hashType && digest.value === entry.value))
      .map((entry) => ({ entry, bank: this.banks.get(entry.bankId) as HashBankProps, distance: 0 }));
  }

  async findEntries(ids: string[]): Promise<Array<Omit<CandidateMatch, 'distance'>>> {
    if (ids.length > 0) this.queries++;
    return ids.flatMap((id) => {
      const entry = this.entries.get(id);
      return entry ? [{ entry, bank: this.banks.get(entry.bankId) as HashBankProps }] : [];
    });
  }

  async findNear(pdqHex: string, maxDistance: number): Promise<Array<{ entryId: string; distance: number }>> {
    return this.index.query(pdqHex, maxDistance).map((match) => ({ entryId: String(match.id), distance: match.distance }));
  }
}

/** A PDQ hash at exactly `bits` Hamming distance from `hex` (flips its lowest bits). */
export function flipBits(hex: string, bits: number): string {
  const bytes = Buffer.from(hex, 'hex');
  for (let bit = 0; bit < bits; bit++) bytes[31 - (bit >> 3)] ^= 1 << (bit & 7);
  return bytes.toString('hex');
}
