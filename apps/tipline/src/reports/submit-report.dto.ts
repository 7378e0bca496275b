import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INCIDENT_TYPES, MAX_DESCRIPTION, MAX_URLS } from '@vigil/reports';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUrl, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { jsonGroup, jsonList, PublicChildDto, PublicSuspectDto, PublicWhenDto, PublicWhereDto, ReporterContactDto } from './public-report-details.dto';

/** Multipart forms send one value or repeated values; JSON clients may send an array or a JSON string. */
function toStringArray({ value }: { value: unknown }): unknown {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value;
  if (typeof value === 'string' && value.trim().startsWith('[')) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return [value];
}

/** The web addresses a report (or a follow-up) names: a list, or repeated multipart fields. */
const ReportUrls = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: [String], description }),
    IsOptional(),
    Transform(toStringArray),
    IsArray({ message: 'urls must be a list of web addresses' }),
    ArrayMaxSize(MAX_URLS),
    IsUrl({ require_protocol: true, protocols: ['http', 'https'] }, { each: true, message: 'each of urls must be an http(s) address, e.g. https://example.org/page' }),
  );

export class SubmitReportRequest {
  @ApiProperty({ enum: INCIDENT_TYPES, description: 'What happened' })
  @IsIn(INCIDENT_TYPES as unknown as string[], { message: `incidentType must be one of: ${INCIDENT_TYPES.join(', ')}` })
  incidentType!: string;

  @ApiPropertyOptional({ maxLength: MAX_DESCRIPTION, description: 'What happened, in the reporter’s words' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_DESCRIPTION)
  description?: string;

  @ReportUrls('Where it was seen. For CSAM, send the URL — never the file.')
  urls?: string[];

  @ApiPropertyOptional({ type: PublicWhereDto, description: 'Where it happened: platform, usernames, e-mails, phones (multipart: a JSON string)' })
  @IsOptional()
  @jsonGroup(PublicWhereDto)
  @ValidateNested()
  where?: PublicWhereDto;

  @ApiPropertyOptional({ type: PublicWhenDto, description: 'When it happened (multipart: a JSON string)' })
  @IsOptional()
  @jsonGroup(PublicWhenDto)
  @ValidateNested()
  when?: PublicWhenDto;

  @ApiPropertyOptional({ type: PublicChildDto, description: 'What is known of the child; every field may be unknown (multipart: a JSON string)' })
  @IsOptional()
  @jsonGroup(PublicChildDto)
  @ValidateNested()
  child?: PublicChildDto;

  @ApiPropertyOptional({ type: PublicSuspectDto, description: 'What is known of the suspect (multipart: a JSON string)' })
  @IsOptional()
  @jsonGroup(PublicSuspectDto)
  @ValidateNested()
  suspect?: PublicSuspectDto;

  @ApiPropertyOptional({ type: [String], description: 'Excerpts of the conversation, as the reporter copied them' })
  @IsOptional()
  @Transform(jsonList)
  @IsArray({ message: 'chatExcerpts must be a list of texts' })
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(5000, { each: true, message: 'each of chatExcerpts must be at most 5000 characters' })
  chatExcerpts?: string[];

  @ApiPropertyOptional({ type: ReporterContactDto, description: 'Only if the reporter wants to be contacted; anonymous otherwise. Kept encrypted, apart from the report.' })
  @IsOptional()
  @jsonGroup(ReporterContactDto)
  @ValidateNested()
  contact?: ReporterContactDto;
}

export class SubmitReportResponse {
  @ApiProperty({ example: 'VGL-7K3M-9QXD', description: 'Keep this reference to follow up' }) reference!: string;
  @ApiProperty() receivedAt!: string;
  @ApiProperty({ example: '7K3M-9QXD-AB12-CD34-EF56-GH78', description: 'Shown once: with the reference, it lets the reporter add information later. Only its hash is kept.' })
  followUpSecret!: string;
}

export class AddFollowUpRequest {
  @ApiProperty({ example: '7K3M-9QXD-AB12-CD34-EF56-GH78', description: 'The secret given with the reference' })
  @IsString({ message: 'secret must be the secret you were given with the reference' })
  @MinLength(1, { message: 'secret must be the secret you were given with the reference' })
  @MaxLength(100, { message: 'secret must be the secret you were given with the reference' })
  secret!: string;

  @ApiPropertyOptional({ maxLength: MAX_DESCRIPTION, description: 'What the reporter wants to add' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_DESCRIPTION)
  text?: string;

  @ReportUrls('More places it was seen')
  urls?: string[];
}

export class AddFollowUpResponse {
  @ApiProperty({ example: 'VGL-7K3M-9QXD' }) reference!: string;
  @ApiProperty() receivedAt!: string;
}

export class EscalateReportRequest {
  @ApiProperty({ description: 'The analyst’s summary for law enforcement' }) @IsString() @MaxLength(20000) summary!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) note?: string;
}
