import { DynamicModule, Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { DEFAULT_XML_LIMITS } from '@vigil/cybertip-xml';
import type { ServiceInfrastructure } from '@vigil/platform';
import { AUDIT_TRAIL } from '@vigil/security';
import { text } from 'express';
import { IndustryReportsController } from './industry-reports.controller';

/** Industry intake routes; the use case and stores come from TriageModule (global to the tipline). */
@Module({})
export class IndustryModule implements NestModule {
  static register(infra: ServiceInfrastructure): DynamicModule {
    return {
      module: IndustryModule,
      controllers: [IndustryReportsController],
      providers: [{ provide: AUDIT_TRAIL, useValue: infra.audit }],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // The platform parses JSON only; CyberTipline documents arrive as XML text. The parser's own
    // size limit matches the XML reader's, so an oversized document is refused before parsing.
    consumer
      .apply(text({ type: ['application/xml', 'text/xml', 'application/*+xml'], limit: DEFAULT_XML_LIMITS.maxBytes }))
      .forRoutes({ path: 'api/v1/industry-reports/cybertip', method: RequestMethod.POST });
  }
}
