import { Body, Controller, HttpCode, Post, Req, UnprocessableEntityException } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiExtraModels, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CurrentPartner, CurrentUser, PartnerAccess, Roles, type PartnerPrincipal, type StaffUser } from '@vigil/security';
import type { Request } from 'express';
import { MatchApiService } from '../match-api.service';
import { MATCH_UPLOAD_LIMITS } from '../media-upload';
import { ArachnidPdqRequest, ArachnidScannedMedia, ArachnidScannedPdq, ArachnidScannedPdqHashes } from './arachnid-shield.dto';
import { arachnidClassification, base32, nearMatchDetails } from './arachnid-shield.mapping';

/**
 * The shape of the Arachnid Shield API (Canadian Centre for Child Protection), so its existing
 * clients can point at Vigil: `POST /v1/media` with the media bytes, `POST /v1/pdq` with base64
 * PDQ hashes. Clients that sign in with HTTP Basic send the API key as the password. Scanning
 * media from a URL is not offered: Vigil never fetches media.
 */
@ApiTags('compat: Arachnid Shield')
@ApiSecurity('api-key')
@Controller('v1')
export class ArachnidShieldController {
  constructor(private readonly api: MatchApiService) {}

  @Post('media')
  @HttpCode(200)
  @Roles('reviewer', 'bank-curator')
  @PartnerAccess('match')
  @ApiOperation({ summary: 'Scan media sent as the request body (Arachnid Shield `ScannedMedia` answer)', description: `One image, at most ${MATCH_UPLOAD_LIMITS.maxFileBytes} bytes, with its Content-Type.` })
  @ApiConsumes('image/jpeg', 'image/png', 'image/gif', 'image/webp')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: ArachnidScannedMedia })
  async media(@Req() request: Request, @CurrentUser() user: StaffUser | undefined, @CurrentPartner() partner: PartnerPrincipal | undefined): Promise<ArachnidScannedMedia> {
    if (!Buffer.isBuffer(request.body)) {
      throw new UnprocessableEntityException({ detail: 'send the media bytes as the request body, with their Content-Type; Vigil does not scan media from a URL' });
    }
    const answer = await this.api.matchFile({ user, partner }, request.body, 'body', 'arachnid-shield');
    const { verdict, results, file } = answer;
    const near = results.map(nearMatchDetails).filter((details) => details !== null);
    return {
      sha1_base32: base32(Buffer.from(file.sha1, 'hex')),
      sha256_hex: file.sha256.toUpperCase(),
      md5_hex: file.md5,
      size_bytes: file.bytes,
      classification: arachnidClassification(verdict),
      match_type: verdict.matched ? (verdict.matchKind ?? null) : null,
      near_match_details: near,
      request_id: answer.requestId,
    };
  }

  @Post('pdq')
  @HttpCode(200)
  @Roles('reviewer', 'bank-curator')
  @PartnerAccess('match')
  @ApiOperation({ summary: 'Scan PDQ hashes (Arachnid Shield `ScannedPdqHashes` answer, keyed by each hash as sent)' })
  @ApiExtraModels(ArachnidScannedPdq)
  @ApiOkResponse({ type: ArachnidScannedPdqHashes })
  async pdq(@Body() body: ArachnidPdqRequest, @CurrentUser() user: StaffUser | undefined, @CurrentPartner() partner: PartnerPrincipal | undefined): Promise<ArachnidScannedPdqHashes> {
    const answer = await this.api.matchHashes({ user, partner }, body.hashes.map((value) => ({ type: 'pdq' as const, value })), 'arachnid-shield');
    const scanned: Record<string, ArachnidScannedPdq> = {};
    body.hashes.forEach((sent, index) => {
      const result = answer.results[index];
      scanned[sent] = { classification: arachnidClassification(result), match_type: result.matched ? (result.matchKind ?? null) : null, near_match_details: nearMatchDetails(result) };
    });
    return { scanned_hashes: scanned, request_id: answer.requestId };
  }
}
