import { Body, Controller, DefaultValuePipe, Get, HttpCode, Inject, Param, ParseIntPipe, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  CASE_REPOSITORY,
  DecideTriageUseCase,
  DISSEMINATION_REPOSITORY,
  URGENCY_DEFINITIONS,
  URGENCY_LEVELS,
  type CaseRepository,
  type DisseminationRepository,
  type DisseminationSnapshot,
  type Referral,
  type TriageQueueItem,
  type UrgencyLevel,
} from '@vigil/cases';
import { CLOCK, type Clock } from '@vigil/kernel';
import { AUDIT_TRAIL, CurrentUser, Roles, type AuditTrail, type StaffUser } from '@vigil/security';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { REFERRAL_SETTINGS, type ReferralSettings } from '../referral-settings';

export class TriageDecisionRequest {
  @ApiProperty({ description: 'Whether police can act on the referral' }) @IsBoolean({ message: 'actionable must be true or false' }) actionable!: boolean;

  @ApiPropertyOptional({ description: 'Required when not actionable', example: 'Duplicate of a file already closed' })
  @IsOptional() @IsString() @MinLength(3) @MaxLength(2000)
  notActionableReason?: string;

  @ApiProperty({ enum: URGENCY_LEVELS, description: Object.entries(URGENCY_DEFINITIONS).map(([level, text]) => `${level}: ${text}`).join('; ') })
  @IsIn(URGENCY_LEVELS as unknown as string[], { message: `urgency must be one of ${URGENCY_LEVELS.join(', ')}` })
  urgency!: UrgencyLevel;

  @ApiPropertyOptional({ description: 'Required when the decision departs from the proposal: recorded as an override' })
  @IsOptional() @IsString() @MaxLength(2000)
  reason?: string;
}

/** The 24/7 triage queue of senior investigators: rules propose, investigators decide. */
@ApiTags('triage')
@ApiBearerAuth()
@Controller('api/v1')
export class TriageController {
  constructor(
    @Inject(CASE_REPOSITORY) private readonly cases: CaseRepository,
    @Inject(DISSEMINATION_REPOSITORY) private readonly disseminations: DisseminationRepository,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REFERRAL_SETTINGS) private readonly settings: ReferralSettings,
    private readonly decide: DecideTriageUseCase,
  ) {}

  @Get('triage/queue')
  @Roles('investigator', 'supervisor')
  @ApiOperation({
    summary: 'Referrals awaiting a triage decision, most urgent (as proposed, with reasons) first, then oldest; and disseminations not acknowledged within REFERRAL_ACK_HOURS, re-flagged',
  })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  async queue(
    @CurrentUser() user: StaffUser,
    @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit = 100,
  ): Promise<{ urgencyLevels: typeof URGENCY_DEFINITIONS; items: TriageQueueItem[]; unacknowledged: { ackHours: number; items: DisseminationSnapshot[] } }> {
    const bounded = Math.min(Math.max(limit, 1), 500);
    const items = await this.cases.triageQueue(bounded);
    const overdueBefore = new Date(this.clock.now().getTime() - this.settings.ackHours * 3_600_000);
    const unacknowledged = await this.disseminations.unacknowledgedSince(overdueBefore, bounded);
    await this.audit.record({ actor: user.username, action: 'list', resourceType: 'triage-queue', resourceId: '*', detail: { count: items.length, unacknowledged: unacknowledged.length } });
    return { urgencyLevels: URGENCY_DEFINITIONS, items, unacknowledged: { ackHours: this.settings.ackHours, items: unacknowledged } };
  }

  @Post('referrals/:id/triage')
  @HttpCode(200)
  @Roles('investigator')
  @ApiOperation({ summary: 'Decide validity and urgency; departing from the proposal needs a reason and is recorded as an override (audited)' })
  async decideTriage(@CurrentUser() user: StaffUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: TriageDecisionRequest): Promise<Referral> {
    const referral = await this.decide.execute(id, body, user.username);
    await this.audit.record({ actor: user.username, action: referral.triage.overrides.some((override) => override.at === referral.triage.decision?.decidedAt) ? 'override' : 'change', resourceType: 'referral-triage', resourceId: id, detail: { decision: referral.triage.decision } });
    return referral;
  }
}
