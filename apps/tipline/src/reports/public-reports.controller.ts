import { Body, Controller, HttpCode, Inject, Param, Post, UploadedFiles, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConsumes, ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { HashFileUseCase } from '@vigil/hashes';
import { AddFollowUpUseCase, SubmitReportUseCase } from '@vigil/reports';
import { Public } from '@vigil/security';
import { digestMedia, MEDIA_LIMITS, type IntakeFile } from './media-intake';
import { MultipartFilesGuard } from './multipart-files.guard';
import { publicReportDetailsOf, reporterContactOf } from './public-report-details.dto';
import { AddFollowUpRequest, AddFollowUpResponse, SubmitReportRequest, SubmitReportResponse } from './submit-report.dto';

const FILES = MultipartFilesGuard('media', MEDIA_LIMITS.maxFiles, { limits: { fileSize: MEDIA_LIMITS.maxFileBytes, files: MEDIA_LIMITS.maxFiles, fields: 200, fieldSize: 64 * 1024 } });

/**
 * The public reporting line. Anonymous by design: no account, and no IP address or
 * fingerprint of the reporter is read, stored or logged here. Both routes are public writes,
 * so the public rate limit applies to them.
 */
@ApiTags('public reports')
@Controller('api/v1/reports')
export class PublicReportsController {
  constructor(
    private readonly submitReport: SubmitReportUseCase,
    private readonly addFollowUp: AddFollowUpUseCase,
    @Inject(HashFileUseCase) private readonly hasher: HashFileUseCase,
  ) {}

  @Public()
  @Post()
  @UseGuards(FILES)
  @ApiOperation({
    summary: 'Make a report (JSON, or multipart with optional media files as evidence)',
    description:
      'For child sexual abuse material, give the URL: never download or send the file. The answer holds the reference and a follow-up secret, shown only this once, with which the reporter can add information later.',
  })
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiCreatedResponse({ type: SubmitReportResponse })
  @ApiBadRequestResponse({ description: 'A field is missing or wrong; the message names it' })
  @ApiPayloadTooLargeResponse({ description: `More than ${MEDIA_LIMITS.maxFiles} files, or a file over ${MEDIA_LIMITS.maxFileBytes} bytes` })
  @ApiTooManyRequestsResponse({ description: 'Too many reports from one client in a minute' })
  async submit(@Body() body: SubmitReportRequest, @UploadedFiles() files: IntakeFile[] = []): Promise<SubmitReportResponse> {
    const media = await digestMedia(files ?? [], this.hasher);
    const result = await this.submitReport.execute({
      source: 'public',
      incidentType: body.incidentType,
      description: body.description ?? '',
      urls: body.urls ?? [],
      media,
      details: publicReportDetailsOf(body),
      contact: reporterContactOf(body.contact),
    });
    if (!result.followUpSecret) throw new Error('the public submit use case must be given a reporter channel');
    return { reference: result.reference, receivedAt: result.receivedAt, followUpSecret: result.followUpSecret };
  }

  @Public()
  @Post(':reference/follow-ups')
  @HttpCode(201)
  @UseGuards(FILES)
  @ApiOperation({
    summary: 'Add information to an earlier report with its reference and follow-up secret (text, URLs, files within the same limits)',
    description: 'An unknown reference and a wrong secret get the same 404, so the route tells no one which references exist.',
  })
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiCreatedResponse({ type: AddFollowUpResponse })
  @ApiBadRequestResponse({ description: 'A field is missing or wrong; the message names it' })
  @ApiNotFoundResponse({ description: 'No report matches this reference and secret' })
  @ApiTooManyRequestsResponse({ description: 'Too many requests from one client in a minute' })
  async followUp(@Param('reference') reference: string, @Body() body: AddFollowUpRequest, @UploadedFiles() files: IntakeFile[] = []): Promise<AddFollowUpResponse> {
    const media = await digestMedia(files ?? [], this.hasher);
    return this.addFollowUp.execute({ reference, secret: body.secret, text: body.text ?? '', urls: body.urls ?? [], media });
  }
}
