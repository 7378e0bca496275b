import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INCIDENT_TYPES, MAX_DESCRIPTION, MAX_URLS } from '@vigil/reports';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';

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

export class SubmitReportRequest {
  @ApiProperty({ enum: INCIDENT_TYPES, description: 'What happened' })
  @IsIn(INCIDENT_TYPES as unknown as string[], { message: `incidentType must be one of: ${INCIDENT_TYPES.join(', ')}` })
  incidentType!: string;

  @ApiPropertyOptional({ maxLength: MAX_DESCRIPTION, description: 'What happened, in the reporter’s words' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_DESCRIPTION)
  description?: string;

  @ApiPropertyOptional({ type: [String], description: 'Where it was seen. For CSAM, send the URL — never the file.' })
  @IsOptional()
  @Transform(toStringArray)
  @IsArray({ message: 'urls must be a list of web addresses' })
  @ArrayMaxSize(MAX_URLS)
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] }, { each: true, message: 'each of urls must be an http(s) address, e.g. https://example.org/page' })
  urls?: string[];
}

export class SubmitReportResponse {
  @ApiProperty({ example: 'VGL-7K3M-9QXD', description: 'Keep this reference to follow up' }) reference!: string;
  @ApiProperty() receivedAt!: string;
}

export class EscalateReportRequest {
  @ApiProperty({ description: 'The analyst’s summary for law enforcement' }) @IsString() @MaxLength(20000) summary!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) note?: string;
}
