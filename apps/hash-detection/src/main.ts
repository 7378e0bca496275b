import type { INestApplication } from '@nestjs/common';
import { REPORT_SUBMITTED_V1, type ReportSubmittedV1 } from '@vigil/contracts';
import { TAKEDOWN_REQUESTED_V1, type TakedownRequestedV1 } from '@vigil/contracts';
import { CreateHashBanks1763900000001, MatchReportMediaUseCase } from '@vigil/hashes';
import { OUTBOX_RETENTION_RULE, platformTablesMigration, RelayedOutboxRetention } from '@vigil/persistence';
import type { ServiceDefinition } from '@vigil/platform';
import { AuditHashChain1764000800000, auditLogUpSql, CreateApiKeys1764000200000, CreateStaffAccounts1764001000000 } from '@vigil/security';
import { BankCuration1764000100000 } from '@vigil/hashes';
import { CreateReviewQueue1764000500000, EnqueueUnknownMediaUseCase, ReviewKnownMatch1764001000100, ReviewWithdrawn1764001000200, WithdrawPurgedMediaUseCase } from '@vigil/hashes';
import { CreateTakedown1764000300001, RecordReportedUrlsUseCase, RemovedTakedownUrlRetention, TAKEDOWN_RETENTION_RULES } from '@vigil/takedown';
import { BANK_CURATION_REPOSITORY, MarkVictimIdentifiedUseCase } from '@vigil/hashes';
import { VICTIM_IDENTIFIED_V1, type VictimIdentifiedV1 } from '@vigil/contracts';
import { EVIDENCE_PURGED_V1, type EvidencePurgedV1 } from '@vigil/contracts';
import { CLOCK } from '@vigil/kernel';
import { HashDetectionModule } from './hash-detection.module';
import { hashDetectionGauges } from './operations/hash-detection.gauges';

/** Known-material detection: hash banks and matching of reported media. */
export const hashDetectionService: ServiceDefinition = {
  name: 'hash-detection',
  schema: 'hash_detection',
  title: 'Vigil hash detection',
  description: 'Hash banks and matching of media against known material (exact digests and PDQ).',
  entities: [],
  migrations: [platformTablesMigration(auditLogUpSql), CreateApiKeys1764000200000, AuditHashChain1764000800000, CreateStaffAccounts1764001000000, CreateHashBanks1763900000001, BankCuration1764000100000, CreateReviewQueue1764000500000, CreateTakedown1764000300001, ReviewKnownMatch1764001000100, ReviewWithdrawn1764001000200],
  module: (infra) => HashDetectionModule.register(infra),
  gauges: (infra) => hashDetectionGauges(infra),
  // The industry match API and its Arachnid Shield and HMA shapes: thousands of calls a second, each
  // audited in the database already (who, how many hashes, what matched). A log line per success
  // cost a fifth of the service's CPU in the benchmark; failures are still logged at warn/error.
  highVolumePaths: ['/api/v1/match', '/v1/media', '/v1/pdq', '/h/hash', '/m/lookup', '/m/raw_lookup'],
  retention: {
    rules: [...TAKEDOWN_RETENTION_RULES, OUTBOX_RETENTION_RULE],
    targets: (infra) => [new RemovedTakedownUrlRetention(infra.transactions, infra.schema), new RelayedOutboxRetention(infra.transactions, infra.schema)],
  },
  handlers: (app: INestApplication) => {
    const matcher = app.get(MatchReportMediaUseCase);
    const reviewQueue = app.get(EnqueueUnknownMediaUseCase);
    const urlList = app.get(RecordReportedUrlsUseCase);
    const withdraw = app.get(WithdrawPurgedMediaUseCase);
    return {
      // One transaction with the inbox row: the verdicts' outbox rows, then the unknown media into the review queue.
      [REPORT_SUBMITTED_V1]: async (payload, event) => {
        const published = await matcher.execute(payload as ReportSubmittedV1, event.correlationId);
        await reviewQueue.execute(payload as ReportSubmittedV1, published);
        await urlList.recordReported(payload as ReportSubmittedV1);
      },
      // An analyst confirmed URLs for takedown: notices to their providers, in the inbox transaction.
      [TAKEDOWN_REQUESTED_V1]: async (payload) => void (await urlList.recordRequested(payload as TakedownRequestedV1)),
      // A victim was identified in the referral hub: flag the series' and hashes' bank entries (idempotent), in the inbox transaction.
      [VICTIM_IDENTIFIED_V1]: async (payload) => void (await new MarkVictimIdentifiedUseCase(app.get(BANK_CURATION_REPOSITORY), app.get(CLOCK)).execute(payload as VictimIdentifiedV1)),
      // The tipline's retention purged a closed report's evidence files: review items waiting on them leave the queue, in the inbox transaction.
      [EVIDENCE_PURGED_V1]: async (payload) => void (await withdraw.execute(payload as EvidencePurgedV1)),
    };
  },
};
