import { NotFoundError } from '@vigil/kernel';
import { pageSize, parseChangeCursor, type EntryChangePage } from '../../domain/banks/entry-change';
import { entrySearch, type EntrySearchPage } from '../../domain/banks/entry-search';
import type { HashBankProps, HashEntryProps } from '../../domain/banks/hash-bank';
import type { BankCurationRepository, BankEntryCounts } from '../../ports/hash-bank.repository';

export type BankDetail = HashBankProps & { counts: BankEntryCounts };

/** What curators and partners read of a bank: its detail, its entries page by page, its change log. */
export class BankQueries {
  constructor(private readonly banks: BankCurationRepository) {}

  async bankDetail(bankId: string): Promise<BankDetail> {
    const bank = await this.requireBank(bankId);
    return { ...bank, counts: await this.banks.countEntries(bankId) };
  }

  async browseEntries(bankId: string, input: { q?: string; classification?: string; status?: string; limit?: number; cursor?: string }): Promise<EntrySearchPage> {
    const search = entrySearch(input);
    await this.requireBank(bankId);
    return this.banks.searchEntries(bankId, search);
  }

  async entry(bankId: string, entryId: string): Promise<HashEntryProps> {
    await this.requireBank(bankId);
    const entry = await this.banks.findEntry(bankId, entryId);
    if (!entry) throw new NotFoundError('bank entry', entryId);
    return entry;
  }

  async changesSince(bankId: string, input: { since?: string; limit?: number }): Promise<EntryChangePage> {
    const since = parseChangeCursor(input.since);
    const limit = pageSize(input.limit);
    await this.requireBank(bankId);
    return this.banks.listChanges(bankId, since, limit);
  }

  private async requireBank(bankId: string): Promise<HashBankProps> {
    const bank = await this.banks.findBank(bankId);
    if (!bank) throw new NotFoundError('bank', bankId);
    return bank;
  }
}
