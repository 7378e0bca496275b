import { Body, Controller, DefaultValuePipe, Get, HttpCode, Inject, Param, ParseIntPipe, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { REPORT_LINKS, TriageReportUseCase, type Analyst, type RelatedReport, type ReportLinks } from '@vigil/reports';
import { AUDIT_TRAIL, CurrentUser, Roles, type AuditTrail, type StaffUser } from '@vigil/security';
import { AssignRequest, ClassificationRequest, CloseRequest, ForwardAbroadRequest, NoteRequest, PriorityOverrideRequest, SplitRequest, TakedownRequest } from './triage.dto';

const uuid = new ParseUUIDPipe();

/**
 * The analysts' actions on one report (escalation is POST /api/v1/reports/:id/escalate). Each is checked against the claim (409 naming the holder
 * while another analyst holds it) and lands on the report's timeline with who and when.
 */
@ApiTags('triage')
@ApiBearerAuth()
@Controller('api/v1/reports/:id')
export class ReportDecisionsController {
  constructor(
    private readonly triage: TriageReportUseCase,
    @Inject(REPORT_LINKS) private readonly links: ReportLinks,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
  ) {}

  @Post('claim')
  @HttpCode(200)
  @Roles('analyst', 'supervisor')
  @ApiOperation({ summary: 'Claim the report (or renew your claim); 409 naming the holder if another analyst has it. Claims expire (TIPLINE_CLAIM_MINUTES).' })
  claim(@CurrentUser() user: StaffUser, @Param('id', uuid) id: string) {
    return this.triage.claim(id, analyst(user));
  }

  @Post('release')
  @HttpCode(204)
  @Roles('analyst', 'supervisor')
  @ApiOperation({ summary: 'Release your claim (a supervisor may release anyone’s)' })
  async release(@CurrentUser() user: StaffUser, @Param('id', uuid) id: string): Promise<void> {
    await this.triage.release(id, analyst(user));
  }

  @Post('assign')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Assign the report to an analyst, replacing any claim (supervisors)' })
  assign(@CurrentUser() user: StaffUser, @Param('id', uuid) id: string, @Body() body: AssignRequest) {
    return this.triage.assign(id, analyst(user), body.analyst);
  }

  @Post('priority')
  @HttpCode(200)
  @Roles('analyst', 'supervisor')
  @ApiOperation({ summary: 'Override the priority with a reason (recorded: who, when, from, to)' })
  priority(@CurrentUser() user: StaffUser, @Param('id', uuid) id: string, @Body() body: PriorityOverrideRequest) {
    return this.triage.overridePriority(id, analyst(user), body.priority, body.reason);
  }

  @Post('classification')
  @HttpCode(200)
  @Roles('analyst', 'supervisor')
  @ApiOperation({ summary: 'Confirm or correct the incident type and attach Criminal Code offence categories (409 once the report is closed)' })
  classify(@CurrentUser() user: StaffUser, @Param('id', uuid) id: string, @Body() body: ClassificationRequest) {
    return this.triage.classify(id, analyst(user), body.incidentType, body.offences);
  }

  @Post('notes')
  @HttpCode(201)
  @Roles('analyst', 'supervisor')
  @ApiOperation({ summary: 'Add a note to the timeline' })
  async note(@CurrentUser() user: StaffUser, @Param('id', uuid) id: string, @Body() body: NoteRequest): Promise<void> {
    await this.triage.addNote(id, analyst(user), body.text);
  }

  @Post('incidents')
  @HttpCode(200)
  @Roles('analyst', 'supervisor')
  @ApiOperation({ summary: 'Split the report into incidents (each with its type, URLs and offences; 409 once the report is closed)' })
  split(@CurrentUser() user: StaffUser, @Param('id', uuid) id: string, @Body() body: SplitRequest) {
    return this.triage.split(
      id,
      analyst(user),
      body.incidents.map((incident) => ({ incidentType: incident.incidentType, description: incident.description, urls: incident.urls ?? [], offences: incident.offences ?? [] })),
    );
  }

  @Post('decisions/takedown')
  @HttpCode(200)
  @Roles('analyst', 'supervisor')
  @ApiOperation({ summary: 'Request takedown of the report’s URLs: publishes takedown.requested.v1 to hash-detection for those not requested before (409 if all were, or once the report is closed)' })
  takedown(@CurrentUser() user: StaffUser, @Param('id', uuid) id: string, @Body() body: TakedownRequest) {
    return this.triage.requestTakedown(id, analyst(user), body.urls, body.classification);
  }

  @Post('decisions/forward')
  @HttpCode(204)
  @Roles('analyst', 'supervisor')
  @ApiOperation({ summary: 'Record that the report was forwarded to a foreign hotline (country as ISO 3166-1 alpha-2; 409 once the report is closed)' })
  async forward(@CurrentUser() user: StaffUser, @Param('id', uuid) id: string, @Body() body: ForwardAbroadRequest): Promise<void> {
    await this.triage.forwardAbroad(id, analyst(user), body.country, body.hotline, body.note);
  }

  @Post('decisions/close')
  @HttpCode(204)
  @Roles('analyst', 'supervisor')
  @ApiOperation({ summary: 'Close the report with a reason (it leaves the open queue)' })
  async close(@CurrentUser() user: StaffUser, @Param('id', uuid) id: string, @Body() body: CloseRequest): Promise<void> {
    await this.triage.close(id, analyst(user), body.reason);
  }

  @Get('timeline')
  @Roles('analyst', 'supervisor')
  @ApiOperation({ summary: 'The report’s history: intake, automated priority changes and every analyst action, oldest first (audited)' })
  async timeline(@CurrentUser() user: StaffUser, @Param('id', uuid) id: string) {
    const timeline = await this.triage.timeline(id);
    await this.audit.record({ actor: user.username, action: 'view', resourceType: 'report-timeline', resourceId: id });
    return timeline;
  }

  @Get('triage')
  @Roles('analyst', 'supervisor')
  @ApiOperation({ summary: 'The triage state: claim, classification, incidents, decisions (audited)' })
  async triageState(@CurrentUser() user: StaffUser, @Param('id', uuid) id: string) {
    const state = await this.triage.triageOf(id);
    await this.audit.record({ actor: user.username, action: 'view', resourceType: 'report-triage', resourceId: id });
    return state;
  }

  @Get('related')
  @Roles('analyst', 'supervisor')
  @ApiOperation({ summary: 'Reports sharing a URL, media SHA-256, username+platform, email, phone (E.164) or IP with this one, and which (audited)' })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  async related(
    @CurrentUser() user: StaffUser,
    @Param('id', uuid) id: string,
    @Query('limit', new DefaultValuePipe(50), ParseIntPipe) limit = 50,
  ): Promise<{ identifiers: { kind: string; value: string }[]; related: RelatedReport[] }> {
    await this.triage.triageOf(id); // 404 for an unknown report
    const [identifiers, related] = await Promise.all([this.links.identifiersOf(id), this.links.related(id, Math.min(Math.max(limit, 1), 200))]);
    await this.audit.record({ actor: user.username, action: 'list', resourceType: 'related-reports', resourceId: id, detail: { count: related.length } });
    return { identifiers, related };
  }
}

function analyst(user: StaffUser): Analyst {
  return { username: user.username, supervisor: user.roles.includes('supervisor') || user.roles.includes('admin') };
}
