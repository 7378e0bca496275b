import { Body, Controller, Get, Headers, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiHeader, ApiOperation, ApiProperty, ApiPropertyOptional, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import {
  DISSEMINATION_REPOSITORY,
  PACKAGE_REPOSITORY,
  PoliceServiceReferralsUseCase,
  REFERRAL_OUTCOMES,
  type DisseminationRepository,
  type DisseminationSnapshot,
  type OutcomeReport,
  type PackageRepository,
  type ReferralOutcome,
} from '@vigil/cases';
import { NotFoundError, ValidationError } from '@vigil/kernel';
import { AUDIT_TRAIL, CurrentPartner, CurrentUser, PartnerAccess, Roles, type AuditTrail, type PartnerPrincipal, type StaffUser } from '@vigil/security';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import type { Response } from 'express';
import { sendPackagePart, type PackageFormat } from '../packages/package-part';
import { expectedVersion } from './expected-version';

export class OutcomeRequest {
  @ApiProperty({ enum: REFERRAL_OUTCOMES })
  @IsIn(REFERRAL_OUTCOMES as unknown as string[], { message: `outcome must be one of ${REFERRAL_OUTCOMES.join(', ')}` })
  outcome!: ReferralOutcome;

  @ApiProperty({ example: '2026-11-25T14:00:00Z', description: 'When it happened' })
  @IsISO8601({ strict: true }, { message: 'at must be an ISO 8601 date-time' })
  at!: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) note?: string;

  @ApiPropertyOptional({ description: 'The referral version this outcome is based on (or send If-Match); a stale one gets 409 with the current version' })
  @IsOptional() @IsInt({ message: 'version must be a whole number' }) @Min(1, { message: 'version must be at least 1' })
  version?: number;
}

export class AcknowledgeRequest {
  @ApiPropertyOptional({ description: 'The referral version this acknowledgement is based on (or send If-Match)' })
  @IsOptional() @IsInt({ message: 'version must be a whole number' }) @Min(1, { message: 'version must be at least 1' })
  version?: number;
}

const IF_MATCH = { name: 'If-Match', required: false, description: 'The referral version the write is based on ("3"); a stale one is refused with 409 naming the current version' };

interface Caller {
  policeServiceId: string;
  actor: string;
}

/**
 * The police service's pull API. A police service's API key (scope `referrals`) names it: its
 * `partnerId` is the service's id in the jurisdictions registry, and it sees only referrals
 * addressed to it. Staff may look as a given service with `?policeServiceId=`.
 */
@ApiTags('partner referrals')
@ApiSecurity('api-key')
@ApiBearerAuth()
@Controller('api/v1/partner/referrals')
export class PartnerReferralsController {
  constructor(
    @Inject(DISSEMINATION_REPOSITORY) private readonly disseminations: DisseminationRepository,
    @Inject(PACKAGE_REPOSITORY) private readonly packages: PackageRepository,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
    private readonly referrals: PoliceServiceReferralsUseCase,
  ) {}

  @Get()
  @PartnerAccess('referrals')
  @Roles('investigator', 'supervisor')
  @ApiQuery({ name: 'policeServiceId', required: false, description: 'Staff only: the service to look as' })
  @ApiOperation({ summary: 'Referrals addressed to the calling police service, newest first (audited)' })
  async list(@CurrentPartner() partner: PartnerPrincipal | undefined, @CurrentUser() user: StaffUser | undefined, @Query('policeServiceId') asService?: string): Promise<DisseminationSnapshot[]> {
    const caller = this.caller(partner, user, asService);
    const rows = await this.disseminations.listForPoliceService(caller.policeServiceId, 500);
    await this.audit.record({ actor: caller.actor, action: 'list', resourceType: 'partner-referral', resourceId: '*', detail: { policeServiceId: caller.policeServiceId, count: rows.length } });
    return rows;
  }

  @Get(':id/package')
  @PartnerAccess('referrals')
  @Roles('investigator', 'supervisor')
  @ApiOperation({ summary: 'The package (JSON) sent with this referral, byte for byte as in its manifest (audited)' })
  async packageJson(@CurrentPartner() partner: PartnerPrincipal | undefined, @CurrentUser() user: StaffUser | undefined, @Param('id', ParseUUIDPipe) id: string, @Query('policeServiceId') asService: string | undefined, @Res() response: Response): Promise<void> {
    await this.sendPart(this.caller(partner, user, asService), id, 'json', response);
  }

  @Get(':id/package.pdf')
  @PartnerAccess('referrals')
  @Roles('investigator', 'supervisor')
  @ApiOperation({ summary: 'The package as PDF (audited)' })
  async packagePdf(@CurrentPartner() partner: PartnerPrincipal | undefined, @CurrentUser() user: StaffUser | undefined, @Param('id', ParseUUIDPipe) id: string, @Query('policeServiceId') asService: string | undefined, @Res() response: Response): Promise<void> {
    await this.sendPart(this.caller(partner, user, asService), id, 'pdf', response);
  }

  @Get(':id/package.xml')
  @PartnerAccess('referrals')
  @Roles('investigator', 'supervisor')
  @ApiOperation({ summary: 'The package as an NCMEC CyberTipline report (XML), for partners whose systems take that format; carries the manifest SHA-256 (audited)' })
  async packageXml(@CurrentPartner() partner: PartnerPrincipal | undefined, @CurrentUser() user: StaffUser | undefined, @Param('id', ParseUUIDPipe) id: string, @Query('policeServiceId') asService: string | undefined, @Res() response: Response): Promise<void> {
    await this.sendPart(this.caller(partner, user, asService), id, 'cybertip-xml', response);
  }

  @Get(':id/manifest')
  @PartnerAccess('referrals')
  @Roles('investigator', 'supervisor')
  @ApiOperation({ summary: 'The manifest: each part’s SHA-256 and the manifest’s own, to verify the package' })
  async manifest(@CurrentPartner() partner: PartnerPrincipal | undefined, @CurrentUser() user: StaffUser | undefined, @Param('id', ParseUUIDPipe) id: string, @Query('policeServiceId') asService: string | undefined, @Res() response: Response): Promise<void> {
    await this.sendPart(this.caller(partner, user, asService), id, 'manifest', response);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @PartnerAccess('referrals')
  @Roles('investigator', 'supervisor')
  @ApiHeader(IF_MATCH)
  @ApiConflictResponse({ description: 'The referral changed since the version named: the message gives the current version' })
  @ApiOperation({ summary: 'Confirm receipt; publishes referral.acknowledged.v1 once (a retry changes nothing, whatever version it names)' })
  async acknowledge(
    @CurrentPartner() partner: PartnerPrincipal | undefined,
    @CurrentUser() user: StaffUser | undefined,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AcknowledgeRequest | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Query('policeServiceId') asService?: string,
  ): Promise<DisseminationSnapshot> {
    const caller = this.caller(partner, user, asService);
    const acknowledged = await this.referrals.acknowledge(id, caller.policeServiceId, caller.actor, expectedVersion(ifMatch, body?.version));
    await this.audit.record({ actor: caller.actor, action: 'change', resourceType: 'partner-referral', resourceId: id, detail: { acknowledgedAt: acknowledged.acknowledgedAt } });
    return acknowledged;
  }

  @Post(':id/outcomes')
  @PartnerAccess('referrals')
  @Roles('investigator', 'supervisor')
  @ApiHeader(IF_MATCH)
  @ApiConflictResponse({ description: 'Not acknowledged yet, or the referral changed since the version named: the message gives the current version' })
  @ApiOperation({ summary: 'Report what came of the referral (investigation opened, warrant, arrest, charges, child safeguarded, victim identified, no further action); answers with the new version' })
  async outcome(
    @CurrentPartner() partner: PartnerPrincipal | undefined,
    @CurrentUser() user: StaffUser | undefined,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: OutcomeRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Query('policeServiceId') asService?: string,
  ): Promise<OutcomeReport & { version: number }> {
    const caller = this.caller(partner, user, asService);
    const { version, ...input } = body;
    const report = await this.referrals.reportOutcome(id, caller.policeServiceId, input, caller.actor, expectedVersion(ifMatch, version));
    await this.audit.record({ actor: caller.actor, action: 'change', resourceType: 'partner-referral', resourceId: id, detail: { outcome: report.outcome } });
    return report;
  }

  private caller(partner: PartnerPrincipal | undefined, user: StaffUser | undefined, asService: string | undefined): Caller {
    if (partner) return { policeServiceId: partner.partnerId, actor: `partner:${partner.partnerId}/${partner.keyId}` };
    if (!asService) throw new ValidationError('policeServiceId is required when staff look at the partner view', 'policeServiceId');
    return { policeServiceId: asService, actor: user?.username ?? 'unknown' };
  }

  private async sendPart(caller: Caller, id: string, format: PackageFormat, response: Response): Promise<void> {
    const dissemination = await this.referrals.get(id, caller.policeServiceId);
    const stored = await this.packages.find(dissemination.caseId, dissemination.packageVersion);
    if (!stored) throw new NotFoundError('package', `${dissemination.caseReference} v${dissemination.packageVersion}`);
    await this.audit.record({ actor: caller.actor, action: 'export', resourceType: 'partner-referral', resourceId: id, detail: { format, packageVersion: stored.version } });
    sendPackagePart(response, stored, format);
  }
}
