import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INCIDENT_TYPES, OFFENCE_CATEGORIES, PRIORITY_LEVELS } from '@vigil/reports';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO31661Alpha2, IsOptional, IsString, IsUrl, MaxLength, MinLength, ValidateNested } from 'class-validator';

const OFFENCE_CODES = OFFENCE_CATEGORIES.map((category) => category.code);
const OFFENCE_HELP = OFFENCE_CATEGORIES.map((category) => `${category.code} ${category.label}`).join('; ');

export class AssignRequest {
  @ApiProperty({ example: 'analyst', description: 'Username of the analyst who takes the report' }) @IsString() @MinLength(1) @MaxLength(100) analyst!: string;
}

export class PriorityOverrideRequest {
  @ApiProperty({ enum: PRIORITY_LEVELS }) @IsIn(PRIORITY_LEVELS as unknown as string[], { message: `priority must be one of: ${PRIORITY_LEVELS.join(', ')}` }) priority!: string;
  @ApiProperty({ example: 'the child is named and local', description: 'Why; recorded with who and when' }) @IsString() @MinLength(1, { message: 'reason must say why the priority changes' }) @MaxLength(2000) reason!: string;
}

export class ClassificationRequest {
  @ApiProperty({ enum: INCIDENT_TYPES, description: 'The report’s type as the analyst confirms or corrects it' })
  @IsIn(INCIDENT_TYPES as unknown as string[], { message: `incidentType must be one of: ${INCIDENT_TYPES.join(', ')}` })
  incidentType!: string;
  @ApiProperty({ type: [String], enum: OFFENCE_CODES, description: `Criminal Code offence categories: ${OFFENCE_HELP}` })
  @IsArray()
  @ArrayMaxSize(OFFENCE_CODES.length)
  @IsIn(OFFENCE_CODES, { each: true, message: `each of offences must be one of: ${OFFENCE_CODES.join(', ')}` })
  offences!: string[];
}

export class NoteRequest {
  @ApiProperty({ maxLength: 10000 }) @IsString() @MinLength(1, { message: 'text must not be empty' }) @MaxLength(10000) text!: string;
}

export class IncidentRequest {
  @ApiProperty({ enum: INCIDENT_TYPES }) @IsIn(INCIDENT_TYPES as unknown as string[], { message: `incidentType must be one of: ${INCIDENT_TYPES.join(', ')}` }) incidentType!: string;
  @ApiProperty() @IsString() @MaxLength(5000) description!: string;
  @ApiPropertyOptional({ type: [String], description: 'Which of the report’s URLs belong to this incident' }) @IsOptional() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) urls?: string[];
  @ApiPropertyOptional({ type: [String], enum: OFFENCE_CODES }) @IsOptional() @IsArray() @IsIn(OFFENCE_CODES, { each: true, message: `each of offences must be one of: ${OFFENCE_CODES.join(', ')}` }) offences?: string[];
}

export class SplitRequest {
  @ApiProperty({ type: [IncidentRequest], description: 'The incidents the report is split into (replaces any earlier split)' })
  @IsArray()
  @ArrayMinSize(1, { message: 'incidents must hold at least one incident' })
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => IncidentRequest)
  incidents!: IncidentRequest[];
}

export class TakedownRequest {
  @ApiPropertyOptional({ type: [String], description: 'Which of the report’s URLs to take down (default: all of them)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] }, { each: true, message: 'each of urls must be an http(s) address' })
  urls?: string[];
  @ApiPropertyOptional({ example: 'csam-a1', description: 'Carried into notices and the blocklist' }) @IsOptional() @IsString() @MaxLength(100) classification?: string;
}

export class ForwardAbroadRequest {
  @ApiProperty({ example: 'FR', description: 'ISO 3166-1 alpha-2 country of the hotline' }) @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code of a country, e.g. FR' }) country!: string;
  @ApiProperty({ example: 'Point de Contact' }) @IsString() @MinLength(1) @MaxLength(200) hotline!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class CloseRequest {
  @ApiProperty({ example: 'no actionable content; reporter advised' }) @IsString() @MinLength(1, { message: 'reason must say why the report is closed' }) @MaxLength(2000) reason!: string;
}
