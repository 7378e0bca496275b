import { Body, Controller, HttpCode, Post, UploadedFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiSecurity,
  ApiTags,
  ApiTooManyRequestsResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { MAX_HASHES_PER_REQUEST, parseHashQueries } from '@vigil/hashes';
import { ValidationError } from '@vigil/kernel';
import { CurrentPartner, CurrentUser, PartnerAccess, Roles, type PartnerPrincipal, type StaffUser } from '@vigil/security';
import { MatchRequest, MatchResponse } from './match.dto';
import { MatchApiService } from './match-api.service';
import { isVideoUpload, MATCH_UPLOAD_LIMITS } from './media-upload';

/** The part of a multer upload we read. */
export interface UploadedMedia {
  buffer: Buffer;
  size: number;
}

/**
 * The industry real-time match API. Partners send hashes (so media need never leave them) or
 * one image, hashed in memory and never stored; each answer says what matched and why.
 */
@ApiTags('match')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('api/v1/match')
export class MatchController {
  constructor(private readonly api: MatchApiService) {}

  @Post()
  @HttpCode(200)
  @Roles('reviewer', 'bank-curator')
  @PartnerAccess('match')
  @ApiOperation({
    summary: 'Match hashes (JSON) or one image or video (multipart field "file") against the banks',
    description:
      'Partners authenticate with an API key holding the `match` scope (`X-Api-Key: vgl_…`); staff with a bearer token. ' +
      'Hashes: md5, sha1, sha256 or pdq, in hex or base64. An image is hashed in memory (SHA-256, SHA-1, MD5, PDQ) and never stored. ' +
      'A video (MP4/MOV, WebM/MKV, AVI, MPEG-TS/PS, FLV, ASF, Ogg; sniffed from the content) is decoded from a memory-backed folder and removed at once: ' +
      'its digests are matched, then one frame per second (vPDQ sampling) against the PDQ entries; `frames` says how many matched and when. ' +
      'Every call is audited (who, how many hashes, what matched; never the media). Rate-limited per key (429 with Retry-After).',
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiExtraModels(MatchRequest)
  @ApiBody({ schema: { oneOf: [{ $ref: getSchemaPath(MatchRequest) }, { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] }] } })
  @ApiOkResponse({ type: MatchResponse })
  @ApiBadRequestResponse({ description: 'A hash is malformed (the message names hashes[i]), or neither hashes nor a file was sent' })
  @ApiPayloadTooLargeResponse({ description: `A file over ${MATCH_UPLOAD_LIMITS.maxFileBytes} bytes or ${MATCH_UPLOAD_LIMITS.maxPixels} pixels` })
  @ApiTooManyRequestsResponse({ description: 'Over this key’s requests per minute; Retry-After says when to try again' })
  async match(
    @Body() body: unknown,
    // Multer runs as middleware for this route (see MatchModule), not as an interceptor.
    @UploadedFile() file: UploadedMedia | undefined,
    @CurrentUser() user: StaffUser | undefined,
    @CurrentPartner() partner: PartnerPrincipal | undefined,
  ): Promise<MatchResponse> {
    const caller = { user, partner };
    if (file) {
      if (Object.keys(body ?? {}).length > 0) throw new ValidationError('hashes: send either hashes or a file, not both', 'hashes');
      if (isVideoUpload(file.buffer)) {
        const video = await this.api.matchVideo(caller, file.buffer, 'file', 'vigil');
        const { contentType, bytes, video: info } = video.file;
        const file_ = { contentType, bytes, codec: info.codec, width: info.width, height: info.height, durationSeconds: info.durationSeconds ?? undefined };
        return { requestId: video.requestId, results: video.results, file: file_, verdict: video.verdict, frames: video.frames };
      }
      const answer = await this.api.matchFile(caller, file.buffer, 'file', 'vigil');
      const { pdq: _pdq, quality, bytes, contentType } = answer.file;
      const { matchingEntries: _entries, ...verdict } = answer.verdict;
      return { requestId: answer.requestId, results: answer.results, file: { contentType, bytes, pdqQuality: quality }, verdict };
    }
    return this.api.matchHashes(caller, parseHashQueries(body, MAX_HASHES_PER_REQUEST), 'vigil');
  }
}
