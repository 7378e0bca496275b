import { DynamicModule, Module } from '@nestjs/common';
import { createLocalHashFileUseCase, HashFileUseCase } from '@vigil/hashes';
import { SystemClock } from '@vigil/kernel';
import type { ServiceInfrastructure } from '@vigil/platform';
import {
  EVIDENCE_STORE,
  newReportReference,
  RecordMediaResultUseCase,
  REPORT_REPOSITORY,
  SubmitReportUseCase,
  TypeOrmReportLinks,
  TypeOrmReportRepository,
  type EvidenceStore,
  type ReportRepository,
} from '@vigil/reports';
import { AUDIT_TRAIL } from '@vigil/security';
import { randomBytes, randomUUID } from 'node:crypto';
import { EvidenceModule } from './evidence/evidence.module';
import { IndustryModule } from './industry/industry.module';
import { TriageModule } from './triage/triage.module';
import { PublicReportsController } from './reports/public-reports.controller';
import { ReportTriageController } from './reports/report-triage.controller';
import { MEDIA_LIMITS } from './reports/media-intake';
import { TiplineWebModule } from './web-ui/web-ui.module';

const clock = new SystemClock();

@Module({})
export class TiplineModule {
  static register(infra: ServiceInfrastructure): DynamicModule {
    return {
      module: TiplineModule,
      imports: [EvidenceModule.register(infra), TriageModule.register(infra), IndustryModule.register(infra), TiplineWebModule.register(infra)],
      controllers: [PublicReportsController, ReportTriageController],
      providers: [
        { provide: AUDIT_TRAIL, useValue: infra.audit },
        // With report links: every new report's URLs and media digests are indexed for related reports.
        { provide: REPORT_REPOSITORY, useFactory: () => new TypeOrmReportRepository(infra.transactions, infra.schema, new TypeOrmReportLinks(infra.transactions, infra.schema)) },
        {
          provide: SubmitReportUseCase,
          inject: [REPORT_REPOSITORY, EVIDENCE_STORE],
          useFactory: (reports: ReportRepository, evidence: EvidenceStore) =>
            new SubmitReportUseCase(reports, clock, { newId: randomUUID, newReference: () => newReportReference(randomBytes(8)) }, evidence, (work) => infra.transactions.run(work)),
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
