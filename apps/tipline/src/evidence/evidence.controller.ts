import { Controller, Get, Inject, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { NotFoundError, isId } from '@vigil/kernel';
import { EVIDENCE_STORE, type EvidenceStore } from '@vigil/reports';
import { AUDIT_TRAIL, CurrentUser, Roles, type AuditTrail, type StaffUser } from '@vigil/security';
import type { Response } from 'express';

/**
 * The original media of a report, for staff who must look at it: hash-detection's review queue
 * fetches it with the reviewer's own token (and blurs it before a reviewer sees it). Every read
 * is audited against the person, and nothing is cached anywhere on the way.
 */
@ApiTags('evidence')
@ApiBearerAuth()
@Controller('api/v1/evidence')
export class EvidenceController {
  constructor(@Inject(EVIDENCE_STORE) private readonly evidence: EvidenceStore, @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail) {}

  @Get(':mediaId')
  @Roles('reviewer', 'analyst', 'supervisor')
  @ApiOperation({ summary: 'The original bytes of one media file (audited; never cached)', description: 'Unblurred: reviewers should use hash-detection’s review previews instead.' })
  @ApiProduces('image/jpeg', 'image/png', 'image/gif', 'image/webp')
  @ApiOkResponse({ description: 'The file, with the content type sniffed at intake' })
  @ApiNotFoundResponse({ description: 'No evidence file has this media id' })
  async get(@CurrentUser() user: StaffUser, @Param('mediaId') mediaId: string, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const file = isId(mediaId) ? await this.evidence.get(mediaId) : undefined;
    if (!file) throw new NotFoundError('evidence file', mediaId);
    await this.audit.record({ actor: user.username, action: 'view', resourceType: 'evidence', resourceId: mediaId, detail: { reportId: file.reportId, bytes: file.content.length } });
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(Buffer.from(file.content), { type: file.contentType, length: file.content.length, disposition: 'inline' });
  }
}
