import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, MaxLength } from 'class-validator';

/** Arachnid Shield's classification labels (kebab-case, as its clients expect). */
export type ArachnidClassification = 'csam' | 'harmful-abusive-material' | 'no-known-match';

export class ArachnidPdqRequest {
  @ApiProperty({ type: [String], example: ['d3+tR0vUErJFQH/yMdZ7+w0cGre0fUP0ShMwWbLFLWM='], description: 'PDQ hashes, base64 of 32 bytes (hex also accepted)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  hashes!: string[];
}

export class ArachnidNearMatchDetails {
  @ApiProperty({ description: 'seconds into a video; 0 for images' }) timestamp!: number;
  @ApiProperty({ description: 'of the known media when the bank holds it; empty when the bank holds only its PDQ' }) sha1_base32!: string;
  @ApiProperty({ description: 'of the known media when the bank holds it; empty when the bank holds only its PDQ' }) sha256_hex!: string;
  @ApiProperty({ enum: ['csam', 'harmful-abusive-material'] }) classification!: ArachnidClassification;
  @ApiProperty({ description: 'Vigil extension: PDQ Hamming distance' }) distance!: number;
  @ApiProperty({ description: 'Vigil extension: the bank entry' }) entry_id!: string;
  @ApiProperty({ description: 'Vigil extension: which rule decided' }) reason!: string;
}

export class ArachnidScannedMedia {
  @ApiProperty({ description: 'SHA-1 of the media, RFC 4648 base32' }) sha1_base32!: string;
  @ApiProperty({ description: 'SHA-256 of the media, upper-case hex' }) sha256_hex!: string;
  @ApiProperty({ description: 'MD5 of the media, lower-case hex' }) md5_hex!: string;
  @ApiProperty() size_bytes!: number;
  @ApiProperty({ enum: ['csam', 'harmful-abusive-material', 'no-known-match'] }) classification!: ArachnidClassification;
  @ApiPropertyOptional({ enum: ['exact', 'near'], nullable: true }) match_type!: 'exact' | 'near' | null;
  @ApiProperty({ type: [ArachnidNearMatchDetails] }) near_match_details!: ArachnidNearMatchDetails[];
  @ApiProperty({ description: 'Vigil extension: quote it when asking about this answer' }) request_id!: string;
}

export class ArachnidScannedPdq {
  @ApiProperty({ enum: ['csam', 'harmful-abusive-material', 'no-known-match'] }) classification!: ArachnidClassification;
  @ApiPropertyOptional({ enum: ['exact', 'near'], nullable: true }) match_type!: 'exact' | 'near' | null;
  @ApiPropertyOptional({ type: ArachnidNearMatchDetails, nullable: true }) near_match_details!: ArachnidNearMatchDetails | null;
}

export class ArachnidScannedPdqHashes {
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/ArachnidScannedPdq' }, description: 'keyed by each hash as sent' })
  scanned_hashes!: Record<string, ArachnidScannedPdq>;
  @ApiProperty({ description: 'Vigil extension' }) request_id!: string;
}
