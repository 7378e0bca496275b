import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SERVICE_INFRASTRUCTURE, type ServiceInfrastructure } from '@vigil/platform';
import { CurrentUser, Roles, type StaffUser } from '@vigil/security';
import { ManageProvidersUseCase, PROVIDER_REPOSITORY, type ProviderRepository } from '@vigil/takedown';
import { RegisterProviderRequest, UpdateProviderRequest } from './takedown.dto';

@ApiTags('takedown: hosting providers')
@ApiBearerAuth()
@Controller('api/v1/providers')
export class ProvidersController {
  constructor(
    @Inject(PROVIDER_REPOSITORY) private readonly providers: ProviderRepository,
    private readonly manage: ManageProvidersUseCase,
    @Inject(SERVICE_INFRASTRUCTURE) private readonly infra: ServiceInfrastructure,
  ) {}

  @Get()
  @Roles('analyst', 'supervisor', 'reviewer', 'bank-curator')
  @ApiOperation({ summary: 'Hosting providers: the hosts they serve and where notices go' })
  list() {
    return this.providers.list();
  }

  @Post()
  @Roles('supervisor', 'bank-curator')
  @ApiOperation({ summary: 'Register a provider; listed URLs on its hosts are assigned to it and waiting notices go out' })
  async register(@CurrentUser() user: StaffUser, @Body() body: RegisterProviderRequest) {
    const provider = await this.manage.register({ ...body, actor: user.username });
    await this.infra.audit.record({ actor: user.username, action: 'create', resourceType: 'hosting-provider', resourceId: provider.id, detail: { name: provider.name } });
    return provider;
  }

  @Patch(':id')
  @Roles('supervisor', 'bank-curator')
  @ApiOperation({ summary: 'Change a provider (an empty string clears contactEmail or noticeWebhookUrl)' })
  async update(@CurrentUser() user: StaffUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateProviderRequest) {
    const provider = await this.manage.update(id, { ...body, actor: user.username });
    await this.infra.audit.record({ actor: user.username, action: 'change', resourceType: 'hosting-provider', resourceId: id, detail: { fields: Object.keys(body) } });
    return provider;
  }
}
