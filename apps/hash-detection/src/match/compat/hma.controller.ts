import { BadRequestException, Controller, Get, HttpCode, Post, Query, UploadedFiles } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ValidationError } from '@vigil/kernel';
import { CurrentPartner, CurrentUser, PartnerAccess, Roles, type PartnerPrincipal, type StaffUser } from '@vigil/security';
import type { UploadedMedia } from '../match.controller';
import { MatchApiService, type MatchCaller } from '../match-api.service';
import { HMA_SIGNAL_TYPES, HmaHashUrlQuery, HmaLookupQuery } from './hma.dto';

/** Uploads as multer (middleware, see MatchModule) leaves them: HMA's field `photo`, or `file`. */
type HmaUpload = { photo?: UploadedMedia[]; file?: UploadedMedia[] };

const UPLOAD_BODY = { schema: { type: 'object', properties: { photo: { type: 'string', format: 'binary', description: 'HMA names the field after the content type' } } } };

/**
 * The shape of Meta's Hasher-Matcher-Actioner (HMA v2, OpenMediaMatch) hasher and matcher
 * routes, so its clients can point at Vigil. Differences: media are uploaded (Vigil never
 * fetches a URL), photos only, and banks are never sampled (HMA's `seed` coin flip).
 */
@ApiTags('compat: HMA')
@ApiSecurity('api-key')
@Controller()
export class HmaController {
  constructor(private readonly api: MatchApiService) {}

  @Get('h/hash')
  @Roles('reviewer', 'bank-curator')
  @PartnerAccess('match')
  @ApiOperation({ summary: 'HMA hashes media at a URL; Vigil refuses (it never fetches media): POST the file instead' })
  hashFromUrl(@Query() _query: HmaHashUrlQuery): never {
    throw new BadRequestException({ message: 'Vigil does not fetch media from URLs: POST the file to /h/hash as multipart field "photo"' });
  }

  @Post('h/hash')
  @HttpCode(200)
  @Roles('reviewer', 'bank-curator')
  @PartnerAccess('match')
  @ApiOperation({ summary: 'Hash an uploaded photo: `{"pdq": "<hex>"}`' })
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiOkResponse({ schema: { type: 'object', properties: { pdq: { type: 'string' } } } })
  async hash(@UploadedFiles() files: HmaUpload | undefined, @CurrentUser() user: StaffUser | undefined, @CurrentPartner() partner: PartnerPrincipal | undefined): Promise<Record<string, string>> {
    const file = await this.api.hashFile({ user, partner }, uploaded(files), 'photo', 'hma');
    return file.pdq ? { pdq: file.pdq } : {};
  }

  @Get('m/lookup')
  @Roles('reviewer', 'bank-curator')
  @PartnerAccess('match')
  @ApiOperation({ summary: 'Names of the banks holding a match for one hash (HMA answers a JSON list)' })
  @ApiOkResponse({ schema: { type: 'array', items: { type: 'string' } } })
  async lookup(@Query() query: HmaLookupQuery, @CurrentUser() user: StaffUser | undefined, @CurrentPartner() partner: PartnerPrincipal | undefined): Promise<string[]> {
    const [result] = (await this.lookupOne({ user, partner }, query)).results;
    return [...new Set(result.matchingEntries.map((entry) => entry.bankName))];
  }

  @Post('m/lookup')
  @HttpCode(200)
  @Roles('reviewer', 'bank-curator')
  @PartnerAccess('match')
  @ApiOperation({ summary: 'Hash an uploaded photo and name the banks matching it, per signal type: `{"pdq": ["bank", …]}`' })
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiOkResponse({ schema: { type: 'object', properties: { pdq: { type: 'array', items: { type: 'string' } } } } })
  async lookupUpload(@UploadedFiles() files: HmaUpload | undefined, @CurrentUser() user: StaffUser | undefined, @CurrentPartner() partner: PartnerPrincipal | undefined): Promise<Record<string, string[]>> {
    const answer = await this.api.matchFile({ user, partner }, uploaded(files), 'photo', 'hma');
    const pdq = answer.results.find((result) => result.type === 'pdq');
    return pdq ? { pdq: [...new Set(pdq.matchingEntries.map((entry) => entry.bankName))] } : {};
  }

  @Get('m/raw_lookup')
  @Roles('reviewer', 'bank-curator')
  @PartnerAccess('match')
  @ApiOperation({ summary: 'The matching entries’ ids (HMA content ids), with distances when include_distance=true' })
  async rawLookup(@Query() query: HmaLookupQuery, @CurrentUser() user: StaffUser | undefined, @CurrentPartner() partner: PartnerPrincipal | undefined) {
    const [result] = (await this.lookupOne({ user, partner }, query)).results;
    const withDistance = query.include_distance === 'true' || query.include_distance === '1';
    return { matches: result.matchingEntries.map((entry) => (withDistance ? { content_id: entry.entryId, distance: String(entry.distance) } : entry.entryId)) };
  }

  private async lookupOne(caller: MatchCaller, query: HmaLookupQuery) {
    try {
      return await this.api.matchHashes(caller, [{ type: HMA_SIGNAL_TYPES[query.signal_type], value: query.signal }], 'hma');
    } catch (error) {
      // Name HMA's parameter rather than the match API's hashes[0].value.
      if (error instanceof ValidationError && error.field === 'hashes[0].value') throw new ValidationError(error.message.replace('hashes[0].value', 'signal'), 'signal');
      throw error;
    }
  }
}

function uploaded(files: HmaUpload | undefined): Buffer | undefined {
  return (files?.photo?.[0] ?? files?.file?.[0])?.buffer;
}
