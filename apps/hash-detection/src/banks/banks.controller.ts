import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurateBanksUseCase, HASH_BANK_REPOSITORY, type HashBankRepository } from '@vigil/hashes';
import { CurrentUser, Roles, type StaffUser } from '@vigil/security';
import { AddEntryRequest, CreateBankRequest } from './banks.dto';
import { uuidParam } from './uuid-param';

@ApiTags('hash banks')
@ApiBearerAuth()
@Controller('api/v1/banks')
export class BanksController {
  constructor(@Inject(HASH_BANK_REPOSITORY) private readonly banks: HashBankRepository, private readonly curate: CurateBanksUseCase) {}

  @Get()
  @Roles('reviewer', 'bank-curator')
  @ApiOperation({ summary: 'Hash banks with their provenance, threshold and entry count' })
  list() {
    return this.banks.listBanks();
  }

  @Post()
  @Roles('bank-curator')
  @ApiOperation({ summary: 'Create a bank (positive, or negative for known false positives)' })
  create(@Body() body: CreateBankRequest) {
    return this.curate.createBank(body);
  }

  @Post(':id/entries')
  @Roles('bank-curator')
  @ApiOperation({ summary: 'Add one hash to a bank, with its classification' })
  addEntry(@CurrentUser() user: StaffUser, @Param('id', uuidParam('id')) bankId: string, @Body() body: AddEntryRequest) {
    return this.curate.addEntry({ ...body, bankId, addedBy: user.username });
  }
}
