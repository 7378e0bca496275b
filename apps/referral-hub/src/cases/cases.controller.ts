import { Controller, DefaultValuePipe, Get, Inject, Param, ParseIntPipe, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CASE_REPOSITORY, type CaseRepository, type CaseSnapshot } from '@vigil/cases';
import { NotFoundError } from '@vigil/kernel';
import { AUDIT_TRAIL, CurrentUser, Roles, type AuditTrail, type StaffUser } from '@vigil/security';

/** Investigators' view of cases. Every read is audited. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases')
export class CasesController {
  constructor(@Inject(CASE_REPOSITORY) private readonly cases: CaseRepository, @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail) {}

  @Get()
  @Roles('investigator', 'supervisor')
  @ApiOperation({ summary: 'Cases, newest first, each with its reports' })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  async list(@CurrentUser() user: StaffUser, @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit = 100): Promise<CaseSnapshot[]> {
    const rows = await this.cases.list(Math.min(Math.max(limit, 1), 500));
    await this.audit.record({ actor: user.username, action: 'list', resourceType: 'case', resourceId: '*', detail: { count: rows.length } });
    return rows;
  }

  @Get(':id')
  @Roles('investigator', 'supervisor')
  @ApiOperation({ summary: 'One case with every report in it, across sources (audited)' })
  async get(@CurrentUser() user: StaffUser, @Param('id', ParseUUIDPipe) id: string): Promise<CaseSnapshot> {
    const kase = await this.cases.findById(id);
    if (!kase) throw new NotFoundError('case', id);
    await this.audit.record({ actor: user.username, action: 'view', resourceType: 'case', resourceId: id });
    return kase;
  }
}
