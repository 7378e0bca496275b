import { Body, Controller, DefaultValuePipe, Get, HttpCode, Inject, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { NotFoundError, isId } from '@vigil/kernel';
import { REPORT_REPOSITORY, TriageReportUseCase, type ReportRepository, type ReportSnapshot } from '@vigil/reports';
import { AUDIT_TRAIL, CurrentUser, Roles, type AuditTrail, type StaffUser } from '@vigil/security';
import { EscalateReportRequest } from './submit-report.dto';

/** Analysts' view of reports: the priority queue, one report, escalation. Reads are audited. */
@ApiTags('triage')
@ApiBearerAuth()
@Controller('api/v1/reports')
export class ReportTriageController {
  constructor(
    @Inject(REPORT_REPOSITORY) private readonly reports: ReportRepository,
    private readonly triage: TriageReportUseCase,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
  ) {}

  @Get()
  @Roles('analyst', 'supervisor')
  @ApiOperation({ summary: 'The triage queue: most urgent first, then oldest, with the reasons for each priority' })
  @ApiQuery({ name: 'status', required: false, enum: ['submitted', 'escalated', 'closed'] })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  async queue(
    @CurrentUser() user: StaffUser,
    @Query('status') status?: ReportSnapshot['status'],
    @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit = 100,
  ): Promise<ReportSnapshot[]> {
    const rows = await this.reports.queue({ status, limit: Math.min(Math.max(limit, 1), 500) });
    await this.audit.record({ actor: user.username, action: 'list', resourceType: 'report', resourceId: '*', detail: { count: rows.length, status } });
    return rows;
  }

  @Get(':idOrReference')
  @Roles('analyst', 'supervisor')
  @ApiOperation({ summary: 'One report, by id or by the reference the reporter holds (audited)' })
  async get(@CurrentUser() user: StaffUser, @Param('idOrReference') key: string): Promise<ReportSnapshot> {
    const report = isId(key) ? await this.reports.findById(key) : await this.reports.findByReference(key.toUpperCase());
    if (!report) throw new NotFoundError('report', key);
    const snapshot = report.snapshot();
    await this.audit.record({ actor: user.username, action: 'view', resourceType: 'report', resourceId: snapshot.id });
    return snapshot;
  }

  @Post(':id/escalate')
  @HttpCode(200)
  @Roles('analyst', 'supervisor')
  @ApiOperation({ summary: 'Escalate to law enforcement: publishes report.escalated.v2 (structured suspect identifiers) to the referral hub (recorded on the timeline; 409 while another analyst holds the claim)' })
  async escalate(@CurrentUser() user: StaffUser, @Param('id') id: string, @Body() body: EscalateReportRequest) {
    if (!isId(id)) throw new NotFoundError('report', id);
    return this.triage.escalate(id, { username: user.username, supervisor: user.roles.includes('supervisor') }, body.summary, body.note);
  }
}
