import type { EventEnvelope } from '@vigil/contracts';
import type { EntryChangeOp, EntryChangePage } from '../domain/banks/entry-change';
import type { EntrySearch, EntrySearchPage } from '../domain/banks/entry-search';
import type { HashBankProps, HashEntryProps, HashType } from '../domain/banks/hash-bank';
import type { CandidateMatch } from '../domain/banks/match-decision';

export interface HashBankRepository {
  createBank(bank: HashBankProps): Promise<void>;
  listBanks(): Promise<Array<HashBankProps & { entryCount: number }>>;
  findBank(id: string): Promise<HashBankProps | undefined>;
  /** Adds one entry; its `add` is recorded in the bank's change log in the same transaction. */
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

/** How many entries a bank holds, by status, hash type and classification. */
export interface BankEntryCounts {
  total: number;
  active: number;
  disabled: number;
  byHashType: Record<string, number>;
  byClassification: Record<string, number>;
}

/** The result of changing one entry under its row lock: `after` is absent when nothing changed. */
export interface EntryChangeResult {
  before: HashEntryProps;
  after?: HashEntryProps;
}

/**
 * Curation beyond adding: bulk import, disable/enable, corrections, browsing, export and the
 * per-bank change log partners pull. Every write appends to the change log in its own
 * transaction, under a per-bank lock, so the log's order is its commit order (see the adapter).
 */
export interface BankCurationRepository extends HashBankRepository {
  updateBank(bank: HashBankProps): Promise<void>;
  countEntries(bankId: string): Promise<BankEntryCounts>;
  findEntry(bankId: string, entryId: string): Promise<HashEntryProps | undefined>;
  /** Adds a batch in one transaction, leaving out any hash already in the bank; returns those added. */
  addEntries(bankId: string, entries: HashEntryProps[]): Promise<HashEntryProps[]>;
  /**
   * Locks the entry, applies `change` (which may throw to refuse), saves the result and records
   * `op` by `actor` at `at`, in one transaction. Undefined when the bank has no such entry.
   */
  changeEntry(
    bankId: string,
    entryId: string,
    op: EntryChangeOp,
    actor: string,
    at: Date,
    change: (entry: HashEntryProps) => HashEntryProps | undefined,
  ): Promise<EntryChangeResult | undefined>;
  /** Disabled entries whose disable ran out at `now`, oldest expiry first. */
  listExpiredDisables(now: Date, limit: number): Promise<Array<{ bankId: string; entryId: string }>>;
  searchEntries(bankId: string, search: EntrySearch): Promise<EntrySearchPage>;
  /** The last change-log cursor of every bank ('0' for a bank with no change yet). */
  changeLogHeads(): Promise<Map<string, string>>;
  /** Changes after the cursor `since`, oldest first. */
  listChanges(bankId: string, since: string, limit: number): Promise<EntryChangePage>;
  /** Enabled entries in id order after `afterId`, a page at a time (exports). */
  listActiveEntries(bankId: string, afterId: string | undefined, limit: number): Promise<HashEntryProps[]>;
  /** Entries, in any bank, not yet flagged victim-identified, whose series is one of `series` (ignoring case) or whose digest is one of `hashes`. */
  findEntriesToFlagVictimIdentified(series: string[], hashes: Array<{ type: HashType; value: string }>): Promise<Array<{ bankId: string; entryId: string }>>;
}

export const BANK_CURATION_REPOSITORY = Symbol('BankCurationRepository');

/** Told when an entry stops or starts matching, so an in-memory index follows at once. */
export interface BankEntryStatusListener {
  entryDisabled(entry: { id: string; hashType: string; value: string }): void;
  entryEnabled(entry: { id: string; hashType: string; value: string }): void;
}
