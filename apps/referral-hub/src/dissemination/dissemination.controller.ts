import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DISSEMINATION_REPOSITORY, DisseminateCaseUseCase, PACKAGE_KINDS, type DisseminationRepository, type DisseminationSnapshot, type PackageKind } from '@vigil/cases';
import { AUDIT_TRAIL, CurrentUser, Roles, type AuditTrail, type StaffUser } from '@vigil/security';
import { IsIn, Matches } from 'class-validator';

export class DisseminateRequest {
  @ApiProperty({ example: 'ottawa-police-service', description: 'A police service id from the jurisdictions registry' })
  @Matches(/^[a-z0-9][a-z0-9_-]{0,99}$/, { message: 'policeServiceId must be a police service id (lowercase letters, digits, -)' })
  policeServiceId!: string;

  @ApiProperty({ enum: PACKAGE_KINDS, description: 'Send the latest full package, or the latest lead' })
  @IsIn(PACKAGE_KINDS as unknown as string[], { message: `kind must be one of ${PACKAGE_KINDS.join(', ')}` })
  kind!: PackageKind;
}

@ApiTags('dissemination')
@ApiBearerAuth()
@Controller('api/v1/cases/:id')
export class DisseminationController {
  constructor(
    @Inject(DISSEMINATION_REPOSITORY) private readonly disseminations: DisseminationRepository,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
    private readonly disseminate: DisseminateCaseUseCase,
  ) {}

  @Post('disseminate')
  @Roles('investigator')
  @ApiOperation({ summary: 'Send the case’s latest package or lead to a police service; publishes referral.disseminated.v1 (audited)' })
  async send(@CurrentUser() user: StaffUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: DisseminateRequest): Promise<DisseminationSnapshot> {
    const sent = await this.disseminate.execute(id, body.policeServiceId, body.kind, user.username);
    await this.audit.record({ actor: user.username, action: 'disseminate', resourceType: 'case', resourceId: id, detail: { disseminationId: sent.id, policeServiceId: sent.policeServiceId, kind: sent.kind, packageVersion: sent.packageVersion } });
    return sent;
  }

  @Get('disseminations')
  @Roles('investigator', 'supervisor', 'victim-id-officer')
  @ApiOperation({ summary: 'Where the case was sent, acknowledgements and outcomes' })
  list(@Param('id', ParseUUIDPipe) id: string): Promise<DisseminationSnapshot[]> {
    return this.disseminations.listForCase(id);
  }
}
