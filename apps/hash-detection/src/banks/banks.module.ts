import { Module } from '@nestjs/common';
import {
  BANK_CURATION_REPOSITORY,
  BankQueries,
  CurateBankEntriesUseCase,
  ExportBankUseCase,
  HASH_BANK_REPOSITORY,
  ImportBankEntriesUseCase,
  PDQ_CANDIDATE_FINDER,
  type BankChangeListener,
  type BankCurationRepository,
  type BankEntryStatusListener,
} from '@vigil/hashes';
import { CLOCK, type Clock } from '@vigil/kernel';
import { randomUUID } from 'node:crypto';
import { BankChangesController } from './bank-changes.controller';
import { BankCurationController } from './bank-curation.controller';
import { BankExchangeController } from './bank-exchange.controller';
import { BankExpirySweep } from './bank-expiry-sweep';

/** The index as a listener, when the configured PDQ finder is one (the in-memory index is). */
function indexListener(finder: unknown): (BankChangeListener & BankEntryStatusListener) | undefined {
  const candidate = finder as Partial<BankChangeListener & BankEntryStatusListener>;
  return candidate?.entryAdded && candidate.entryDisabled && candidate.entryEnabled ? (finder as BankChangeListener & BankEntryStatusListener) : undefined;
}

/** Bank curation: detail and settings, browse, disable/enable, import/export and the partners' change feed. */
@Module({
  controllers: [BankCurationController, BankExchangeController, BankChangesController],
  providers: [
    // The core's repository (TypeOrmHashBankRepository) implements curation too.
    { provide: BANK_CURATION_REPOSITORY, useExisting: HASH_BANK_REPOSITORY },
    { provide: BankQueries, inject: [BANK_CURATION_REPOSITORY], useFactory: (banks: BankCurationRepository) => new BankQueries(banks) },
    {
      provide: CurateBankEntriesUseCase,
      inject: [BANK_CURATION_REPOSITORY, CLOCK, PDQ_CANDIDATE_FINDER],
      useFactory: (banks: BankCurationRepository, clock: Clock, finder: unknown) => new CurateBankEntriesUseCase(banks, clock, indexListener(finder)),
    },
    {
      provide: ImportBankEntriesUseCase,
      inject: [BANK_CURATION_REPOSITORY, CLOCK, PDQ_CANDIDATE_FINDER],
      useFactory: (banks: BankCurationRepository, clock: Clock, finder: unknown) => new ImportBankEntriesUseCase(banks, clock, randomUUID, indexListener(finder)),
    },
    { provide: ExportBankUseCase, inject: [BANK_CURATION_REPOSITORY], useFactory: (banks: BankCurationRepository) => new ExportBankUseCase(banks) },
    BankExpirySweep,
  ],
  exports: [BANK_CURATION_REPOSITORY, CurateBankEntriesUseCase, BankQueries],
})
export class BanksModule {}
