import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BANK_FILE_FORMATS, HASH_TYPES, MAX_PAGE_SIZE, MAX_PDQ_THRESHOLD, type BankFileFormat } from '@vigil/hashes';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

export class CreateBankRequest {
  @ApiProperty({ example: 'Demo known-material bank' }) @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty({ enum: ['positive', 'negative'], description: 'negative = known false positives that suppress matches' })
  @IsIn(['positive', 'negative'])
  kind!: 'positive' | 'negative';
  @ApiProperty({ example: 'Vigil reviewers' }) @IsString() @MaxLength(500) source!: string;
  @ApiProperty({ example: 'Internal use only' }) @IsString() @MaxLength(2000) terms!: string;
  @ApiProperty({ example: 'Hotline operations' }) @IsString() @MaxLength(200) owner!: string;
  @ApiPropertyOptional({ example: 31, minimum: 0, maximum: MAX_PDQ_THRESHOLD })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PDQ_THRESHOLD, { message: `pdqThreshold must not be greater than ${MAX_PDQ_THRESHOLD} (the distance the PDQ index searches)` })
  pdqThreshold?: number;
}

/** Provenance and threshold a curator may change; the kind (positive/negative) never changes. */
export class UpdateBankRequest {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(500) source?: string;
  @ApiPropertyOptional({ description: 'licence or terms of use' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(2000) terms?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) owner?: string;
  @ApiPropertyOptional({ example: 31, minimum: 0, maximum: MAX_PDQ_THRESHOLD, description: 'maximum PDQ Hamming distance that counts as a match' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PDQ_THRESHOLD, { message: `pdqThreshold must not be greater than ${MAX_PDQ_THRESHOLD} (the distance the PDQ index searches)` })
  pdqThreshold?: number;
}

export class DisableEntryRequest {
  @ApiProperty({ example: 'Reported as a false positive by a partner; under review' }) @IsString() @MinLength(1) @MaxLength(2000) reason!: string;
  @ApiPropertyOptional({ example: '2030-01-01T00:00:00Z', description: 'when the disable ends by itself (re-enabled by the expiry sweep)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'expiresAt must be an ISO 8601 date and time' })
  expiresAt?: string;
}

/** Corrections to an entry's description; the hash itself never changes (add a new entry instead). */
export class CorrectEntryRequest {
  @ApiPropertyOptional({ example: 'csam-b1' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(100) classification?: string;
  @ApiPropertyOptional({ description: 'empty to clear' }) @IsOptional() @IsString() @MaxLength(200) series?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() victimIdentified?: boolean;
  @ApiPropertyOptional({ description: 'empty to clear' }) @IsOptional() @IsString() @MaxLength(5000) notes?: string;
}

export class BrowseEntriesQuery {
  @ApiPropertyOptional({ description: 'hash prefix (hex), or words in the series or notes' }) @IsOptional() @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional({ example: 'csam-a1' }) @IsOptional() @IsString() @MaxLength(100) classification?: string;
  @ApiPropertyOptional({ enum: ['active', 'disabled', 'all'], default: 'all' }) @IsOptional() @IsIn(['active', 'disabled', 'all']) status?: 'active' | 'disabled' | 'all';
  @ApiPropertyOptional({ default: 100, maximum: MAX_PAGE_SIZE }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE_SIZE) limit?: number;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(100) cursor?: string;
}

export class ChangesQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the previous call; omit to start from the beginning', example: '0' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'since must be a cursor from a previous call (digits)' })
  since?: string;
  @ApiPropertyOptional({ default: 100, maximum: MAX_PAGE_SIZE }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE_SIZE) limit?: number;
}

export class BankFileFormatQuery {
  @ApiProperty({ enum: BANK_FILE_FORMATS, description: 'vics (Project VIC JSON), ncmec (NCMEC-style hash list), csv or tsv' })
  @IsIn(BANK_FILE_FORMATS as unknown as string[], { message: `format must be one of ${BANK_FILE_FORMATS.join(', ')}` })
  format!: BankFileFormat;
}

export class AddEntryRequest {
  @ApiProperty({ enum: HASH_TYPES }) @IsIn(HASH_TYPES as unknown as string[]) hashType!: (typeof HASH_TYPES)[number];
  @ApiProperty({ description: 'Lowercase or uppercase hex' }) @IsString() @MaxLength(200) value!: string;
  @ApiProperty({ example: 'csam-a1', description: 'csam-a1|csam-a2|csam-b1|csam-b2|harmful-abusive-material or a custom label' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  classification!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) series?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() victimIdentified?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) notes?: string;
}
