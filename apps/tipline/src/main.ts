import type { INestApplication } from '@nestjs/common';
import { MEDIA_MATCHED_V1, MEDIA_UNKNOWN_V1, type MediaMatchedV1, type MediaUnknownV1 } from '@vigil/contracts';
import { OUTBOX_RETENTION_RULE, platformTablesMigration, RelayedOutboxRetention } from '@vigil/persistence';
import type { ServiceDefinition } from '@vigil/platform';
import { CreateReports1763900000000, RecordMediaResultUseCase, ReportEntity } from '@vigil/reports';
import { CreateEvidenceFiles1764000400000 } from '@vigil/reports';
import { CreateTriageAndIndustryIntake1764000700000 } from '@vigil/reports';
import { REPORT_RETENTION_RULES, ReportClosedAt1764310000002, reportRetentionTargets } from '@vigil/reports';
import { PublicReportDetails1764001100004 } from '@vigil/reports';
import { AuditHashChain1764000800000, auditLogUpSql, CreateApiKeys1764000200000, CreateStaffAccounts1764001000000 } from '@vigil/security';
import { TiplineModule } from './tipline.module';
import { tiplineGauges } from './operations/tipline.gauges';

/** The public and industry reporting line, and the analysts' triage API. */
export const tiplineService: ServiceDefinition = {
  name: 'tipline',
  schema: 'tipline',
  title: 'Vigil tipline',
  description: 'Public and industry reports of online child sexual exploitation, and the analysts’ triage queue.',
  entities: [ReportEntity],
  migrations: [platformTablesMigration(auditLogUpSql), CreateApiKeys1764000200000, AuditHashChain1764000800000, CreateStaffAccounts1764001000000, CreateReports1763900000000, CreateEvidenceFiles1764000400000, CreateTriageAndIndustryIntake1764000700000, PublicReportDetails1764001100004, ReportClosedAt1764310000002],
  module: (infra) => TiplineModule.register(infra),
  gauges: (infra) => tiplineGauges(infra),
  retention: {
    rules: [...REPORT_RETENTION_RULES, OUTBOX_RETENTION_RULE],
    targets: (infra) => [...reportRetentionTargets(infra.transactions, infra.schema), new RelayedOutboxRetention(infra.transactions, infra.schema)],
  },
  handlers: (app: INestApplication) => {
    const results = app.get(RecordMediaResultUseCase);
    return {
      [MEDIA_MATCHED_V1]: async (payload) => void (await results.matched(payload as MediaMatchedV1)),
      [MEDIA_UNKNOWN_V1]: async (payload) => void (await results.unknown(payload as MediaUnknownV1)),
    };
  },
};
