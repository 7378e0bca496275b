import { Body, Controller, DefaultValuePipe, Get, HttpCode, Inject, Param, ParseIntPipe, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CASE_REPOSITORY, MergeCasesUseCase, OverrideJurisdictionUseCase, proposeLinks, SplitCaseUseCase, type CaseRepository, type CaseSnapshot, type LinkProposal } from '@vigil/cases';
import { NotFoundError } from '@vigil/kernel';
import { ResolveJurisdictionUseCase } from '@vigil/jurisdictions';
import { AUDIT_TRAIL, CurrentUser, Roles, type AuditTrail, type StaffUser } from '@vigil/security';
import type { Response } from 'express';
import { resolveCaseJurisdiction, type CaseJurisdiction } from '../jurisdiction/case-jurisdiction';
import { JurisdictionOverrideRequest, MergeCaseRequest, SplitCaseRequest } from './cases.dto';

const READERS = ['investigator', 'supervisor', 'victim-id-officer'] as const;

/** Investigators' view of cases: every referral in them across sources, links, jurisdiction. Every read is audited. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1')
export class CasesController {
  constructor(
    @Inject(CASE_REPOSITORY) private readonly cases: CaseRepository,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
    private readonly merge: MergeCasesUseCase,
    private readonly split: SplitCaseUseCase,
    private readonly override: OverrideJurisdictionUseCase,
    private readonly jurisdiction: ResolveJurisdictionUseCase,
  ) {}

  @Get('cases')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Open cases, newest first, each with its referrals' })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  async list(@CurrentUser() user: StaffUser, @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit = 100): Promise<CaseSnapshot[]> {
    const rows = await this.cases.list(Math.min(Math.max(limit, 1), 500));
    await this.audit.record({ actor: user.username, action: 'list', resourceType: 'case', resourceId: '*', detail: { count: rows.length } });
    return rows;
  }

  @Get('cases/:id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One case with every referral in it, across sources, and its timeline (audited)' })
  async get(@CurrentUser() user: StaffUser, @Param('id', ParseUUIDPipe) id: string): Promise<CaseSnapshot> {
    const kase = await this.load(id);
    await this.audit.record({ actor: user.username, action: 'view', resourceType: 'case', resourceId: id });
    return kase;
  }

  @Get('cases/:id/links')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Other open cases sharing a suspect identifier with this one (proposed merges), with the shared identifiers' })
  async links(@CurrentUser() user: StaffUser, @Param('id', ParseUUIDPipe) id: string): Promise<LinkProposal[]> {
    const kase = await this.load(id);
    const identifiers = kase.reports.flatMap((referral) => referral.identifiers);
    const proposals = proposeLinks(identifiers, await this.cases.findOpenCasesSharing(identifiers), id);
    await this.audit.record({ actor: user.username, action: 'view', resourceType: 'case-links', resourceId: id, detail: { proposals: proposals.length } });
    return proposals;
  }

  @Post('cases/:id/merge')
  @HttpCode(200)
  @Roles('investigator', 'supervisor')
  @ApiOperation({ summary: 'Merge another case into this one (its referrals move here; it is closed as merged), with the reason (audited)' })
  async mergeCase(@CurrentUser() user: StaffUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: MergeCaseRequest): Promise<CaseSnapshot> {
    const merged = await this.merge.execute(id, body.otherCaseId, body.reason, user.username);
    await this.audit.record({ actor: user.username, action: 'change', resourceType: 'case', resourceId: id, detail: { operation: 'merge', otherCaseId: body.otherCaseId, reason: body.reason } });
    return merged;
  }

  @Post('cases/:id/split')
  @HttpCode(200)
  @Roles('investigator', 'supervisor')
  @ApiOperation({ summary: 'Move referrals that are not about this suspect to a new case, with the reason (audited)' })
  async splitCase(@CurrentUser() user: StaffUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: SplitCaseRequest): Promise<{ remaining: CaseSnapshot; split: CaseSnapshot }> {
    const result = await this.split.execute(id, body.referralIds, body.reason, user.username);
    await this.audit.record({ actor: user.username, action: 'change', resourceType: 'case', resourceId: id, detail: { operation: 'split', newCaseId: result.split.id, referralIds: body.referralIds, reason: body.reason } });
    return result;
  }

  @Get('cases/:id/jurisdiction')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Where the case belongs: evidence from its referrals, candidates with confidence and reasons, conflicts, the recommendation (audited)' })
  async getJurisdiction(@CurrentUser() user: StaffUser, @Param('id', ParseUUIDPipe) id: string): Promise<CaseJurisdiction> {
    const resolved = await resolveCaseJurisdiction(this.jurisdiction, await this.load(id));
    await this.audit.record({ actor: user.username, action: 'view', resourceType: 'case-jurisdiction', resourceId: id });
    return resolved;
  }

  @Post('cases/:id/jurisdiction')
  @HttpCode(200)
  @Roles('investigator', 'supervisor')
  @ApiOperation({ summary: 'Override the jurisdiction (a code or a police service id) with the reason; the evidence stays shown (audited)' })
  async overrideJurisdiction(@CurrentUser() user: StaffUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: JurisdictionOverrideRequest): Promise<CaseJurisdiction> {
    const kase = await this.override.execute(id, body.target, body.reason, user.username);
    await this.audit.record({ actor: user.username, action: 'override', resourceType: 'case-jurisdiction', resourceId: id, detail: { target: body.target, reason: body.reason } });
    return resolveCaseJurisdiction(this.jurisdiction, kase);
  }

  @Get('referrals/:id/original')
  @Roles(...READERS)
  @ApiProduces('application/xml', 'application/json')
  @ApiOperation({ summary: 'The document a referral arrived as (NCMEC XML, police JSON, tipline event), unchanged (audited)' })
  async original(@CurrentUser() user: StaffUser, @Param('id', ParseUUIDPipe) id: string, @Res() response: Response): Promise<void> {
    const original = await this.cases.original(id);
    if (!original) throw new NotFoundError('referral original', id);
    await this.audit.record({ actor: user.username, action: 'view', resourceType: 'referral-original', resourceId: id });
    response.type(original.contentType).send(original.body);
  }

  private async load(id: string): Promise<CaseSnapshot> {
    const kase = await this.cases.findById(id);
    if (!kase) throw new NotFoundError('case', id);
    return kase;
  }
}
