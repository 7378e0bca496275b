import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';

export const VICTIM_IDENTIFIED_V1 = 'victim.identified.v1';

export const VICTIM_HASH_TYPES = ['md5', 'sha1', 'sha256', 'pdq'] as const;

/** One digest of a media item showing the identified victim: never the media itself. */
export class VictimHashV1 {
  @IsIn(VICTIM_HASH_TYPES as unknown as string[]) type!: (typeof VICTIM_HASH_TYPES)[number];
  @Matches(/^[0-9a-f]{32,64}$/, { message: 'value must be lowercase hex' }) value!: string;
}

/**
 * referral-hub → hash-detection: a child shown in known material has been identified. Only the
 * pseudonym travels (never a name); hash-detection flags the bank entries of the named series,
 * and those with one of the hashes, as victim-identified, so analysts and partners know the
 * child has been found and the material needs no further identification work.
 */
export class VictimIdentifiedV1 {
  @Matches(/^VIC-[0-9A-Z]{6,}$/) victimPseudonym!: string;
  @IsOptional() @IsString() caseId?: string;
  @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(200, { each: true }) series!: string[];
  @IsArray() @ArrayMaxSize(10000) @ValidateNested({ each: true }) @Type(() => VictimHashV1) hashes!: VictimHashV1[];
  @IsISO8601() identifiedAt!: string;
  /** The identifying police service's id in the jurisdictions registry. */
  @IsString() agency!: string;
}
