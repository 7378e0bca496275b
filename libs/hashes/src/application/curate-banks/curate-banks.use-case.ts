import { NotFoundError, type Clock } from '@vigil/kernel';
import { normaliseClassification, normaliseHashValue, validateBank, type BankKind, type HashBankProps, type HashEntryProps, type HashType } from '../../domain/banks/hash-bank';
import type { HashBankRepository } from '../../ports/hash-bank.repository';
import type { BankChangeListener } from '../../ports/pdq-candidate-finder';

export interface CreateBankCommand {
  name: string;
  kind: BankKind;
  source: string;
  terms: string;
  owner: string;
  pdqThreshold?: number;
}

export interface AddEntryCommand {
  bankId: string;
  hashType: HashType;
  value: string;
  classification: string;
  series?: string;
  victimIdentified?: boolean;
  notes?: string;
  addedBy: string;
}

/** Creating banks and adding entries by hand; imports and consensus build on these. */
export class CurateBanksUseCase {
  constructor(
    private readonly banks: HashBankRepository,
    private readonly clock: Clock,
    private readonly newId: () => string,
    private readonly listener?: BankChangeListener,
  ) {}

  async createBank(command: CreateBankCommand): Promise<HashBankProps> {
    const bank = validateBank({ ...command, id: this.newId(), pdqThreshold: command.pdqThreshold ?? 31, createdAt: this.clock.now().toISOString() });
    await this.banks.createBank(bank);
    return bank;
  }

  async addEntry(command: AddEntryCommand): Promise<HashEntryProps> {
    if (!(await this.banks.findBank(command.bankId))) throw new NotFoundError('bank', command.bankId);
    const entry: HashEntryProps = {
      id: this.newId(),
      bankId: command.bankId,
      hashType: command.hashType,
      value: normaliseHashValue(command.hashType, command.value),
      classification: normaliseClassification(command.classification),
      series: command.series,
      victimIdentified: command.victimIdentified ?? false,
      notes: command.notes,
      addedBy: command.addedBy,
      addedAt: this.clock.now().toISOString(),
    };
    await this.banks.addEntry(entry);
    this.listener?.entryAdded(entry);
    return entry;
  }
}
