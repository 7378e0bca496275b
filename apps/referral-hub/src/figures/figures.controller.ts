import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ReferralFiguresUseCase, type ReferralFigures } from '@vigil/cases';
import { AUDIT_TRAIL, CurrentUser, Roles, type AuditTrail, type StaffUser } from '@vigil/security';
import { defaultFiguresFrom, parseFiguresDate } from './figures-query';

/** The hub's program figures: aggregates only, no referral, case or victim record in the answer. */
@ApiTags('figures')
@ApiBearerAuth()
@Controller('api/v1/figures')
export class FiguresController {
  constructor(private readonly figures: ReferralFiguresUseCase, @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail) {}

  @Get()
  @Roles('investigator', 'supervisor', 'victim-id-officer')
  @ApiOperation({
    summary:
      'Per day (ranges up to 62 days) or per month, and in total: referrals received by source, packages and leads sent, referrals found not actionable, ' +
      'hours from intake to first dissemination (median, p90), victims identified (counts below 5 shown as "<5"), over [from, to)',
  })
  @ApiQuery({ name: 'from', required: false, description: 'ISO 8601 date or date-time (default: the first of the month eleven months before `to`)' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO 8601 date or date-time, exclusive, at most 366 days after `from` (default: now)' })
  async get(@CurrentUser() user: StaffUser, @Query('from') from?: string, @Query('to') to?: string): Promise<ReferralFigures> {
    const end = to ? parseFiguresDate(to, 'to') : new Date();
    const start = from ? parseFiguresDate(from, 'from') : defaultFiguresFrom(end);
    const figures = await this.figures.execute(start, end);
    // Victim counts are in the answer, so who looked and when is kept, as for the GBA Plus figures.
    await this.audit.record({ actor: user.username, action: 'view', resourceType: 'referral-figures', resourceId: `${figures.from}/${figures.to}` });
    return figures;
  }
}
