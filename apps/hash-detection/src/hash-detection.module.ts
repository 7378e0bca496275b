import { DynamicModule, Module } from '@nestjs/common';
import type { ServiceInfrastructure } from '@vigil/platform';
import { BanksController } from './banks/banks.controller';
import { HashBanksCoreModule } from './hash-banks-core.module';

/** The hash-detection service: the shared core plus one module per feature. */
@Module({})
export class HashDetectionModule {
  static register(infra: ServiceInfrastructure): DynamicModule {
    return {
      module: HashDetectionModule,
      imports: [
        HashBanksCoreModule.register(infra),
        // Feature modules: one line each.
      ],
      controllers: [BanksController],
    };
  }
}
