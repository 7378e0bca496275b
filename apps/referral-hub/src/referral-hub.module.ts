import { DynamicModule, Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import {
  BuildPackageUseCase,
  CASE_REPOSITORY,
  CONTENT_DIGEST,
  DecideTriageUseCase,
  DisseminateCaseUseCase,
  DISSEMINATION_REPOSITORY,
  NodeContentDigest,
  PACKAGE_RENDERER,
  PACKAGE_REPOSITORY,
  PdfkitPackageRenderer,
  PoliceServiceReferralsUseCase,
  TypeOrmDisseminationRepository,
  TypeOrmPackageRepository,
  type ContentDigest,
  type DisseminationRepository,
  type PackageRenderer,
  type PackageRepository,
  MergeCasesUseCase,
  OpenCaseFromEscalationUseCase,
  OverrideJurisdictionUseCase,
  ReceiveReferralUseCase,
  SplitCaseUseCase,
  TypeOrmCaseRepository,
  type CaseRepository,
} from '@vigil/cases';
import { LibphonenumberPhoneParser, ResolveJurisdictionUseCase } from '@vigil/jurisdictions';
import { CLOCK, SystemClock, type Clock } from '@vigil/kernel';
import type { ServiceInfrastructure } from '@vigil/platform';
import { AUDIT_TRAIL } from '@vigil/security';
import { text } from 'express';
import { randomUUID } from 'node:crypto';
import { CasesController } from './cases/cases.controller';
import { IntakeController, XML_BODY_LIMIT, XML_CONTENT_TYPES } from './intake/intake.controller';
import { ipGeolocatorFromEnv, isJurisdictionTarget, POLICE_SERVICE_REGISTRY } from './jurisdiction/case-jurisdiction';
import { PoliceServicesController } from './jurisdiction/police-services.controller';
import { DisseminationController } from './dissemination/dissemination.controller';
import { PartnerReferralsController } from './dissemination/partner-referrals.controller';
import { PackagesController } from './packages/packages.controller';
import { REFERRAL_SETTINGS, referralSettingsFromEnv } from './referral-settings';
import { TriageController } from './triage/triage.controller';
import { VictimsModule } from './victims/victims.module';
import { FiguresModule } from './figures/figures.module';
import { ReferralHubWebModule } from './web-ui/web-ui.module';

@Module({})
export class ReferralHubModule implements NestModule {
  static register(infra: ServiceInfrastructure): DynamicModule {
    return {
      module: ReferralHubModule,
      imports: [VictimsModule.register(infra), FiguresModule.register(infra), ReferralHubWebModule.register(infra)],
      controllers: [CasesController, TriageController, IntakeController, PackagesController, DisseminationController, PartnerReferralsController, PoliceServicesController],
      providers: [
        { provide: AUDIT_TRAIL, useValue: infra.audit },
        { provide: CLOCK, useValue: new SystemClock() },
        { provide: REFERRAL_SETTINGS, useValue: referralSettingsFromEnv(process.env) },
        { provide: CASE_REPOSITORY, useFactory: () => new TypeOrmCaseRepository(infra.transactions, infra.schema) },
        { provide: PACKAGE_REPOSITORY, useFactory: () => new TypeOrmPackageRepository(infra.transactions, infra.schema) },
        { provide: DISSEMINATION_REPOSITORY, useFactory: () => new TypeOrmDisseminationRepository(infra.transactions, infra.schema) },
        { provide: PACKAGE_RENDERER, useValue: new PdfkitPackageRenderer() },
        { provide: CONTENT_DIGEST, useValue: new NodeContentDigest() },
        {
          provide: BuildPackageUseCase,
          inject: [CASE_REPOSITORY, PACKAGE_REPOSITORY, PACKAGE_RENDERER, CONTENT_DIGEST, CLOCK],
          useFactory: (cases: CaseRepository, packages: PackageRepository, renderer: PackageRenderer, digest: ContentDigest, clock: Clock) =>
            new BuildPackageUseCase(cases, packages, renderer, digest, clock),
        },
        {
          provide: DisseminateCaseUseCase,
          inject: [CASE_REPOSITORY, PACKAGE_REPOSITORY, DISSEMINATION_REPOSITORY, CLOCK],
          useFactory: (cases: CaseRepository, packages: PackageRepository, disseminations: DisseminationRepository, clock: Clock) =>
            new DisseminateCaseUseCase(cases, packages, disseminations, clock, randomUUID, (id) => POLICE_SERVICE_REGISTRY.find(id) !== undefined),
        },
        {
          provide: PoliceServiceReferralsUseCase,
          inject: [DISSEMINATION_REPOSITORY, CLOCK],
          useFactory: (disseminations: DisseminationRepository, clock: Clock) => new PoliceServiceReferralsUseCase(disseminations, clock),
        },
        {
          provide: ReceiveReferralUseCase,
          inject: [CASE_REPOSITORY, CLOCK],
          useFactory: (cases: CaseRepository, clock: Clock) => new ReceiveReferralUseCase(cases, clock, randomUUID),
        },
        { provide: OpenCaseFromEscalationUseCase, inject: [ReceiveReferralUseCase], useFactory: (receive: ReceiveReferralUseCase) => new OpenCaseFromEscalationUseCase(receive) },
        { provide: DecideTriageUseCase, inject: [CASE_REPOSITORY, CLOCK], useFactory: (cases: CaseRepository, clock: Clock) => new DecideTriageUseCase(cases, clock) },
        { provide: MergeCasesUseCase, inject: [CASE_REPOSITORY, CLOCK], useFactory: (cases: CaseRepository, clock: Clock) => new MergeCasesUseCase(cases, clock) },
        { provide: SplitCaseUseCase, inject: [CASE_REPOSITORY, CLOCK], useFactory: (cases: CaseRepository, clock: Clock) => new SplitCaseUseCase(cases, clock, randomUUID) },
        {
          provide: OverrideJurisdictionUseCase,
          inject: [CASE_REPOSITORY, CLOCK],
          useFactory: (cases: CaseRepository, clock: Clock) => new OverrideJurisdictionUseCase(cases, clock, isJurisdictionTarget),
        },
        {
          provide: ResolveJurisdictionUseCase,
          inject: [CLOCK],
          useFactory: async (clock: Clock) =>
            new ResolveJurisdictionUseCase(await ipGeolocatorFromEnv(process.env, infra.log), new LibphonenumberPhoneParser(), clock, { registry: POLICE_SERVICE_REGISTRY }),
        },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // NCMEC reports arrive as XML; every other route takes JSON.
    consumer.apply(text({ type: XML_CONTENT_TYPES, limit: XML_BODY_LIMIT })).forRoutes({ path: 'api/v1/intake/cybertip', method: RequestMethod.POST });
  }
}
