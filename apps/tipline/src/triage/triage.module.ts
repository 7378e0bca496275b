import { DynamicModule, Module } from '@nestjs/common';
import { pooledRandomBytes, SystemClock } from '@vigil/kernel';
import type { ServiceInfrastructure } from '@vigil/platform';
import {
  EscalateReportUseCase,
  INDUSTRY_SUBMISSIONS,
  newReportReference,
  REPORT_FIGURES,
  REPORT_LINKS,
  REPORT_TRIAGE_REPOSITORY,
  SubmitIndustryReportUseCase,
  TriageReportUseCase,
  TypeOrmIndustrySubmissions,
  TypeOrmReportFigures,
  TypeOrmReportLinks,
  TypeOrmReportRepository,
  TypeOrmReportTriageRepository,
  type IndustrySubmissions,
  type ReportLinks,
  type ReportTriageRepository,
} from '@vigil/reports';
import { AUDIT_TRAIL } from '@vigil/security';
import { randomUUID } from 'node:crypto';
import { FiguresController } from './figures.controller';
import { ReportDecisionsController } from './report-decisions.controller';
import { triageConfigFromEnv } from './triage.config';

/** The repository triage and industry intake use; it indexes new reports' identifiers. */
const TRIAGE_REPORTS = Symbol('TriageReports');

/**
 * Triage (claims, classification, decisions, timeline, related reports, figures) and the
 * industry intake use case. Global so the reports and industry controllers can use them.
 */
@Module({})
export class TriageModule {
  static register(infra: ServiceInfrastructure): DynamicModule {
    const clock = new SystemClock();
    const atomically = <T>(work: () => Promise<T>) => infra.transactions.run(work);
    const config = triageConfigFromEnv(process.env);
    return {
      module: TriageModule,
      global: true,
      controllers: [ReportDecisionsController, FiguresController],
      providers: [
        { provide: AUDIT_TRAIL, useValue: infra.audit },
        { provide: REPORT_LINKS, useFactory: () => new TypeOrmReportLinks(infra.transactions, infra.schema) },
        { provide: REPORT_TRIAGE_REPOSITORY, useFactory: () => new TypeOrmReportTriageRepository(infra.transactions, infra.schema) },
        { provide: INDUSTRY_SUBMISSIONS, useFactory: () => new TypeOrmIndustrySubmissions(infra.transactions, infra.schema) },
        { provide: REPORT_FIGURES, useFactory: () => new TypeOrmReportFigures(infra.transactions, infra.schema) },
        { provide: TRIAGE_REPORTS, inject: [REPORT_LINKS], useFactory: (links: TypeOrmReportLinks) => new TypeOrmReportRepository(infra.transactions, infra.schema, links) },
        {
          provide: TriageReportUseCase,
          inject: [TRIAGE_REPORTS, REPORT_TRIAGE_REPOSITORY, REPORT_LINKS, INDUSTRY_SUBMISSIONS],
          useFactory: (reports: TypeOrmReportRepository, triages: ReportTriageRepository, links: ReportLinks, submissions: IndustrySubmissions) =>
            new TriageReportUseCase(reports, triages, new EscalateReportUseCase(reports, clock, { links, submissions }), clock, { claimMinutes: config.claimMinutes }, atomically),
        },
        {
          provide: SubmitIndustryReportUseCase,
          inject: [TRIAGE_REPORTS, INDUSTRY_SUBMISSIONS, REPORT_LINKS, REPORT_TRIAGE_REPOSITORY],
          useFactory: (reports: TypeOrmReportRepository, submissions: IndustrySubmissions, links: ReportLinks, triages: ReportTriageRepository) =>
            new SubmitIndustryReportUseCase(reports, submissions, links, triages, clock, { newId: randomUUID, newReference: () => newReportReference(pooledRandomBytes(8)) }, atomically),
        },
      ],
      exports: [TriageReportUseCase, SubmitIndustryReportUseCase, REPORT_LINKS, INDUSTRY_SUBMISSIONS],
    };
  }
}
