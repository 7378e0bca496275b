import { Body, Controller, Inject, Post, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { ApiBadRequestResponse, ApiConsumes, ApiCreatedResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiTags } from '@nestjs/swagger';
import { HashFileUseCase } from '@vigil/hashes';
import { SubmitReportUseCase } from '@vigil/reports';
import { Public } from '@vigil/security';
import { digestMedia, MEDIA_LIMITS, type IntakeFile } from './media-intake';
import { SubmitReportRequest, SubmitReportResponse } from './submit-report.dto';

/**
 * The public reporting line. Anonymous by design: no account, and no IP address or
 * fingerprint of the reporter is read, stored or logged here.
 */
@ApiTags('public reports')
@Controller('api/v1/reports')
export class PublicReportsController {
  constructor(private readonly submitReport: SubmitReportUseCase, @Inject(HashFileUseCase) private readonly hasher: HashFileUseCase) {}

  @Public()
  @Post()
  @UseInterceptors(FilesInterceptor('media', MEDIA_LIMITS.maxFiles, { limits: { fileSize: MEDIA_LIMITS.maxFileBytes, files: MEDIA_LIMITS.maxFiles, fields: 200, fieldSize: 64 * 1024 } }))
  @ApiOperation({ summary: 'Make a report (JSON, or multipart with optional media files as evidence)', description: 'For child sexual abuse material, give the URL: never download or send the file.' })
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiCreatedResponse({ type: SubmitReportResponse })
  @ApiBadRequestResponse({ description: 'A field is missing or wrong; the message names it' })
  @ApiPayloadTooLargeResponse({ description: `More than ${MEDIA_LIMITS.maxFiles} files, or a file over ${MEDIA_LIMITS.maxFileBytes} bytes` })
  async submit(@Body() body: SubmitReportRequest, @UploadedFiles() files: IntakeFile[] = []): Promise<SubmitReportResponse> {
    const media = await digestMedia(files ?? [], this.hasher);
    const result = await this.submitReport.execute({
      source: 'public',
      incidentType: body.incidentType,
      description: body.description ?? '',
      urls: body.urls ?? [],
      media,
    });
    return { reference: result.reference, receivedAt: result.receivedAt };
  }
}
