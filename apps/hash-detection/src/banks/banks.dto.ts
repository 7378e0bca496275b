import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HASH_TYPES } from '@vigil/hashes';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

export class CreateBankRequest {
  @ApiProperty({ example: 'Demo known-material bank' }) @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty({ enum: ['positive', 'negative'], description: 'negative = known false positives that suppress matches' })
  @IsIn(['positive', 'negative'])
  kind!: 'positive' | 'negative';
  @ApiProperty({ example: 'Vigil reviewers' }) @IsString() @MaxLength(500) source!: string;
  @ApiProperty({ example: 'Internal use only' }) @IsString() @MaxLength(2000) terms!: string;
  @ApiProperty({ example: 'Hotline operations' }) @IsString() @MaxLength(200) owner!: string;
  @ApiPropertyOptional({ example: 31, minimum: 0, maximum: 256 }) @IsOptional() @IsInt() @Min(0) @Max(256) pdqThreshold?: number;
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
