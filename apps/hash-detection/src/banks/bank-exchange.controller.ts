import { Controller, Get, Inject, Logger, Param, Post, Query, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ExportBankUseCase, ImportBankEntriesUseCase, type ImportProgress } from '@vigil/hashes';
import { ValidationError } from '@vigil/kernel';
import { SERVICE_INFRASTRUCTURE, type ServiceInfrastructure } from '@vigil/platform';
import { CurrentUser, Roles, type StaffUser } from '@vigil/security';
import type { Request, Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BankFileFormatQuery } from './banks.dto';
import { uuidParam } from './uuid-param';
import { rawRequestBody, utf8Text } from './request-body';

/** The largest hash-list file one import takes (about 500,000 CSV rows). */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
export const NDJSON = 'application/x-ndjson';

/** Import and export of whole banks in the exchange formats (VICS, NCMEC-style, CSV, TSV). */
@ApiTags('hash banks')
@ApiBearerAuth()
@Controller('api/v1/banks')
export class BankExchangeController {
  private readonly logger = new Logger('bank-import');

  constructor(
    private readonly importer: ImportBankEntriesUseCase,
    private readonly exporter: ExportBankUseCase,
    @Inject(SERVICE_INFRASTRUCTURE) private readonly infra: ServiceInfrastructure,
  ) {}

  @Post(':id/import')
  @Roles('bank-curator')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10 } }))
  @ApiConsumes('multipart/form-data', 'text/csv', 'text/tab-separated-values', 'application/json', 'application/octet-stream')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } }, description: 'multipart field "file", or the file as the raw body' })
  @ApiProduces('application/json', NDJSON)
  @ApiOperation({
    summary: 'Import a hash list into the bank; answers rows taken, skipped and why',
    description: `Up to ${MAX_IMPORT_BYTES} bytes. With \`Accept: ${NDJSON}\` the answer streams \`{"progress":…}\` lines as batches commit, then \`{"summary":…}\` (or \`{"error":…}\`).`,
  })
  async import(
    @CurrentUser() user: StaffUser,
    @Param('id', uuidParam('id')) bankId: string,
    @Query() query: BankFileFormatQuery,
    @UploadedFile() file: { buffer: Buffer } | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const bytes = file?.buffer ?? (request.is('multipart/form-data') ? Buffer.alloc(0) : await rawRequestBody(request, MAX_IMPORT_BYTES));
    if (bytes.length === 0) throw new ValidationError('file: send the file as multipart field "file" or as the request body', 'file');
    const content = utf8Text(bytes);

    const streaming = (request.headers.accept ?? '').includes(NDJSON);
    let started = false;
    const progress = (update: ImportProgress) => {
      if (!started) {
        response.status(200).type(NDJSON);
        started = true;
      }
      response.write(`${JSON.stringify({ progress: update })}\n`);
    };
    try {
      const summary = await this.importer.execute({ bankId, format: query.format, content, actor: user.username }, streaming ? progress : undefined);
      await this.infra.audit.record({
        actor: user.username, action: 'create', resourceType: 'hash-bank-import', resourceId: bankId,
        detail: { format: query.format, bytes: bytes.length, taken: summary.taken, skipped: summary.skipped, reasons: summary.reasons },
      });
      if (started) response.end(`${JSON.stringify({ summary })}\n`);
      else response.status(200).json(summary);
    } catch (error) {
      // Before the first progress line the platform's error mapping answers (400, 404…);
      // after it the status is sent, so the error goes in the stream.
      if (!started) throw error;
      this.logger.error(`import into bank ${bankId} failed part-way: ${(error as Error).stack ?? String(error)}`);
      response.end(`${JSON.stringify({ error: { message: 'the import stopped part-way; batches already committed stay in, and importing the file again takes only what is missing' } })}\n`);
    }
  }

  @Get(':id/export')
  @Roles('bank-curator')
  @ApiProduces('text/csv', 'text/tab-separated-values', 'application/json')
  @ApiOperation({ summary: 'Export the bank’s enabled entries as VICS, NCMEC-style CSV, CSV or TSV (streamed, audited as an export)' })
  async export(@CurrentUser() user: StaffUser, @Param('id', uuidParam('id')) bankId: string, @Query() query: BankFileFormatQuery, @Res() response: Response): Promise<void> {
    const exported = await this.exporter.execute(bankId, query.format);
    await this.infra.audit.record({ actor: user.username, action: 'export', resourceType: 'hash-bank', resourceId: bankId, detail: { format: query.format } });
    response.status(200).type(exported.contentType).setHeader('content-disposition', `attachment; filename="${exported.fileName}"`);
    await pipeline(Readable.from(exported.chunks), response);
  }
}
