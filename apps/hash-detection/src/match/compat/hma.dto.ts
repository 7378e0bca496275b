import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

/** HMA's signal type names, and Vigil's own, mapped to Vigil hash types. */
export const HMA_SIGNAL_TYPES = { pdq: 'pdq', video_md5: 'md5', md5: 'md5', sha1: 'sha1', sha256: 'sha256' } as const;
export type HmaSignalType = keyof typeof HMA_SIGNAL_TYPES;

export class HmaLookupQuery {
  @ApiProperty({ description: 'the hash (hex; PDQ also base64)' }) @IsString() @MaxLength(200) signal!: string;
  @ApiProperty({ enum: Object.keys(HMA_SIGNAL_TYPES), example: 'pdq' })
  @IsIn(Object.keys(HMA_SIGNAL_TYPES), { message: `signal_type must be one of ${Object.keys(HMA_SIGNAL_TYPES).join(', ')}` })
  signal_type!: HmaSignalType;
  @ApiPropertyOptional({ description: 'raw_lookup: also give each distance' }) @IsOptional() @IsIn(['true', 'false', '1', '0']) include_distance?: string;
  @ApiPropertyOptional({ description: 'accepted for compatibility; Vigil does not sample banks' }) @IsOptional() @IsString() @MaxLength(200) seed?: string;
}

export class HmaHashUrlQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) url?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) content_type?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) types?: string;
}
