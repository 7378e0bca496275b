import { DynamicModule, Module } from '@nestjs/common';
import type { ServiceInfrastructure } from '@vigil/platform';
import { BanksController } from './banks/banks.controller';
import { BanksModule } from './banks/banks.module';
import { HashBanksCoreModule } from './hash-banks-core.module';
import { IndexStatusModule } from './index-status/index-status.module';
import { MatchModule } from './match/match.module';
import { WebUiModule } from './web-ui/web-ui.module';
import { ReviewModule } from './review/review.module';
import { TakedownModule } from './takedown/takedown.module';

/** The hash-detection service: the shared core plus one module per feature. */
@Module({})
export class HashDetectionModule {
  static register(infra: ServiceInfrastructure): DynamicModule {
    return {
      module: HashDetectionModule,
      imports: [
        HashBanksCoreModule.register(infra),
        // Feature modules: one line each.
        MatchModule,
        IndexStatusModule,
        BanksModule,
        WebUiModule.register(infra),
        ReviewModule.register(infra),
        TakedownModule.register(infra),
      ],
      controllers: [BanksController],
    };
  }
}
