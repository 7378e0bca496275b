import { DynamicModule, Module } from '@nestjs/common';
import { CurateBanksUseCase, HASH_BANK_REPOSITORY, MatchReportMediaUseCase, TypeOrmHashBankRepository, type HashBankRepository } from '@vigil/hashes';
import { SystemClock } from '@vigil/kernel';
import type { ServiceInfrastructure } from '@vigil/platform';
import { randomUUID } from 'node:crypto';
import { BanksController } from './banks/banks.controller';

const clock = new SystemClock();

@Module({})
export class HashDetectionModule {
  static register(infra: ServiceInfrastructure): DynamicModule {
    return {
      module: HashDetectionModule,
      controllers: [BanksController],
      providers: [
        { provide: HASH_BANK_REPOSITORY, useFactory: () => new TypeOrmHashBankRepository(infra.transactions, infra.schema) },
        { provide: CurateBanksUseCase, inject: [HASH_BANK_REPOSITORY], useFactory: (banks: HashBankRepository) => new CurateBanksUseCase(banks, clock, randomUUID) },
        { provide: MatchReportMediaUseCase, inject: [HASH_BANK_REPOSITORY], useFactory: (banks: HashBankRepository) => new MatchReportMediaUseCase(banks, clock) },
      ],
    };
  }
}
