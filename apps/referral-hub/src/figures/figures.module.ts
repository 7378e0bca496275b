import { DynamicModule, Module } from '@nestjs/common';
import { ReferralFiguresUseCase, TypeOrmReferralFigures } from '@vigil/cases';
import type { ServiceInfrastructure } from '@vigil/platform';
import { AUDIT_TRAIL } from '@vigil/security';
import { IdentifiedPerPeriodUseCase, TypeOrmIdentifiedVictimCounts } from '@vigil/victim-identification';
import { FiguresController } from './figures.controller';

/** GET /api/v1/figures: the hub's counts (cases context) beside victims identified (victim-identification context, suppressed there). */
@Module({})
export class FiguresModule {
  static register(infra: ServiceInfrastructure): DynamicModule {
    return {
      module: FiguresModule,
      controllers: [FiguresController],
      providers: [
        { provide: AUDIT_TRAIL, useValue: infra.audit },
        {
          provide: ReferralFiguresUseCase,
          useFactory: () =>
            new ReferralFiguresUseCase(
              new TypeOrmReferralFigures(infra.transactions, infra.schema),
              new IdentifiedPerPeriodUseCase(new TypeOrmIdentifiedVictimCounts(infra.transactions, infra.schema)),
            ),
        },
      ],
    };
  }
}
