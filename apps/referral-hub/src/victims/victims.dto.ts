import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AGE_BANDS, GENDERS, VICTIM_HASH_HEX_LENGTH } from '@vigil/victim-identification';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';

const HASH_TYPES = Object.keys(VICTIM_HASH_HEX_LENGTH);

export class VictimHashRequest {
  @ApiProperty({ enum: HASH_TYPES }) @IsIn(HASH_TYPES, { message: `type must be one of ${HASH_TYPES.join(', ')}` }) type!: string;
  @ApiProperty({ description: 'Hexadecimal digest' }) @IsString() @MaxLength(64, { message: 'value is at most 64 hexadecimal characters' }) value!: string;
}

/** An identification, under a pseudonym: the API has no field for a name. */
export class RecordIdentificationRequest {
  @ApiProperty({ example: 'VIC-7K3M9Q', description: 'Pseudonymous id, VIC- then at least 6 capital letters or digits (never a name)' })
  @IsString() @Matches(/^VIC-[0-9A-Z]{6,}$/, { message: 'pseudonym must be VIC- then at least 6 capital letters or digits (never a name)' }) @MaxLength(40)
  pseudonym!: string;

  @ApiProperty({ enum: AGE_BANDS }) @IsIn(AGE_BANDS as unknown as string[], { message: `ageBand must be one of ${AGE_BANDS.join(', ')}` }) ageBand!: string;
  @ApiProperty({ enum: GENDERS }) @IsIn(GENDERS as unknown as string[], { message: `gender must be one of ${GENDERS.join(', ')}` }) gender!: string;
  @ApiProperty({ example: 'MB', description: 'Province or territory code' }) @IsString() @MaxLength(2, { message: 'province must be a two-letter code such as ON' }) province!: string;
  @ApiProperty({ example: '2026-11-01' }) @IsString() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'identifiedOn must be a date, YYYY-MM-DD' }) identifiedOn!: string;
  @ApiProperty({ example: 'manitoba-ice', description: 'Police service id from the jurisdictions registry' }) @IsString() @MinLength(2) @MaxLength(100) identifyingAgency!: string;
  @ApiPropertyOptional({ description: 'The case the identification came from' }) @IsOptional() @IsUUID('4', { message: 'caseId must be a case id (UUID)' }) caseId?: string;

  @ApiPropertyOptional({ type: [String], description: 'Media series the child appears in, as the hash banks name them' })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsString({ each: true, message: 'each series must be a name' }) @MaxLength(200, { each: true })
  series?: string[];

  @ApiPropertyOptional({ type: [VictimHashRequest] })
  @IsOptional() @IsArray() @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => VictimHashRequest)
  hashes?: VictimHashRequest[];
}

export class IcseChangeRequest {
  @ApiProperty({ enum: ['submitted', 'accepted'] }) @IsIn(['submitted', 'accepted'], { message: 'state must be submitted or accepted' }) state!: 'submitted' | 'accepted';
  @ApiPropertyOptional({ description: 'INTERPOL’s reference; required for accepted' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(100) interpolReference?: string;
}
