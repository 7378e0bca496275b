import type { EventEnvelope } from '@vigil/contracts';
import type { HashBankProps, HashEntryProps, HashType } from '../domain/banks/hash-bank';
import type { CandidateMatch } from '../domain/banks/match-decision';

export interface HashBankRepository {
  createBank(bank: HashBankProps): Promise<void>;
  listBanks(): Promise<Array<HashBankProps & { entryCount: number }>>;
  findBank(id: string): Promise<HashBankProps | undefined>;
  addEntry(entry: HashEntryProps): Promise<void>;
  /** Enabled and disabled entries whose digest equals one of these values. */
  findExact(digests: Array<{ type: HashType; value: string }>): Promise<CandidateMatch[]>;
  /** Entries (with their banks) by id, for candidates found in the PDQ index. */
  findEntries(ids: string[]): Promise<Array<Omit<CandidateMatch, 'distance'>>>;
  /** Every enabled PDQ entry, to build the index. */
  listPdqEntries(): Promise<Array<{ id: string; value: string }>>;
  /** Records the outcome events of a matching run, in one transaction (outbox). */
  publish(events: readonly EventEnvelope[]): Promise<void>;
}

export const HASH_BANK_REPOSITORY = Symbol('HashBankRepository');
