import { DynamicModule, Module } from '@nestjs/common';
import { createLocalHashFileUseCase, HashFileUseCase } from '@vigil/hashes';
import { pooledRandomBytes, SystemClock } from '@vigil/kernel';
import type { ServiceInfrastructure } from '@vigil/platform';
import {
  AddFollowUpUseCase,
  EVIDENCE_STORE,
  GroupCommitNewReportWriter,
  newFollowUpSecret,
  newReportReference,
  RecordMediaResultUseCase,
  REPORT_LINKS,
  REPORT_REPOSITORY,
  REPORTER_CHANNEL,
  SubmitReportUseCase,
  TypeOrmReportLinks,
  TypeOrmReportRepository,
  TypeOrmReporterChannel,
  type EvidenceStore,
  type ReportLinks,
  type ReportRepository,
  type ReporterChannel,
} from '@vigil/reports';
import { AUDIT_TRAIL } from '@vigil/security';
import { randomUUID } from 'node:crypto';
import { EvidenceModule } from './evidence/evidence.module';
import { IndustryModule } from './industry/industry.module';
import { TriageModule } from './triage/triage.module';
import { PublicReportsController } from './reports/public-reports.controller';
import { ReportTriageController } from './reports/report-triage.controller';
import { ReporterContactController } from './reports/reporter-contact.controller';
import { MEDIA_LIMITS } from './reports/media-intake';
import { TiplineWebModule } from './web-ui/web-ui.module';

const clock = new SystemClock();

@Module({})
export class TiplineModule {
  static register(infra: ServiceInfrastructure): DynamicModule {
    return {
      module: TiplineModule,
      imports: [EvidenceModule.register(infra), TriageModule.register(infra), IndustryModule.register(infra), TiplineWebModule.register(infra)],
      controllers: [PublicReportsController, ReportTriageController, ReporterContactController],
      providers: [
        { provide: AUDIT_TRAIL, useValue: infra.audit },
        // With report links: every new report's URLs and media digests are indexed for related reports.
        { provide: REPORT_REPOSITORY, useFactory: () => new TypeOrmReportRepository(infra.transactions, infra.schema, new TypeOrmReportLinks(infra.transactions, infra.schema)) },
        // The follow-up secret's hash and the (sealed) contact of public reporters: one table, apart from the report.
        { provide: REPORTER_CHANNEL, useFactory: () => new TypeOrmReporterChannel(infra.transactions, infra.schema, infra.cipher) },
        {
          provide: SubmitReportUseCase,
          inject: [REPORT_REPOSITORY, EVIDENCE_STORE, REPORTER_CHANNEL],
          useFactory: (reports: ReportRepository, evidence: EvidenceStore, channel: TypeOrmReporterChannel) =>
            new SubmitReportUseCase(
              reports,
              clock,
              { newId: randomUUID, newReference: () => newReportReference(pooledRandomBytes(8)) },
              evidence,
              (work) => infra.transactions.run(work),
              { channel, newSecret: () => newFollowUpSecret(pooledRandomBytes(24)) },
              // Public reports arriving together are committed together (group commit), with their identifiers for links.
              new GroupCommitNewReportWriter(infra.transactions, infra.schema, channel, true),
            ),
        },
        {
          provide: AddFollowUpUseCase,
          inject: [REPORT_REPOSITORY, REPORTER_CHANNEL, REPORT_LINKS, EVIDENCE_STORE],
          useFactory: (reports: ReportRepository, channel: ReporterChannel, links: ReportLinks, evidence: EvidenceStore) =>
            new AddFollowUpUseCase(reports, channel, clock, { newId: randomUUID }, links, evidence, (work) => infra.transactions.run(work)),
        },
        { provide: RecordMediaResultUseCase, inject: [REPORT_REPOSITORY], useFactory: (reports: ReportRepository) => new RecordMediaResultUseCase(reports, clock) },
        {
          provide: HashFileUseCase,
          useFactory: () => createLocalHashFileUseCase({ maxImageBytes: MEDIA_LIMITS.maxFileBytes, maxPixels: 40_000_000 }),
        },
      ],
    };
  }
}
