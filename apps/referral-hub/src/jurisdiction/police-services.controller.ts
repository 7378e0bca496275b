import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PoliceService } from '@vigil/jurisdictions';
import { Roles } from '@vigil/security';
import { POLICE_SERVICE_REGISTRY } from './case-jurisdiction';

/** The registry's police services (public names), for pickers in the staff UI: reference data, no case data. */
@ApiTags('jurisdiction')
@ApiBearerAuth()
@Controller('api/v1/police-services')
export class PoliceServicesController {
  @Get()
  @Roles('investigator', 'supervisor', 'victim-id-officer')
  @ApiOperation({ summary: 'Police services that can receive referrals: id (what disseminations and overrides name), names in English and French, kind, provinces' })
  list(): PoliceService[] {
    return [...POLICE_SERVICE_REGISTRY.services].sort((a, b) => a.name.en.localeCompare(b.name.en));
  }
}
