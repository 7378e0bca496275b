import { Controller, Get, Inject, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '@vigil/kernel';
import { REPORTER_CHANNEL, type ReporterChannel, type ReporterContact } from '@vigil/reports';
import { AUDIT_TRAIL, CurrentUser, Roles, type AuditTrail, type StaffUser } from '@vigil/security';

/**
 * The contact a public reporter chose to give, if any. Not part of the report view: an analyst
 * asks for it on purpose, and each read is audited on its own.
 */
@ApiTags('triage')
@ApiBearerAuth()
@Controller('api/v1/reports')
export class ReporterContactController {
  constructor(@Inject(REPORTER_CHANNEL) private readonly channel: ReporterChannel, @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail) {}

  @Get(':id/reporter-contact')
  @Roles('analyst', 'supervisor')
  @ApiOperation({ summary: 'How the reporter may be reached, when they gave contact details (audited); 404 when they stayed anonymous' })
  @ApiNotFoundResponse({ description: 'The reporter gave no contact details' })
  async contact(@CurrentUser() user: StaffUser, @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string): Promise<ReporterContact> {
    await this.audit.record({ actor: user.username, action: 'view', resourceType: 'reporter-contact', resourceId: id });
    const contact = await this.channel.contactOf(id);
    if (!contact) throw new NotFoundError('reporter contact of report', id);
    return contact;
  }
}
