import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BankQueries } from '@vigil/hashes';
import { SERVICE_INFRASTRUCTURE, type ServiceInfrastructure } from '@vigil/platform';
import { CurrentPartner, CurrentUser, PartnerAccess, Roles, type PartnerPrincipal, type StaffUser } from '@vigil/security';
import { ChangesQuery } from './banks.dto';
import { uuidParam } from './uuid-param';

/** The change feed partners pull to keep a local copy of a bank and scan on their side. */
@ApiTags('hash banks')
@ApiBearerAuth()
@Controller('api/v1/banks')
export class BankChangesController {
  constructor(private readonly queries: BankQueries, @Inject(SERVICE_INFRASTRUCTURE) private readonly infra: ServiceInfrastructure) {}

  @Get(':id/changes')
  @Roles('bank-curator', 'reviewer')
  @PartnerAccess('bank-changes')
  @ApiOperation({
    summary: 'Changes to a bank’s entries after a cursor (add, disable, enable, update), oldest first',
    description: 'Start with no `since`, then pass each answer’s `nextCursor` until `hasMore` is false; poll again later from the last `nextCursor`. A cursor never skips a change.',
  })
  async changes(
    @CurrentUser() user: StaffUser | undefined,
    @CurrentPartner() partner: PartnerPrincipal | undefined,
    @Param('id', uuidParam('id')) bankId: string,
    @Query() query: ChangesQuery,
  ) {
    const page = await this.queries.changesSince(bankId, query);
    const actor = partner ? `partner:${partner.partnerId}` : (user?.username ?? 'unknown');
    await this.infra.audit.record({ actor, action: 'list', resourceType: 'hash-bank-changes', resourceId: bankId, detail: { since: query.since ?? '0', returned: page.changes.length } });
    return page;
  }
}
