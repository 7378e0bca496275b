import type { INestApplication } from '@nestjs/common';
import { REPORT_SUBMITTED_V1, type ReportSubmittedV1 } from '@vigil/contracts';
import { CreateHashBanks1763900000001, MatchReportMediaUseCase } from '@vigil/hashes';
import { platformTablesMigration } from '@vigil/persistence';
import type { ServiceDefinition } from '@vigil/platform';
import { auditLogUpSql } from '@vigil/security';
import { HashDetectionModule } from './hash-detection.module';

/** Known-material detection: hash banks and matching of reported media. */
export const hashDetectionService: ServiceDefinition = {
  name: 'hash-detection',
  schema: 'hash_detection',
  title: 'Vigil hash detection',
  description: 'Hash banks and matching of media against known material (exact digests and PDQ).',
  entities: [],
  migrations: [platformTablesMigration(auditLogUpSql), CreateHashBanks1763900000001],
  module: (infra) => HashDetectionModule.register(infra),
  handlers: (app: INestApplication) => {
    const matcher = app.get(MatchReportMediaUseCase);
    return {
      [REPORT_SUBMITTED_V1]: async (payload, event) => void (await matcher.execute(payload as ReportSubmittedV1, event.correlationId)),
    };
  },
};
