import { NotFoundError, type Clock } from '@vigil/kernel';
import { correctEntry, disableEntry, enableEntry, reenableIfExpired, type EntryCorrections } from '../../domain/banks/entry-lifecycle';
import { changeBank, type BankChanges, type HashBankProps, type HashEntryProps } from '../../domain/banks/hash-bank';
import type { BankCurationRepository, BankEntryStatusListener } from '../../ports/hash-bank.repository';

export interface DisableEntryCommand {
  bankId: string;
  entryId: string;
  reason: string;
  expiresAt?: Date;
  by: string;
}

/** Who the expiry sweep records as re-enabling an entry. */
export const EXPIRY_SWEEP_ACTOR = 'system (disable expired)';
const SWEEP_BATCH = 500;

/**
 * A curator's changes to what a bank matches: its threshold and provenance, and disabling,
 * enabling and correcting entries. A disabled entry leaves the PDQ index at once (exact lookups
 * read Postgres, where it is marked disabled in the same transaction as its change-log row).
 */
export class CurateBankEntriesUseCase {
  constructor(
    private readonly banks: BankCurationRepository,
    private readonly clock: Clock,
    private readonly listener?: BankEntryStatusListener,
  ) {}

  async updateBank(bankId: string, changes: BankChanges): Promise<HashBankProps> {
    const bank = await this.requireBank(bankId);
    const updated = changeBank(bank, changes);
    await this.banks.updateBank(updated);
    return updated;
  }

  async disableEntry(command: DisableEntryCommand): Promise<HashEntryProps> {
    await this.requireBank(command.bankId);
    const at = this.clock.now();
    const result = await this.banks.changeEntry(command.bankId, command.entryId, 'disable', command.by, at, (entry) =>
      disableEntry(entry, { reason: command.reason, by: command.by, at, until: command.expiresAt }),
    );
    const entry = this.changed(command.entryId, result?.after);
    this.listener?.entryDisabled(entry);
    return entry;
  }

  async enableEntry(command: { bankId: string; entryId: string; by: string }): Promise<HashEntryProps> {
    await this.requireBank(command.bankId);
    const result = await this.banks.changeEntry(command.bankId, command.entryId, 'enable', command.by, this.clock.now(), enableEntry);
    const entry = this.changed(command.entryId, result?.after);
    this.listener?.entryEnabled(entry);
    return entry;
  }

  async correctEntry(command: { bankId: string; entryId: string; corrections: EntryCorrections; by: string }): Promise<HashEntryProps> {
    await this.requireBank(command.bankId);
    const result = await this.banks.changeEntry(command.bankId, command.entryId, 'update', command.by, this.clock.now(), (entry) =>
      correctEntry(entry, command.corrections),
    );
    return this.changed(command.entryId, result?.after);
  }

  /**
   * Re-enables every entry whose temporary disable has run out, recording each as an `enable`
   * by the system. Run periodically; each entry is re-checked under its row lock, so two
   * replicas sweeping at once re-enable it once.
   */
  async reenableExpired(): Promise<HashEntryProps[]> {
    const reenabled: HashEntryProps[] = [];
    for (;;) {
      const now = this.clock.now();
      const due = await this.banks.listExpiredDisables(now, SWEEP_BATCH);
      const before = reenabled.length;
      for (const { bankId, entryId } of due) {
        const result = await this.banks.changeEntry(bankId, entryId, 'enable', EXPIRY_SWEEP_ACTOR, now, (entry) => reenableIfExpired(entry, now));
        if (result?.after) {
          this.listener?.entryEnabled(result.after);
          reenabled.push(result.after);
        }
      }
      // A full batch that changed nothing would come back unchanged: stop rather than spin.
      if (due.length < SWEEP_BATCH || reenabled.length === before) return reenabled;
    }
  }

  private async requireBank(bankId: string): Promise<HashBankProps> {
    const bank = await this.banks.findBank(bankId);
    if (!bank) throw new NotFoundError('bank', bankId);
    return bank;
  }

  private changed(entryId: string, entry: HashEntryProps | undefined): HashEntryProps {
    if (!entry) throw new NotFoundError('bank entry', entryId);
    return entry;
  }
}
