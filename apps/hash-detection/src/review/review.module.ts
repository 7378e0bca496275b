import { DynamicModule, Module } from '@nestjs/common';
import {
  ClaimNextItemUseCase,
  ConsensusRule,
  CurateBankEntriesUseCase,
  CurateBanksUseCase,
  EnqueueUnknownMediaUseCase,
  EVIDENCE_SOURCE,
  ExposureCountsUseCase,
  HASH_BANK_REPOSITORY,
  KnownMediaLookup,
  OverrideReviewUseCase,
  PDQ_CANDIDATE_FINDER,
  PreviewReviewMediaUseCase,
  RecordDecisionUseCase,
  ReleaseItemUseCase,
  ResolveKnownReviewItemsUseCase,
  REVIEW_EXPOSURE_LOG,
  REVIEW_ITEM_REPOSITORY,
  REVIEW_PREVIEW_RENDERER,
  ReviewedBank,
  SharpPreviewRenderer,
  TypeOrmReviewExposureLog,
  TypeOrmReviewItemRepository,
  WithdrawPurgedMediaUseCase,
  type EvidenceSource,
  type HashBankRepository,
  type PdqCandidateFinder,
  type ReviewAtomicWork,
  type ReviewExposureLog,
  type ReviewItemRepository,
  type ReviewPreviewRenderer,
} from '@vigil/hashes';
import { CLOCK, type Clock } from '@vigil/kernel';
import type { ServiceInfrastructure } from '@vigil/platform';
import { AUDIT_TRAIL } from '@vigil/security';
import { randomUUID } from 'node:crypto';
import { BanksModule } from '../banks/banks.module';
import { readReviewConfig } from './review.config';
import { ReviewRecheck } from './review-recheck';
import { ReviewController } from './review.controller';
import { CONSENSUS_RULE } from './review.tokens';
import { TiplineEvidenceSource } from './tipline-evidence-source';

/** The human review queue: claims, previews, decisions, consensus into the reviewed bank, exposure counts. */
@Module({})
export class ReviewModule {
  static register(infra: ServiceInfrastructure): DynamicModule {
    const config = readReviewConfig(process.env);
    const atomically: ReviewAtomicWork = (work) => infra.transactions.run(work);
    return {
      module: ReviewModule,
      // Bank curation (disable, enable, correct) for overrides that change banked hashes.
      imports: [BanksModule],
      controllers: [ReviewController],
      providers: [
        { provide: AUDIT_TRAIL, useValue: infra.audit },
        { provide: CONSENSUS_RULE, useValue: new ConsensusRule(config.consensus) },
        { provide: REVIEW_ITEM_REPOSITORY, useFactory: () => new TypeOrmReviewItemRepository(infra.transactions, infra.schema) },
        { provide: REVIEW_EXPOSURE_LOG, useFactory: () => new TypeOrmReviewExposureLog(infra.transactions, infra.schema) },
        { provide: REVIEW_PREVIEW_RENDERER, useClass: SharpPreviewRenderer },
        { provide: EVIDENCE_SOURCE, useFactory: () => new TiplineEvidenceSource(config.tiplineUrl) },
        {
          provide: ReviewedBank,
          inject: [HASH_BANK_REPOSITORY, CurateBanksUseCase, CurateBankEntriesUseCase],
          useFactory: (banks: HashBankRepository, curate: CurateBanksUseCase, entries: CurateBankEntriesUseCase) => new ReviewedBank(banks, curate, config.bankId, entries),
        },
        {
          provide: EnqueueUnknownMediaUseCase,
          inject: [REVIEW_ITEM_REPOSITORY, CLOCK],
          useFactory: (items: ReviewItemRepository, clock: Clock) => new EnqueueUnknownMediaUseCase(items, clock, randomUUID),
        },
        { provide: ClaimNextItemUseCase, inject: [REVIEW_ITEM_REPOSITORY, CLOCK], useFactory: (items: ReviewItemRepository, clock: Clock) => new ClaimNextItemUseCase(items, clock) },
        {
          provide: ResolveKnownReviewItemsUseCase,
          inject: [REVIEW_ITEM_REPOSITORY, HASH_BANK_REPOSITORY, PDQ_CANDIDATE_FINDER, CLOCK],
          useFactory: (items: ReviewItemRepository, banks: HashBankRepository, pdq: PdqCandidateFinder, clock: Clock) =>
            new ResolveKnownReviewItemsUseCase(items, new KnownMediaLookup(banks, pdq), clock),
        },
        { provide: WithdrawPurgedMediaUseCase, inject: [REVIEW_ITEM_REPOSITORY, CLOCK], useFactory: (items: ReviewItemRepository, clock: Clock) => new WithdrawPurgedMediaUseCase(items, clock) },
        ReviewRecheck,
        { provide: ReleaseItemUseCase, inject: [REVIEW_ITEM_REPOSITORY], useFactory: (items: ReviewItemRepository) => new ReleaseItemUseCase(items) },
        {
          provide: RecordDecisionUseCase,
          inject: [REVIEW_ITEM_REPOSITORY, CONSENSUS_RULE, ReviewedBank, CLOCK],
          useFactory: (items: ReviewItemRepository, rule: ConsensusRule, bank: ReviewedBank, clock: Clock) => new RecordDecisionUseCase(items, rule, bank, clock, atomically),
        },
        {
          provide: OverrideReviewUseCase,
          inject: [REVIEW_ITEM_REPOSITORY, ReviewedBank, CLOCK],
          useFactory: (items: ReviewItemRepository, bank: ReviewedBank, clock: Clock) => new OverrideReviewUseCase(items, bank, clock, atomically),
        },
        {
          provide: PreviewReviewMediaUseCase,
          inject: [REVIEW_ITEM_REPOSITORY, EVIDENCE_SOURCE, REVIEW_PREVIEW_RENDERER, REVIEW_EXPOSURE_LOG, CLOCK],
          useFactory: (items: ReviewItemRepository, evidence: EvidenceSource, renderer: ReviewPreviewRenderer, log: ReviewExposureLog, clock: Clock) =>
            new PreviewReviewMediaUseCase(items, evidence, renderer, log, clock),
        },
        { provide: ExposureCountsUseCase, inject: [REVIEW_EXPOSURE_LOG, CLOCK], useFactory: (log: ReviewExposureLog, clock: Clock) => new ExposureCountsUseCase(log, clock) },
      ],
      exports: [EnqueueUnknownMediaUseCase, WithdrawPurgedMediaUseCase],
    };
  }
}
