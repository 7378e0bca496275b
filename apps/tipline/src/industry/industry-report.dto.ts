import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INCIDENT_TYPES, MAX_URLS } from '@vigil/reports';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsIP,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

export class IndustryIpCaptureEventDto {
  @ApiProperty({ example: '203.0.113.7' }) @IsIP(undefined, { message: 'ip must be an IPv4 or IPv6 address' }) ip!: string;
  @ApiPropertyOptional({ example: '2026-11-20T17:55:00Z' }) @IsOptional() @IsISO8601({}, { message: 'at must be an ISO 8601 date-time' }) at?: string;
  @ApiPropertyOptional({ example: 'Login', description: 'Login, Registration, Upload, Purchase…' }) @IsOptional() @IsString() @MaxLength(100) event?: string;
}

export class IndustryReportedUserDto {
  @ApiPropertyOptional({ example: 'Chatly', description: 'The service the account is on; username + platform link reports' }) @IsOptional() @IsString() @MaxLength(200) platform?: string;
  @ApiPropertyOptional({ description: 'The platform’s own id for the account' }) @IsOptional() @IsString() @MaxLength(200) userId?: string;
  @ApiPropertyOptional({ example: 'lure_01' }) @IsOptional() @IsString() @MaxLength(200) username?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) displayName?: string;
  @ApiPropertyOptional({ example: 'user@example.com' }) @IsOptional() @IsEmail({}, { message: 'email must be an email address' }) email?: string;
  @ApiPropertyOptional({ example: '+1 613 555 0101', description: 'Any common format; stored as E.164 for linking (national numbers read as Canadian)' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string;
  @ApiPropertyOptional({ type: [IndustryIpCaptureEventDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => IndustryIpCaptureEventDto)
  ipCaptureEvents?: IndustryIpCaptureEventDto[];
}

export class IndustryIncidentDto {
  @ApiProperty({ enum: INCIDENT_TYPES }) @IsIn(INCIDENT_TYPES as unknown as string[], { message: `type must be one of: ${INCIDENT_TYPES.join(', ')}` }) type!: string;
  @ApiPropertyOptional({ example: '2026-11-20T18:00:00Z', description: 'When it happened (ISO 8601)' }) @IsOptional() @IsISO8601({}, { message: 'time must be an ISO 8601 date-time' }) time?: string;
  @ApiProperty({ description: 'What happened' }) @IsString() @MaxLength(5000) description!: string;
}

export class IndustryFileDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) fileName?: string;
  @ApiPropertyOptional({ description: '64 hex characters' }) @IsOptional() @Matches(/^[0-9a-fA-F]{64}$/, { message: 'sha256 must be 64 hex characters' }) sha256?: string;
  @ApiPropertyOptional({ description: '32 hex characters' }) @IsOptional() @Matches(/^[0-9a-fA-F]{32}$/, { message: 'md5 must be 32 hex characters' }) md5?: string;
  @ApiPropertyOptional({ description: '40 hex characters' }) @IsOptional() @Matches(/^[0-9a-fA-F]{40}$/, { message: 'sha1 must be 40 hex characters' }) sha1?: string;
  @ApiPropertyOptional({ description: '64 hex characters (PDQ perceptual hash)' }) @IsOptional() @Matches(/^[0-9a-fA-F]{64}$/, { message: 'pdq must be 64 hex characters' }) pdq?: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: 'The PDQ quality you computed; a PDQ without it is kept but not matched on' })
  @IsOptional()
  @IsInt({ message: 'pdqQuality must be an integer from 0 to 100' })
  @Min(0, { message: 'pdqQuality must be an integer from 0 to 100' })
  @Max(100, { message: 'pdqQuality must be an integer from 0 to 100' })
  pdqQuality?: number;
  @ApiPropertyOptional({ example: 'A1', description: 'The partner’s own classification of the file' }) @IsOptional() @IsString() @MaxLength(100) classification?: string;
  @ApiPropertyOptional({ description: 'Where the file was (URL)' }) @IsOptional() @IsUrl({ require_protocol: true }, { message: 'location must be a URL' }) location?: string;
}

export class IndustryReportRequest {
  @ApiProperty({ example: 'CH-2026-000123', description: 'Your own id for this report. A retry with the same reference returns the same report.' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  partnerReference!: string;

  @ApiProperty({ type: [IndustryIncidentDto], description: 'At least one; the first sets the report’s type' })
  @IsArray()
  @ArrayMinSize(1, { message: 'incidents must hold at least one incident' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => IndustryIncidentDto)
  incidents!: IndustryIncidentDto[];

  @ApiPropertyOptional({ example: 'the child said they are meeting the user tonight', description: 'Why this needs urgent handling; the report starts at high priority with this reason' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  urgentReason?: string;

  @ApiPropertyOptional({ type: [IndustryReportedUserDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => IndustryReportedUserDto)
  reportedUsers?: IndustryReportedUserDto[];

  @ApiPropertyOptional({ type: [String], example: ['https://chatly.example/u/lure_01'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_URLS)
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] }, { each: true, message: 'each of urls must be an http(s) address' })
  urls?: string[];

  @ApiPropertyOptional({
    type: [IndustryFileDto],
    description:
      'Files by hash (never the bytes): each needs at least one of sha256, md5, sha1, pdq and is sent to hash-detection, which matches on whichever it has.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => IndustryFileDto)
  files?: IndustryFileDto[];
}

export class FileNotSentDto {
  @ApiProperty() index!: number;
  @ApiProperty() reason!: string;
}

export class IndustryReportResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'VGL-7K3M-9QXD' }) reference!: string;
  @ApiProperty() receivedAt!: string;
  @ApiProperty({ description: 'false when this request was a retry of a report already taken (HTTP 200 instead of 201)' }) created!: boolean;
  @ApiProperty() filesSentForMatching!: number;
  @ApiProperty({ type: [FileNotSentDto] }) filesNotSentForMatching!: FileNotSentDto[];
}
