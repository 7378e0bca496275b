import { NotFoundError, type Clock } from '@vigil/kernel';
import { parseBankFile } from '../../domain/bank-exchange/bank-file-formats';
import type { BankFileFormat, ImportedEntry, RejectionReason, RowRejection } from '../../domain/bank-exchange/bank-file';
import type { HashEntryProps } from '../../domain/banks/hash-bank';
import type { BankCurationRepository } from '../../ports/hash-bank.repository';
import type { BankChangeListener } from '../../ports/pdq-candidate-finder';

export interface ImportBankEntriesCommand {
  bankId: string;
  format: BankFileFormat;
  /** The file's text (UTF-8 decoded). */
  content: string;
  /** The curator importing: recorded as each entry's `addedBy`. */
  actor: string;
}

/** Entries (hashes) written so far out of those the file offered after its own checks. */
export interface ImportProgress {
  processed: number;
  total: number;
  taken: number;
  skipped: number;
}

/**
 * Counted per hash: a VICS media item with both an MD5 and a SHA-1 is two entries. `skipped`
 * covers rows the file's checks refused and hashes the bank already held; `rejected` shows the
 * first of them, in file order.
 */
export interface ImportSummary {
  format: BankFileFormat;
  taken: number;
  skipped: number;
  reasons: Partial<Record<RejectionReason, number>>;
  rejected: RowRejection[];
}

export interface ImportOptions {
  /** Entries written per transaction. */
  batchSize?: number;
  /** How many refused rows the summary shows. */
  maxExamples?: number;
}

/**
 * Imports a hash-list file into a bank. The file is read and checked first (a file-level
 * problem stops everything with a ValidationError); the entries then go in batches, one
 * transaction each, skipping hashes the bank already holds. A failure part-way leaves whole
 * batches in, and running the import again takes only what is missing.
 */
export class ImportBankEntriesUseCase {
  private readonly batchSize: number;
  private readonly maxExamples: number;

  constructor(
    private readonly banks: BankCurationRepository,
    private readonly clock: Clock,
    private readonly newId: () => string,
    private readonly listener?: BankChangeListener,
    options: ImportOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.maxExamples = options.maxExamples ?? 100;
  }

  async execute(command: ImportBankEntriesCommand, onProgress?: (progress: ImportProgress) => void | Promise<void>): Promise<ImportSummary> {
    const bank = await this.banks.findBank(command.bankId);
    if (!bank) throw new NotFoundError('bank', command.bankId);
    const parsed = parseBankFile(command.format, command.content, { bankKind: bank.kind });

    const rejected: RowRejection[] = [...parsed.rejections];
    const total = parsed.entries.length;
    let taken = 0;
    await onProgress?.({ processed: 0, total, taken, skipped: rejected.length });
    for (let start = 0; start < total; start += this.batchSize) {
      const batch = parsed.entries.slice(start, start + this.batchSize);
      const addedAt = this.clock.now().toISOString();
      const entries = batch.map((imported) => this.toEntry(command, imported, addedAt));
      const added = await this.banks.addEntries(command.bankId, entries);
      const addedIds = new Set(added.map((entry) => entry.id));
      entries.forEach((entry, index) => {
        if (!addedIds.has(entry.id)) rejected.push({ row: batch[index].row, reason: 'already-in-bank', detail: `this ${entry.hashType} is already in the bank` });
      });
      for (const entry of added) this.listener?.entryAdded(entry);
      taken += added.length;
      await onProgress?.({ processed: Math.min(start + batch.length, total), total, taken, skipped: rejected.length });
    }

    const reasons: Partial<Record<RejectionReason, number>> = {};
    for (const rejection of rejected) reasons[rejection.reason] = (reasons[rejection.reason] ?? 0) + 1;
    rejected.sort((a, b) => a.row - b.row);
    return { format: command.format, taken, skipped: rejected.length, reasons, rejected: rejected.slice(0, this.maxExamples) };
  }

  private toEntry(command: ImportBankEntriesCommand, imported: ImportedEntry, addedAt: string): HashEntryProps {
    return {
      id: this.newId(),
      bankId: command.bankId,
      hashType: imported.hashType,
      value: imported.value,
      classification: imported.classification,
      series: imported.series,
      victimIdentified: imported.victimIdentified,
      notes: imported.notes,
      addedBy: command.actor,
      addedAt,
    };
  }
}
