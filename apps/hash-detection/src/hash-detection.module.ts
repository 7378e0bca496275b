import { DynamicModule, Module } from '@nestjs/common';
import {
  CurateBanksUseCase,
  HASH_BANK_REPOSITORY,
  IndexedPdqCandidateFinder,
  MatchReportMediaUseCase,
  PDQ_CANDIDATE_FINDER,
  TypeOrmHashBankRepository,
  type HashBankRepository,
} from '@vigil/hashes';
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
        {
          // The PDQ index lives in memory: rebuilt from Postgres when the service starts.
          provide: PDQ_CANDIDATE_FINDER,
          inject: [HASH_BANK_REPOSITORY],
          useFactory: async (banks: HashBankRepository) => {
            const finder = new IndexedPdqCandidateFinder(() => banks.listPdqEntries());
            const loaded = await finder.rebuild();
            infra.log(`PDQ index built with ${loaded} entries`);
            return finder;
          },
        },
        {
          provide: CurateBanksUseCase,
          inject: [HASH_BANK_REPOSITORY, PDQ_CANDIDATE_FINDER],
          useFactory: (banks: HashBankRepository, finder: IndexedPdqCandidateFinder) => new CurateBanksUseCase(banks, clock, randomUUID, finder),
        },
        {
          provide: MatchReportMediaUseCase,
          inject: [HASH_BANK_REPOSITORY, PDQ_CANDIDATE_FINDER],
          useFactory: (banks: HashBankRepository, finder: IndexedPdqCandidateFinder) => new MatchReportMediaUseCase(banks, clock, finder),
        },
      ],
    };
  }
}
