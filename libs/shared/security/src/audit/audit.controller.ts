import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsNumberString, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { StaffUser } from '../auth/staff-directory';
import type { AuditChainRow } from './audit-chain';
import { AUDIT_LOG_READER, type AuditLogReader } from './audit-log.reader';
import { AUDIT_TRAIL, type AuditAction, type AuditTrail } from './audit-trail';
import { describeAuditChainResult, VerifyAuditChainUseCase } from './verify-audit-chain.use-case';

const AUDIT_ACTIONS: AuditAction[] = ['view', 'list', 'create', 'change', 'export', 'disseminate', 'override', 'purge', 'sign-in'];

export class AuditQuery {
  @ApiPropertyOptional({ example: 'analyst' }) @IsOptional() @IsString() @MaxLength(200) actor?: string;
  @ApiPropertyOptional({ description: '`resource-type:resource-id`, or a resource id alone', example: 'evidence:3f2c…' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  subject?: string;
  @ApiPropertyOptional({ enum: AUDIT_ACTIONS }) @IsOptional() @IsIn(AUDIT_ACTIONS, { message: `action must be one of ${AUDIT_ACTIONS.join(', ')}` }) action?: AuditAction;
  @ApiPropertyOptional({ description: 'from this instant (inclusive), ISO 8601' }) @IsOptional() @Type(() => Date) @IsDate({ message: 'from must be an ISO 8601 date-time' }) from?: Date;
  @ApiPropertyOptional({ description: 'before this instant (exclusive), ISO 8601' }) @IsOptional() @Type(() => Date) @IsDate({ message: 'to must be an ISO 8601 date-time' }) to?: Date;
  @ApiPropertyOptional({ description: 'rows after this seq (paging)' }) @IsOptional() @IsNumberString({ no_symbols: true }, { message: 'afterSeq must be a whole number' }) afterSeq?: string;
  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(1000, { message: 'limit must be at most 1000' })
  limit?: number;
}

export class AuditEntryView {
  @ApiProperty({ example: '42' }) seq!: string;
  @ApiProperty() at!: string;
  @ApiProperty() actor!: string;
  @ApiProperty() action!: string;
  @ApiProperty() resourceType!: string;
  @ApiProperty() resourceId!: string;
  @ApiPropertyOptional({ type: Object, nullable: true }) detail!: unknown;
  @ApiProperty() prevHash!: string;
  @ApiProperty() rowHash!: string;
}

export class AuditVerifyView {
  @ApiProperty() ok!: boolean;
  @ApiProperty({ description: 'rows verified (before the break, when broken)' }) verified!: number;
  @ApiPropertyOptional({ example: '17' }) brokenAtSeq?: string;
  @ApiPropertyOptional({ enum: ['gap', 'prev-mismatch', 'hash-mismatch'] }) reason?: string;
  @ApiProperty() message!: string;
}

function view(row: AuditChainRow): AuditEntryView {
  return { seq: row.seq, at: row.at.toISOString(), actor: row.actor, action: row.action, resourceType: row.resourceType, resourceId: row.resourceId, detail: row.detail, prevHash: row.prevHash, rowHash: row.rowHash };
}

/** The service's audit log for auditors: search it, and check its hash chain. Reading it is audited too. */
@ApiTags('audit')
@Controller('api/v1/audit')
export class AuditController {
  constructor(@Inject(AUDIT_LOG_READER) private readonly reader: AuditLogReader, @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail) {}

  @Get()
  @Roles('auditor')
  @ApiOperation({ summary: 'Search the audit log (in seq order; page with afterSeq)' })
  @ApiOkResponse({ type: [AuditEntryView] })
  async search(@Query() query: AuditQuery, @CurrentUser() user: StaffUser): Promise<AuditEntryView[]> {
    const { limit = 100, ...filter } = query;
    const rows = await this.reader.search({ ...filter, limit });
    await this.audit.record({ actor: user.username, action: 'list', resourceType: 'audit-log', resourceId: 'search', detail: { ...filter, returned: rows.length } });
    return rows.map(view);
  }

  @Get('verify')
  @Roles('auditor')
  @ApiOperation({ summary: "Walk the whole hash chain and report the first broken seq, if any" })
  @ApiOkResponse({ type: AuditVerifyView })
  async verify(@CurrentUser() user: StaffUser): Promise<AuditVerifyView> {
    const result = await new VerifyAuditChainUseCase(this.reader).execute();
    await this.audit.record({ actor: user.username, action: 'view', resourceType: 'audit-log', resourceId: 'verify', detail: { ok: result.ok, verified: result.verified } });
    const message = describeAuditChainResult(result);
    return result.ok ? { ok: true, verified: result.verified, message } : { ok: false, verified: result.verified, brokenAtSeq: result.break.seq, reason: result.break.reason, message };
  }
}
