import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmCaseRepository } from '@vigil/cases';
import { isProvinceCode } from '@vigil/jurisdictions';
import { CLOCK, SystemClock, type Clock } from '@vigil/kernel';
import type { ServiceInfrastructure } from '@vigil/platform';
import { AUDIT_TRAIL } from '@vigil/security';
import {
  AdvanceIcseUseCase,
  RecordIdentificationUseCase,
  TypeOrmVictimRepository,
  VICTIM_REPOSITORY,
  VictimFiguresUseCase,
  type VictimReferenceData,
  type VictimRepository,
} from '@vigil/victim-identification';
import { randomUUID } from 'node:crypto';
import { POLICE_SERVICE_REGISTRY } from '../jurisdiction/case-jurisdiction';
import { SealPlaintextVictims } from './seal-plaintext-victims';
import { VictimsController } from './victims.controller';

/** Agencies and provinces come from the jurisdictions registry the rest of the hub uses. */
const REFERENCE_DATA: VictimReferenceData = {
  isPoliceService: (id) => POLICE_SERVICE_REGISTRY.find(id) !== undefined,
  isProvince: (code) => isProvinceCode(code),
};

/** The victim-identification log (routes under /api/v1/victims). */
@Module({})
export class VictimsModule {
  static register(infra: ServiceInfrastructure): DynamicModule {
    const cases = new TypeOrmCaseRepository(infra.transactions, infra.schema);
    return {
      module: VictimsModule,
      controllers: [VictimsController],
      providers: [
        { provide: AUDIT_TRAIL, useValue: infra.audit },
        { provide: CLOCK, useValue: new SystemClock() },
        { provide: VICTIM_REPOSITORY, useFactory: () => new TypeOrmVictimRepository(infra.transactions, infra.schema, infra.cipher) },
        { provide: SealPlaintextVictims, inject: [VICTIM_REPOSITORY], useFactory: (victims: TypeOrmVictimRepository) => new SealPlaintextVictims(victims, infra.log) },
        {
          provide: RecordIdentificationUseCase,
          inject: [VICTIM_REPOSITORY, CLOCK],
          useFactory: (victims: VictimRepository, clock: Clock) =>
            new RecordIdentificationUseCase(victims, clock, randomUUID, REFERENCE_DATA, async (caseId) => (await cases.findById(caseId)) !== undefined),
        },
        { provide: AdvanceIcseUseCase, inject: [VICTIM_REPOSITORY, CLOCK], useFactory: (victims: VictimRepository, clock: Clock) => new AdvanceIcseUseCase(victims, clock) },
        { provide: VictimFiguresUseCase, inject: [VICTIM_REPOSITORY], useFactory: (victims: VictimRepository) => new VictimFiguresUseCase(victims) },
      ],
    };
  }
}
