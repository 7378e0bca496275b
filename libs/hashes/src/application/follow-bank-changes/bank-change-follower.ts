import type { EntryChange } from '../../domain/banks/entry-change';
import type { BankCurationRepository, BankEntryStatusListener } from '../../ports/hash-bank.repository';
import type { BankChangeListener } from '../../ports/pdq-candidate-finder';

/** What a follower reads: where each bank's change log ends, and its changes after a cursor. */
export type BankChangeLog = Pick<BankCurationRepository, 'changeLogHeads' | 'listChanges'>;

export interface BankChangePoll {
  /** Changes read (every hash type). */
  changes: number;
  /** Entries that began to match (added or enabled), every hash type. */
  entriesNowMatching: number;
}

const PAGE = 1000;

/**
 * Keeps this process's in-memory PDQ index in step with the banks' change logs in Postgres, so
 * that every replica learns what curators did through any other replica (and imports, consensus
 * and victim-identification flags), within one poll. Changes made in this process reach the
 * index at once through the listener calls of the use cases too; applying them again here is
 * harmless, because the index's add and remove are idempotent and each entry is set to its
 * state after its latest change.
 *
 * Cursors are per bank, like the partners' changes feed: the per-bank lock that orders a bank's
 * log (see TypeOrmHashBankRepository) makes seq order commit order within a bank, not across
 * banks, so one global cursor could skip a late commit.
 */
export class BankChangeFollower {
  private readonly cursors = new Map<string, bigint>();
  private listener?: BankChangeListener & BankEntryStatusListener;

  constructor(private readonly log: BankChangeLog) {}

  /**
   * Call before the index is loaded: changes committed during the load are then read again by
   * the first poll, rather than missed.
   */
  async positionAtHeads(): Promise<void> {
    for (const [bankId, head] of await this.log.changeLogHeads()) this.cursors.set(bankId, BigInt(head));
  }

  /** The index to keep current (set once it is loaded). */
  follow(listener: BankChangeListener & BankEntryStatusListener): void {
    this.listener = listener;
  }

  async poll(): Promise<BankChangePoll> {
    const result: BankChangePoll = { changes: 0, entriesNowMatching: 0 };
    if (!this.listener) return result;
    for (const [bankId, head] of await this.log.changeLogHeads()) {
      let cursor = this.cursors.get(bankId) ?? 0n;
      while (cursor < BigInt(head)) {
        const page = await this.log.listChanges(bankId, cursor.toString(), PAGE);
        if (page.changes.length === 0) break;
        this.apply(page.changes, result);
        cursor = BigInt(page.nextCursor);
        this.cursors.set(bankId, cursor);
        if (!page.hasMore) break;
      }
    }
    return result;
  }

  private apply(changes: EntryChange[], result: BankChangePoll): void {
    result.changes += changes.length;
    // The entry as it stood after its last change in this page is all the index needs.
    const latest = new Map<string, EntryChange>();
    for (const change of changes) latest.set(change.entry.id, change);
    for (const { op, entry } of latest.values()) {
      const matching = entry.status === 'active';
      if (matching && (op === 'add' || op === 'enable')) result.entriesNowMatching++;
      if (entry.hashType !== 'pdq') continue;
      if (matching) this.listener?.entryAdded(entry);
      else this.listener?.entryDisabled(entry);
    }
  }
}
