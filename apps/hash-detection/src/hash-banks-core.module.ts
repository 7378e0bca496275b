import { DynamicModule, Module } from '@nestjs/common';
import {
  BankChangeFollower,
  CurateBanksUseCase,
  HASH_BANK_REPOSITORY,
  loadPdqIndex,
  MatchReportMediaUseCase,
  PDQ_CANDIDATE_FINDER,
  PdqIndexSnapshotFile,
  PdqIndexSnapshotter,
  SnapshotablePdqCandidateFinder,
  TypeOrmHashBankRepository,
  type BankCurationRepository,
  type HashBankRepository,
} from '@vigil/hashes';
import { CLOCK, SystemClock } from '@vigil/kernel';
import { SERVICE_INFRASTRUCTURE, type ServiceInfrastructure } from '@vigil/platform';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { BANK_CHANGE_FOLLOWER, BankChangePolling } from './index-status/bank-change-polling';
import { PDQ_INDEX_SNAPSHOTTER, readIndexSnapshotConfig } from './index-status/index-snapshot.config';

/**
 * The banks, the PDQ index and the use cases every hash-detection feature module shares.
 * Global, so a feature module (match API, review queue, takedown…) injects these without
 * importing this module again.
 */
@Module({})
export class HashBanksCoreModule {
  static register(infra: ServiceInfrastructure): DynamicModule {
    const snapshotConfig = readIndexSnapshotConfig(process.env);
    const snapshotFile = new PdqIndexSnapshotFile(join(resolve(snapshotConfig.directory), `pdq-index.${infra.schema}.snapshot`));
    return {
      module: HashBanksCoreModule,
      global: true,
      providers: [
        { provide: SERVICE_INFRASTRUCTURE, useValue: infra },
        { provide: CLOCK, useValue: new SystemClock() },
        { provide: HASH_BANK_REPOSITORY, useFactory: () => new TypeOrmHashBankRepository(infra.transactions, infra.schema) },
        {
          // Positioned at the end of every bank's change log before the index loads, so that
          // changes committed during the load are read again rather than missed.
          provide: BANK_CHANGE_FOLLOWER,
          inject: [HASH_BANK_REPOSITORY],
          useFactory: async (banks: BankCurationRepository) => {
            const follower = new BankChangeFollower(banks);
            await follower.positionAtHeads();
            return follower;
          },
        },
        {
          // The PDQ index lives in memory: loaded from its snapshot when that holds exactly the
          // enabled PDQ entries in Postgres, else rebuilt from Postgres (see loadPdqIndex); then
          // kept current from the banks' change logs, whichever replica made the change.
          provide: PDQ_CANDIDATE_FINDER,
          inject: [HASH_BANK_REPOSITORY, BANK_CHANGE_FOLLOWER],
          useFactory: async (banks: HashBankRepository, follower: BankChangeFollower) => {
            const finder = new SnapshotablePdqCandidateFinder(() => banks.listPdqEntries());
            const loaded = await loadPdqIndex(finder, snapshotFile, infra.dataSource, infra.schema);
            const why = loaded.reason ? ` (${loaded.reason})` : '';
            infra.log(`PDQ index ${loaded.source === 'snapshot' ? `loaded from ${snapshotFile.path}` : 'built from Postgres'} with ${loaded.entries} entries${why}`);
            follower.follow(finder);
            return finder;
          },
        },
        BankChangePolling,
        {
          provide: PDQ_INDEX_SNAPSHOTTER,
          inject: [PDQ_CANDIDATE_FINDER],
          useFactory: (finder: SnapshotablePdqCandidateFinder) => new PdqIndexSnapshotter(finder, snapshotFile, snapshotConfig.intervalMs, infra.log),
        },
        {
          provide: CurateBanksUseCase,
          inject: [HASH_BANK_REPOSITORY, PDQ_CANDIDATE_FINDER, CLOCK],
          useFactory: (banks: HashBankRepository, finder: SnapshotablePdqCandidateFinder, clock: SystemClock) => new CurateBanksUseCase(banks, clock, randomUUID, finder),
        },
        {
          provide: MatchReportMediaUseCase,
          inject: [HASH_BANK_REPOSITORY, PDQ_CANDIDATE_FINDER, CLOCK],
          useFactory: (banks: HashBankRepository, finder: SnapshotablePdqCandidateFinder, clock: SystemClock) => new MatchReportMediaUseCase(banks, clock, finder),
        },
      ],
      exports: [SERVICE_INFRASTRUCTURE, CLOCK, HASH_BANK_REPOSITORY, PDQ_CANDIDATE_FINDER, PDQ_INDEX_SNAPSHOTTER, BANK_CHANGE_FOLLOWER, BankChangePolling, CurateBanksUseCase, MatchReportMediaUseCase],
    };
  }
}
