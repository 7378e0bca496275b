import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BankQueries, CurateBankEntriesUseCase } from '@vigil/hashes';
import { SERVICE_INFRASTRUCTURE, type ServiceInfrastructure } from '@vigil/platform';
import { CurrentUser, Roles, type StaffUser } from '@vigil/security';
import { BrowseEntriesQuery, CorrectEntryRequest, DisableEntryRequest, UpdateBankRequest } from './banks.dto';
import { uuidParam } from './uuid-param';

/** One bank: its detail and settings, its entries page by page, and disabling, enabling and correcting them. */
@ApiTags('hash banks')
@ApiBearerAuth()
@Controller('api/v1/banks')
export class BankCurationController {
  constructor(
    private readonly queries: BankQueries,
    private readonly curate: CurateBankEntriesUseCase,
    @Inject(SERVICE_INFRASTRUCTURE) private readonly infra: ServiceInfrastructure,
  ) {}

  @Get(':id')
  @Roles('bank-curator', 'reviewer')
  @ApiOperation({ summary: 'A bank with its provenance, threshold and entry counts (by status, hash type, classification)' })
  async detail(@CurrentUser() user: StaffUser, @Param('id', uuidParam('id')) bankId: string) {
    const detail = await this.queries.bankDetail(bankId);
    await this.infra.audit.record({ actor: user.username, action: 'view', resourceType: 'hash-bank', resourceId: bankId });
    return detail;
  }

  @Patch(':id')
  @Roles('bank-curator')
  @ApiOperation({ summary: 'Change a bank’s PDQ threshold (0–31), name, source, terms or owner' })
  async update(@CurrentUser() user: StaffUser, @Param('id', uuidParam('id')) bankId: string, @Body() body: UpdateBankRequest) {
    const bank = await this.curate.updateBank(bankId, body);
    await this.infra.audit.record({ actor: user.username, action: 'change', resourceType: 'hash-bank', resourceId: bankId, detail: { ...body } });
    return bank;
  }

  @Get(':id/entries')
  @Roles('bank-curator', 'reviewer')
  @ApiOperation({ summary: 'Browse and search a bank’s entries, newest first, a page at a time (audited)' })
  async browse(@CurrentUser() user: StaffUser, @Param('id', uuidParam('id')) bankId: string, @Query() query: BrowseEntriesQuery) {
    const page = await this.queries.browseEntries(bankId, query);
    await this.infra.audit.record({ actor: user.username, action: 'list', resourceType: 'hash-bank-entries', resourceId: bankId, detail: { ...query, returned: page.entries.length } });
    return page;
  }

  @Get(':id/entries/:entryId')
  @Roles('bank-curator', 'reviewer')
  @ApiOperation({ summary: 'One entry with who added and disabled it and why (audited)' })
  async entry(@CurrentUser() user: StaffUser, @Param('id', uuidParam('id')) bankId: string, @Param('entryId', uuidParam('entryId')) entryId: string) {
    const entry = await this.queries.entry(bankId, entryId);
    await this.infra.audit.record({ actor: user.username, action: 'view', resourceType: 'hash-bank-entry', resourceId: entryId, detail: { bankId } });
    return entry;
  }

  @Patch(':id/entries/:entryId')
  @Roles('bank-curator')
  @ApiOperation({ summary: 'Correct an entry’s classification, series, victim-identified flag or notes' })
  correct(@CurrentUser() user: StaffUser, @Param('id', uuidParam('id')) bankId: string, @Param('entryId', uuidParam('entryId')) entryId: string, @Body() body: CorrectEntryRequest) {
    return this.curate.correctEntry({ bankId, entryId, corrections: body, by: user.username });
  }

  @Post(':id/entries/:entryId/disable')
  @HttpCode(200)
  @Roles('bank-curator')
  @ApiOperation({ summary: 'Disable an entry (it stops matching at once), with a reason and an optional expiry' })
  disable(@CurrentUser() user: StaffUser, @Param('id', uuidParam('id')) bankId: string, @Param('entryId', uuidParam('entryId')) entryId: string, @Body() body: DisableEntryRequest) {
    return this.curate.disableEntry({ bankId, entryId, reason: body.reason, expiresAt: body.expiresAt ? new Date(body.expiresAt) : undefined, by: user.username });
  }

  @Post(':id/entries/:entryId/enable')
  @HttpCode(200)
  @Roles('bank-curator')
  @ApiOperation({ summary: 'Enable a disabled entry again' })
  enable(@CurrentUser() user: StaffUser, @Param('id', uuidParam('id')) bankId: string, @Param('entryId', uuidParam('entryId')) entryId: string) {
    return this.curate.enableEntry({ bankId, entryId, by: user.username });
  }
}
