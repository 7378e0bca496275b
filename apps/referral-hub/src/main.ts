import type { INestApplication } from '@nestjs/common';
import { CreateCases1763900000002, OpenCaseFromEscalationUseCase, PackagesAndDisseminations1764000600002, Referrals1764000600001 } from '@vigil/cases';
import { REPORT_ESCALATED_V1, type ReportEscalatedV1 } from '@vigil/contracts';
import { platformTablesMigration } from '@vigil/persistence';
import type { ServiceDefinition } from '@vigil/platform';
import { AuditHashChain1764000800000, auditLogUpSql, CreateApiKeys1764000200000 } from '@vigil/security';
import { CreateIdentifiedVictims1764000900001 } from '@vigil/victim-identification';
import { ReferralHubModule } from './referral-hub.module';

/** The law-enforcement hub: referrals in, triage and cases, packages out to the police service of jurisdiction. */
export const referralHubService: ServiceDefinition = {
  name: 'referral-hub',
  schema: 'referral_hub',
  title: 'Vigil referral hub',
  description: 'Referrals from the tipline, NCMEC and police services: triage, cases, jurisdiction, packages and dissemination to police services.',
  entities: [],
  migrations: [platformTablesMigration(auditLogUpSql), CreateApiKeys1764000200000, AuditHashChain1764000800000, CreateCases1763900000002, Referrals1764000600001, PackagesAndDisseminations1764000600002, CreateIdentifiedVictims1764000900001],
  module: (infra) => ReferralHubModule.register(infra),
  handlers: (app: INestApplication) => {
    const openCase = app.get(OpenCaseFromEscalationUseCase);
    return {
      [REPORT_ESCALATED_V1]: async (payload) => void (await openCase.execute(payload as ReportEscalatedV1)),
    };
  },
};
