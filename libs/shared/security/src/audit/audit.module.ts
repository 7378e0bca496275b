import { DynamicModule, Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AUDIT_LOG_READER, type AuditLogReader } from './audit-log.reader';
import { AUDIT_TRAIL, type AuditTrail } from './audit-trail';

/** The auditors' API over one service's audit log (`/api/v1/audit`, `/api/v1/audit/verify`). */
@Module({})
export class AuditModule {
  static register(options: { reader: AuditLogReader; audit: AuditTrail }): DynamicModule {
    return {
      module: AuditModule,
      controllers: [AuditController],
      providers: [
        { provide: AUDIT_LOG_READER, useValue: options.reader },
        { provide: AUDIT_TRAIL, useValue: options.audit },
      ],
    };
  }
}
