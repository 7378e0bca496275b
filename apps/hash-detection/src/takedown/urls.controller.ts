import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SERVICE_INFRASTRUCTURE, type ServiceInfrastructure } from '@vigil/platform';
import { CurrentPartner, CurrentUser, PartnerAccess, Roles, type PartnerPrincipal, type StaffUser } from '@vigil/security';
import { ChangeUrlStatusUseCase, IssueNoticeUseCase, RecordObservationUseCase, SendDueNoticesUseCase, UrlDetailsQuery } from '@vigil/takedown';
import { ChangeStatusRequest, IssueNoticeRequest, ListUrlsQuery, ObservationRequest } from './takedown.dto';

@ApiTags('takedown: URL list')
@ApiBearerAuth()
@Controller('api/v1/urls')
export class UrlsController {
  constructor(
    private readonly query: UrlDetailsQuery,
    private readonly issue: IssueNoticeUseCase,
    private readonly send: SendDueNoticesUseCase,
    private readonly changeStatus: ChangeUrlStatusUseCase,
    private readonly observe: RecordObservationUseCase,
    @Inject(SERVICE_INFRASTRUCTURE) private readonly infra: ServiceInfrastructure,
  ) {}

  @Get()
  @Roles('analyst', 'supervisor', 'reviewer', 'bank-curator')
  @ApiOperation({ summary: 'Listed URLs, newest first, by status and provider (audited)' })
  async list(@CurrentUser() user: StaffUser, @Query() filter: ListUrlsQuery) {
    const urls = await this.query.list({ status: filter.status, providerId: filter.provider, limit: filter.limit });
    await this.infra.audit.record({ actor: user.username, action: 'list', resourceType: 'tracked-url', resourceId: '*', detail: { status: filter.status, provider: filter.provider, count: urls.length } });
    return urls.map(({ history: _history, ...summary }) => summary);
  }

  @Get(':id')
  @Roles('analyst', 'supervisor', 'reviewer', 'bank-curator')
  @ApiOperation({ summary: 'One URL with its provider, history and notices (each with its delivery attempts and time to removal; audited)' })
  async details(@CurrentUser() user: StaffUser, @Param('id', ParseUUIDPipe) id: string) {
    const details = await this.query.details(id);
    await this.infra.audit.record({ actor: user.username, action: 'view', resourceType: 'tracked-url', resourceId: id });
    return details;
  }

  @Post('observations')
  @Roles('analyst', 'supervisor', 'reviewer', 'bank-curator')
  @PartnerAccess('match')
  @ApiOperation({ summary: 'A file seen at a URL (crawler): a known hash at a new URL lists it and issues a notice; a removed URL seen again reappears' })
  async observation(@CurrentUser() user: StaffUser | undefined, @CurrentPartner() partner: PartnerPrincipal | undefined, @Body() body: ObservationRequest) {
    const observedBy = partner ? `partner ${partner.partnerName}` : (user?.username ?? 'unknown');
    const result = await this.observe.execute({ ...body, observedBy });
    if (result.urlId) await this.infra.audit.record({ actor: observedBy, action: 'create', resourceType: 'tracked-url', resourceId: result.urlId, detail: { observation: result.outcome } });
    if (result.noticeId) await this.send.execute({ onlyNoticeId: result.noticeId });
    return result;
  }

  @Post(':id/notices')
  @Roles('analyst', 'supervisor')
  @ApiOperation({ summary: 'Confirm the URL and send its notice now (or re-send the open one now)' })
  async issueNow(@CurrentUser() user: StaffUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: IssueNoticeRequest) {
    const issued = await this.issue.execute({ urlId: id, actor: user.username, reason: body.reason });
    await this.infra.audit.record({ actor: user.username, action: 'create', resourceType: 'takedown-notice', resourceId: issued.notice?.id ?? id, detail: { urlId: id, waiting: issued.waiting } });
    if (!issued.notice) return { waiting: issued.waiting };
    const delivery = await this.send.sendNow(issued.notice.id, issued.notice.attempts);
    const notice = (await this.query.details(id)).notices.find((candidate) => candidate.id === issued.notice?.id);
    return { notice, delivery };
  }

  @Post(':id/status')
  @Roles('analyst', 'supervisor')
  @ApiOperation({ summary: 'Confirm removal, or mark not actionable, with the reason (closes the open notice)' })
  async status(@CurrentUser() user: StaffUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: ChangeStatusRequest) {
    const url = await this.changeStatus.execute({ urlId: id, status: body.status, reason: body.reason, actor: user.username });
    await this.infra.audit.record({ actor: user.username, action: 'override', resourceType: 'tracked-url', resourceId: id, detail: { status: body.status, reason: body.reason } });
    return url;
  }
}
