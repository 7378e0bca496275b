import { Body, Controller, Get, HttpStatus, Inject, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { parseCyberTipReport } from '@vigil/cybertip-xml';
import { NotFoundError, ValidationError } from '@vigil/kernel';
import { INDUSTRY_SUBMISSIONS, SubmitIndustryReportUseCase, type IndustrySubmission, type IndustrySubmissions, type SubmitIndustryReportResult } from '@vigil/reports';
import { AUDIT_TRAIL, CurrentPartner, CurrentUser, PartnerAccess, Roles, type AuditTrail, type PartnerPrincipal, type StaffUser } from '@vigil/security';
import type { Response } from 'express';
import { fromCyberTip, fromJsonRequest } from './industry-intake.mapping';
import { IndustryReportRequest, IndustryReportResponse } from './industry-report.dto';

/**
 * Reports from platforms and ISPs under mandatory-reporting law, by partner API key (scope
 * `industry-reports`). Staff with the analyst or supervisor role may call the intake routes too,
 * for testing: their reports are filed under the partner id `staff:<username>`.
 */
@ApiTags('industry intake')
@ApiSecurity('X-Api-Key')
@ApiBearerAuth()
@Controller('api/v1/industry-reports')
export class IndustryReportsController {
  constructor(
    private readonly submit: SubmitIndustryReportUseCase,
    @Inject(INDUSTRY_SUBMISSIONS) private readonly submissions: IndustrySubmissions,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
  ) {}

  @Post()
  @PartnerAccess('industry-reports')
  @Roles('analyst', 'supervisor')
  @ApiOperation({
    summary: 'Submit an industry report (JSON)',
    description:
      'Idempotent on (partner, partnerReference): the first request answers 201 with the new report; a retry, even one racing the first, answers 200 with the same report and creates nothing. Published as report.submitted.v1 (source "industry") so hash-detection matches the file hashes.',
  })
  @ApiOkResponse({ type: IndustryReportResponse, description: '200 on a retry, 201 when created' })
  async submitJson(
    @Body() body: IndustryReportRequest,
    @CurrentPartner() partner: PartnerPrincipal | undefined,
    @CurrentUser() user: StaffUser | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<IndustryReportResponse> {
    return this.answer(await this.submit.execute(fromJsonRequest(body, caller(partner, user))), response);
  }

  @Post('cybertip')
  @PartnerAccess('industry-reports')
  @Roles('analyst', 'supervisor')
  @ApiConsumes('application/xml', 'text/xml')
  @ApiBody({ description: 'A CyberTipline report document (the ispws <report> schema), at most 5 MB', schema: { type: 'string' } })
  @ApiOperation({
    summary: 'Import an NCMEC CyberTipline report (XML)',
    description:
      'The original XML is kept verbatim. Malformed or invalid XML answers 400 naming the element (e.g. report.incidentSummary.incidentDateTime). Retries are recognised by the ncmecReportId attribute (else partnerReference); a document with neither is refused.',
  })
  @ApiOkResponse({ type: IndustryReportResponse, description: '200 on a retry, 201 when created' })
  async submitCyberTip(
    @Body() body: unknown,
    @CurrentPartner() partner: PartnerPrincipal | undefined,
    @CurrentUser() user: StaffUser | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<IndustryReportResponse> {
    if (typeof body !== 'string' || body.trim() === '') {
      throw new ValidationError('document: send the CyberTipline XML as the request body with Content-Type application/xml', 'document');
    }
    return this.answer(await this.submit.execute(fromCyberTip(parseCyberTipReport(body), caller(partner, user))), response);
  }

  @Get(':reportId')
  @Roles('analyst', 'supervisor')
  @ApiOperation({ summary: 'What the partner sent for a report: the normalised intake and the original body (staff; audited)' })
  async submission(@CurrentUser() user: StaffUser, @Param('reportId', new ParseUUIDPipe()) reportId: string): Promise<IndustrySubmission> {
    const submission = await this.submissions.byReportId(reportId);
    if (!submission) throw new NotFoundError('industry submission', reportId);
    await this.audit.record({ actor: user.username, action: 'view', resourceType: 'industry-submission', resourceId: reportId });
    return submission;
  }

  private answer(result: SubmitIndustryReportResult, response: Response): IndustryReportResponse {
    response.status(result.created ? HttpStatus.CREATED : HttpStatus.OK);
    return result;
  }
}

function caller(partner: PartnerPrincipal | undefined, user: StaffUser | undefined): { id: string; name: string } {
  if (partner) return { id: partner.partnerId, name: partner.partnerName };
  if (user) return { id: `staff:${user.username}`, name: `staff test (${user.username})` };
  throw new Error('the auth guard let an anonymous caller through to industry intake');
}
