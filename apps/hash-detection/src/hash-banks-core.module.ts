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
import { CLOCK, SystemClock } from '@vigil/kernel';
import { SERVICE_INFRASTRUCTURE, type ServiceInfrastructure } from '@vigil/platform';
import { randomUUID } from 'node:crypto';

/**
 * The banks, the PDQ index and the use cases every hash-detection feature module shares.
 * Global, so a feature module (match API, review queue, takedown…) injects these without
 * importing this module again.
 */
@Module({})
export class HashBanksCoreModule {
  static register(infra: ServiceInfrastructure): DynamicModule {
    return {
      module: HashBanksCoreModule,
      global: true,
      providers: [
        { provide: SERVICE_INFRASTRUCTURE, useValue: infra },
        { provide: CLOCK, useValue: new SystemClock() },
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
          inject: [HASH_BANK_REPOSITORY, PDQ_CANDIDATE_FINDER, CLOCK],
          useFactory: (banks: HashBankRepository, finder: IndexedPdqCandidateFinder, clock: SystemClock) => new CurateBanksUseCase(banks, clock, randomUUID, finder),
        },
        {
          provide: MatchReportMediaUseCase,
          inject: [HASH_BANK_REPOSITORY, PDQ_CANDIDATE_FINDER, CLOCK],
          useFactory: (banks: HashBankRepository, finder: IndexedPdqCandidateFinder, clock: SystemClock) => new MatchReportMediaUseCase(banks, clock, finder),
        },
      ],
      exports: [SERVICE_INFRASTRUCTURE, CLOCK, HASH_BANK_REPOSITORY, PDQ_CANDIDATE_FINDER, CurateBanksUseCase, MatchReportMediaUseCase],
    };
  }
}
