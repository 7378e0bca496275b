import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { StaffUser } from '../auth/staff-directory';
import { ApiKeyService, type ApiKeyView } from './api-key.service';
import { PARTNER_SCOPE_VALUES, type PartnerScope } from './partner-access.decorator';

export class CreateApiKeyRequest {
  @ApiProperty({ example: 'example-platform', description: 'Stable identifier of the partner organisation (lowercase letters, digits, - and _)' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9_-]{0,99}$/, { message: 'partnerId must be 1 to 100 lowercase letters, digits, - or _' })
  partnerId!: string;

  @ApiProperty({ example: 'Example Platform Inc.' }) @IsString() @MinLength(1) @MaxLength(200) partnerName!: string;

  @ApiProperty({ enum: PARTNER_SCOPE_VALUES, isArray: true, example: ['match'] })
  @IsArray()
  @ArrayMinSize(1, { message: 'scopes must hold at least one scope' })
  @ArrayMaxSize(PARTNER_SCOPE_VALUES.length)
  @IsIn(PARTNER_SCOPE_VALUES as unknown as string[], { each: true, message: `each scope must be one of: ${PARTNER_SCOPE_VALUES.join(', ')}` })
  scopes!: PartnerScope[];

  @ApiPropertyOptional({ example: '2027-01-01T00:00:00Z', description: 'When the key stops working (ISO 8601); never when absent' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'expiresAt must be an ISO 8601 date-time' })
  expiresAt?: string;

  @ApiPropertyOptional({ example: 6000, description: 'Requests per minute for this key; the service default (MATCH_RATE_LIMIT_PER_MINUTE) when absent' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  rateLimitPerMinute?: number;
}

export class ApiKeyResponse implements ApiKeyView {
  @ApiProperty({ example: '3f9c2a71b0d4e685' }) keyId!: string;
  @ApiProperty() partnerId!: string;
  @ApiProperty() partnerName!: string;
  @ApiProperty({ enum: PARTNER_SCOPE_VALUES, isArray: true }) scopes!: PartnerScope[];
  @ApiPropertyOptional() rateLimitPerMinute?: number;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional() expiresAt?: string;
  @ApiPropertyOptional() revokedAt?: string;
  @ApiPropertyOptional() revokedBy?: string;
  @ApiPropertyOptional() lastUsedAt?: string;
  @ApiProperty({ enum: ['active', 'expired', 'revoked'] }) status!: 'active' | 'expired' | 'revoked';
}

export class CreatedApiKeyResponse extends ApiKeyResponse {
  @ApiProperty({ example: 'vgl_3f9c2a71b0d4e685_…', description: 'The key itself: shown this once, never again. Send it as `X-Api-Key`.' })
  key!: string;
}

/** Administration of partner API keys (admin only). Each service keeps its own keys. */
@ApiTags('api keys')
@ApiBearerAuth()
@Controller('api/v1/api-keys')
export class ApiKeysController {
  constructor(@Inject(ApiKeyService) private readonly keys: ApiKeyService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Issue an API key to a partner; the response holds the key, shown only this once' })
  @ApiCreatedResponse({ type: CreatedApiKeyResponse })
  async create(@CurrentUser() user: StaffUser, @Body() body: CreateApiKeyRequest): Promise<CreatedApiKeyResponse> {
    const { key, view } = await this.keys.create(
      { partnerId: body.partnerId, partnerName: body.partnerName, scopes: body.scopes, expiresAt: body.expiresAt ? new Date(body.expiresAt) : undefined, rateLimitPerMinute: body.rateLimitPerMinute },
      user.username,
    );
    return { ...view, key };
  }

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Every API key of this service, without secrets' })
  @ApiOkResponse({ type: [ApiKeyResponse] })
  list(): Promise<ApiKeyView[]> {
    return this.keys.list();
  }

  @Post(':keyId/revoke')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Revoke a key: refused at once by this process, by every replica within 30 s' })
  @ApiOkResponse({ type: ApiKeyResponse })
  revoke(@CurrentUser() user: StaffUser, @Param('keyId') keyId: string): Promise<ApiKeyView> {
    return this.keys.revoke(keyId, user.username);
  }
}
