import { DynamicModule, Module } from '@nestjs/common';
import { CASE_REPOSITORY, OpenCaseFromEscalationUseCase, TypeOrmCaseRepository, type CaseRepository } from '@vigil/cases';
import { SystemClock } from '@vigil/kernel';
import type { ServiceInfrastructure } from '@vigil/platform';
import { AUDIT_TRAIL } from '@vigil/security';
import { randomUUID } from 'node:crypto';
import { CasesController } from './cases/cases.controller';

@Module({})
export class ReferralHubModule {
  static register(infra: ServiceInfrastructure): DynamicModule {
    return {
      module: ReferralHubModule,
      controllers: [CasesController],
      providers: [
        { provide: AUDIT_TRAIL, useValue: infra.audit },
        { provide: CASE_REPOSITORY, useFactory: () => new TypeOrmCaseRepository(infra.transactions, infra.schema) },
        {
          provide: OpenCaseFromEscalationUseCase,
          inject: [CASE_REPOSITORY],
          useFactory: (cases: CaseRepository) => new OpenCaseFromEscalationUseCase(cases, new SystemClock(), randomUUID),
        },
      ],
    };
  }
}
