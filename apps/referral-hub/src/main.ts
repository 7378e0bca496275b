import type { INestApplication } from '@nestjs/common';
import { CreateCases1763900000002, DisseminationVersion1764000600003, DisseminationsByCase1764000600004, OpenCaseFromEscalationUseCase, PackagesAndDisseminations1764000600002, Referrals1764000600001 } from '@vigil/cases';
import { REPORT_ESCALATED_V1, REPORT_ESCALATED_V2, type ReportEscalatedV1, type ReportEscalatedV2 } from '@vigil/contracts';
import { OUTBOX_RETENTION_RULE, platformTablesMigration, RelayedOutboxRetention } from '@vigil/persistence';
import type { ServiceDefinition } from '@vigil/platform';
import { AuditHashChain1764000800000, auditLogUpSql, CreateApiKeys1764000200000, CreateStaffAccounts1764001000000 } from '@vigil/security';
import { CreateIdentifiedVictims1764000900001, SealIdentifiedVictimRecords1764310000001 } from '@vigil/victim-identification';
import { ReferralHubModule } from './referral-hub.module';
import { referralHubGauges } from './operations/referral-hub.gauges';

/** The law-enforcement hub: referrals in, triage and cases, packages out to the police service of jurisdiction. */
export const referralHubService: ServiceDefinition = {
  name: 'referral-hub',
  schema: 'referral_hub',
  title: 'Vigil referral hub',
  description: 'Referrals from the tipline, NCMEC and police services: triage, cases, jurisdiction, packages and dissemination to police services.',
  entities: [],
  migrations: [platformTablesMigration(auditLogUpSql), CreateApiKeys1764000200000, AuditHashChain1764000800000, CreateStaffAccounts1764001000000, CreateCases1763900000002, Referrals1764000600001, PackagesAndDisseminations1764000600002, DisseminationVersion1764000600003, DisseminationsByCase1764000600004, CreateIdentifiedVictims1764000900001, SealIdentifiedVictimRecords1764310000001],
  module: (infra) => ReferralHubModule.register(infra),
  gauges: (infra) => referralHubGauges(infra),
  retention: { rules: [OUTBOX_RETENTION_RULE], targets: (infra) => [new RelayedOutboxRetention(infra.transactions, infra.schema)] },
  handlers: (app: INestApplication) => {
    const openCase = app.get(OpenCaseFromEscalationUseCase);
    return {
      // v1 stays for escalations published before v2 and still in flight.
      [REPORT_ESCALATED_V1]: async (payload) => void (await openCase.execute(payload as ReportEscalatedV1)),
      [REPORT_ESCALATED_V2]: async (payload) => void (await openCase.execute(payload as ReportEscalatedV2)),
    };
  },
};
