import { DynamicModule, Module } from '@nestjs/common';
import type { ServiceInfrastructure } from '@vigil/platform';
import { EVIDENCE_STORE, TypeOrmEvidenceStore } from '@vigil/reports';
import { AUDIT_TRAIL } from '@vigil/security';
import { EvidenceController } from './evidence.controller';
import { SealPlaintextEvidence } from './seal-plaintext-evidence';

/** The evidence store (report intake writes to it) and the staff route that reads it. */
@Module({})
export class EvidenceModule {
  static register(infra: ServiceInfrastructure): DynamicModule {
    return {
      module: EvidenceModule,
      controllers: [EvidenceController],
      providers: [
        { provide: AUDIT_TRAIL, useValue: infra.audit },
        { provide: EVIDENCE_STORE, useFactory: () => new TypeOrmEvidenceStore(infra.transactions, infra.schema, infra.cipher) },
        { provide: SealPlaintextEvidence, inject: [EVIDENCE_STORE], useFactory: (store: TypeOrmEvidenceStore) => new SealPlaintextEvidence(store, infra.log) },
      ],
      exports: [EVIDENCE_STORE],
    };
  }
}
