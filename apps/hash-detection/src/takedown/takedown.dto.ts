import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MANUAL_STATUSES, URL_STATUSES, type ManualStatus, type UrlStatus } from '@vigil/takedown';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

const HTTP_URL = { require_protocol: true, protocols: ['http', 'https'], require_tld: false };
// A country that exists, not only two letters ("ZZ" is user-assigned): class-validator's list.
const COUNTRY_MESSAGE = 'country must be an ISO 3166-1 alpha-2 code of a country, e.g. CA';

export class RegisterProviderRequest {
  @ApiProperty({ example: 'Example Hosting Ltd' }) @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty({ example: ['example.org'], description: 'Hosts served; a suffix covers its subdomains' })
  @IsArray({ message: 'hostSuffixes must be a list of host names, e.g. ["example.org"]' })
  @ArrayMinSize(1, { message: 'hostSuffixes must list at least one host' })
  @ArrayMaxSize(200)
  @IsString({ each: true })
  hostSuffixes!: string[];
  @ApiPropertyOptional({ example: 'abuse@example.org' }) @IsOptional() @IsEmail({}, { message: 'contactEmail must be an email address' }) contactEmail?: string;
  @ApiPropertyOptional({ example: 'https://abuse.example.org/notices', description: 'Notices are POSTed here as JSON when set' })
  @IsOptional()
  @IsUrl(HTTP_URL, { message: 'noticeWebhookUrl must be an http(s) address' })
  noticeWebhookUrl?: string;
  @ApiProperty({ example: 'CA', description: 'ISO 3166-1 alpha-2 code of a country (either case)' }) @IsISO31661Alpha2({ message: COUNTRY_MESSAGE }) country!: string;
}

/** Every field optional; an empty string clears contactEmail or noticeWebhookUrl (one must remain). */
export class UpdateProviderRequest {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMinSize(1, { message: 'hostSuffixes must list at least one host' }) @ArrayMaxSize(200) @IsString({ each: true }) hostSuffixes?: string[];
  @ApiPropertyOptional() @IsOptional() @ValidateIf((body: UpdateProviderRequest) => body.contactEmail !== '') @IsEmail({}, { message: 'contactEmail must be an email address' }) contactEmail?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @ValidateIf((body: UpdateProviderRequest) => body.noticeWebhookUrl !== '')
  @IsUrl(HTTP_URL, { message: 'noticeWebhookUrl must be an http(s) address' })
  noticeWebhookUrl?: string;
  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2 code of a country (either case)' }) @IsOptional() @IsISO31661Alpha2({ message: COUNTRY_MESSAGE }) country?: string;
}

export class ListUrlsQuery {
  @ApiPropertyOptional({ enum: URL_STATUSES }) @IsOptional() @IsIn(URL_STATUSES as unknown as string[], { message: `status must be one of: ${URL_STATUSES.join(', ')}` }) status?: UrlStatus;
  @ApiPropertyOptional({ description: 'provider id' }) @IsOptional() @IsUUID('all', { message: 'provider must be a provider id (UUID)' }) provider?: string;
  @ApiPropertyOptional({ default: 200, maximum: 1000 }) @IsOptional() @Type(() => Number) @IsInt({ message: 'limit must be a whole number' }) @Min(1) @Max(1000) limit?: number;
}

export class IssueNoticeRequest {
  @ApiPropertyOptional({ example: 'Confirmed CSAM on review of the report' }) @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export class ChangeStatusRequest {
  @ApiProperty({ enum: MANUAL_STATUSES }) @IsIn(MANUAL_STATUSES as unknown as string[], { message: `status must be one of: ${MANUAL_STATUSES.join(', ')}` }) status!: ManualStatus;
  @ApiProperty({ example: 'Provider confirmed removal by email' }) @IsString() @MinLength(3, { message: 'reason must say why (3 characters or more)' }) @MaxLength(2000) reason!: string;
}

const lowerHex = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class ObservationRequest {
  @ApiProperty({ example: 'https://files.example.net/a/b.jpg' }) @IsUrl(HTTP_URL, { message: 'url must be an http(s) address' }) @MaxLength(4000) url!: string;
  @ApiPropertyOptional() @IsOptional() @Transform(lowerHex) @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 hexadecimal characters' }) sha256?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(lowerHex) @Matches(/^[0-9a-f]{32}$/, { message: 'md5 must be 32 hexadecimal characters' }) md5?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(lowerHex) @Matches(/^[0-9a-f]{64}$/, { message: 'pdq must be 64 hexadecimal characters' }) pdq?: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 100 }) @IsOptional() @IsInt() @Min(0) @Max(100) pdqQuality?: number;
}

export class BlocklistQuery {
  @ApiPropertyOptional({ enum: ['txt', 'csv'], default: 'txt' }) @IsOptional() @IsIn(['txt', 'csv'], { message: 'format must be txt or csv' }) format?: 'txt' | 'csv';
}
