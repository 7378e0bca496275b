import type { INestApplication } from '@nestjs/common';
import { MEDIA_MATCHED_V1, MEDIA_UNKNOWN_V1, type MediaMatchedV1, type MediaUnknownV1 } from '@vigil/contracts';
import { platformTablesMigration } from '@vigil/persistence';
import type { ServiceDefinition } from '@vigil/platform';
import { CreateReports1763900000000, RecordMediaResultUseCase, ReportEntity } from '@vigil/reports';
import { CreateEvidenceFiles1764000400000 } from '@vigil/reports';
import { CreateTriageAndIndustryIntake1764000700000 } from '@vigil/reports';
import { AuditHashChain1764000800000, auditLogUpSql, CreateApiKeys1764000200000 } from '@vigil/security';
import { TiplineModule } from './tipline.module';

/** The public and industry reporting line, and the analysts' triage API. */
export const tiplineService: ServiceDefinition = {
  name: 'tipline',
  schema: 'tipline',
  title: 'Vigil tipline',
  description: 'Public and industry reports of online child sexual exploitation, and the analysts’ triage queue.',
  entities: [ReportEntity],
  migrations: [platformTablesMigration(auditLogUpSql), CreateApiKeys1764000200000, AuditHashChain1764000800000, CreateReports1763900000000, CreateEvidenceFiles1764000400000, CreateTriageAndIndustryIntake1764000700000],
  module: (infra) => TiplineModule.register(infra),
  handlers: (app: INestApplication) => {
    const results = app.get(RecordMediaResultUseCase);
    return {
      [MEDIA_MATCHED_V1]: async (payload) => void (await results.matched(payload as MediaMatchedV1)),
      [MEDIA_UNKNOWN_V1]: async (payload) => void (await results.unknown(payload as MediaUnknownV1)),
    };
  },
};
