import { Body, Controller, Inject, Post, Res, UnsupportedMediaTypeException } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ReceiveReferralUseCase, referralFromCyberTipXml, referralFromPoliceInput, type ReceiveReferralResult } from '@vigil/cases';
import { type Clock, CLOCK, ValidationError } from '@vigil/kernel';
import { AUDIT_TRAIL, CurrentPartner, CurrentUser, PartnerAccess, Roles, type AuditTrail, type PartnerPrincipal, type StaffUser } from '@vigil/security';
import type { Response } from 'express';
import { PoliceReferralRequest } from './intake.dto';

export const XML_CONTENT_TYPES = ['application/xml', 'text/xml'];
export const XML_BODY_LIMIT = '5mb';

/**
 * Partner intake. Each referral keeps its source and the original document; a retry (same
 * NCMEC report number or partner reference) stores nothing new and answers 200 with where the
 * referral is, a first delivery answers 201.
 */
@ApiTags('intake')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('api/v1/intake')
export class IntakeController {
  constructor(private readonly receive: ReceiveReferralUseCase, @Inject(CLOCK) private readonly clock: Clock, @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail) {}

  @Post('cybertip')
  @Roles('investigator', 'supervisor')
  @PartnerAccess('industry-reports')
  @ApiConsumes(...XML_CONTENT_TYPES)
  @ApiBody({ description: 'A CyberTipline <report> document (NCMEC XML) with an ncmecReportId or partnerReference attribute', schema: { type: 'string' } })
  @ApiOperation({
    summary: 'Import a CyberTipline report (XML): from NCMEC (with its ncmecReportId), or a platform’s or ISP’s own report under the mandatory-reporting law (partnerReference only: origin `industry`); idempotent on either',
  })
  async cybertip(
    @Body() xml: string,
    @CurrentUser() user: StaffUser | undefined,
    @CurrentPartner() partner: PartnerPrincipal | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ReceiveReferralResult> {
    if (typeof xml !== 'string') throw new UnsupportedMediaTypeException(`send the report as ${XML_CONTENT_TYPES.join(' or ')}`);
    if (!xml.trim()) throw new ValidationError('the body must be a CyberTipline <report> document', 'body');
    const sender = partner ? { id: partner.partnerId, name: partner.partnerName } : { id: 'ncmec', name: 'NCMEC CyberTipline' };
    const draft = referralFromCyberTipXml(xml, sender, this.clock.now());
    const result = await this.receive.execute(draft, { contentType: 'application/xml', body: xml });
    return this.answer(result, draft.origin, user, partner, response);
  }

  @Post('referrals')
  @Roles('investigator', 'supervisor')
  @PartnerAccess('referrals')
  @ApiOperation({ summary: 'Take a referral from another police service (JSON); idempotent on the agency and its reference' })
  async policeReferral(
    @Body() body: PoliceReferralRequest,
    @CurrentUser() user: StaffUser | undefined,
    @CurrentPartner() partner: PartnerPrincipal | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ReceiveReferralResult> {
    // A partner's key says which agency it is; staff entering a referral by hand name it.
    const agency = partner ? { id: partner.partnerId, name: partner.partnerName, country: body.agency?.country ?? 'CA' } : body.agency;
    if (!agency) throw new ValidationError('agency is required (id, name, country) when staff enter a referral', 'agency');
    const input = { ...body, agency };
    const result = await this.receive.execute(referralFromPoliceInput(input, this.clock.now()), { contentType: 'application/json', body: JSON.stringify(input) });
    return this.answer(result, 'police', user, partner, response);
  }

  private async answer(result: ReceiveReferralResult, source: string, user: StaffUser | undefined, partner: PartnerPrincipal | undefined, response: Response): Promise<ReceiveReferralResult> {
    response.status(result.created ? 201 : 200);
    const actor = partner ? `partner:${partner.partnerId}` : (user?.username ?? 'unknown');
    await this.audit.record({ actor, action: 'create', resourceType: 'referral', resourceId: result.referralId, detail: { source, created: result.created, caseId: result.caseId } });
    return result;
  }
}
