import type { INestApplication } from '@nestjs/common';
import { CreateCases1763900000002, OpenCaseFromEscalationUseCase } from '@vigil/cases';
import { REPORT_ESCALATED_V1, type ReportEscalatedV1 } from '@vigil/contracts';
import { platformTablesMigration } from '@vigil/persistence';
import type { ServiceDefinition } from '@vigil/platform';
import { auditLogUpSql } from '@vigil/security';
import { ReferralHubModule } from './referral-hub.module';

/** The law-enforcement hub: cases opened from escalated reports. */
export const referralHubService: ServiceDefinition = {
  name: 'referral-hub',
  schema: 'referral_hub',
  title: 'Vigil referral hub',
  description: 'Cases for law enforcement, opened from escalated tipline reports.',
  entities: [],
  migrations: [platformTablesMigration(auditLogUpSql), CreateCases1763900000002],
  module: (infra) => ReferralHubModule.register(infra),
  handlers: (app: INestApplication) => {
    const openCase = app.get(OpenCaseFromEscalationUseCase);
    return {
      [REPORT_ESCALATED_V1]: async (payload) => void (await openCase.execute(payload as ReportEscalatedV1)),
    };
  },
};
