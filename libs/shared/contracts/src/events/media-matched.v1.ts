import { IsIn, IsInt, IsOptional, IsString, Min } from 'class-validator';

export const MEDIA_MATCHED_V1 = 'media.matched.v1';
export const MEDIA_UNKNOWN_V1 = 'media.unknown.v1';

/** hash-detection → tipline: one media item of a report matches a bank entry. */
export class MediaMatchedV1 {
  @IsString() reportId!: string;
  @IsString() mediaId!: string;
  /** Absent for a file a partner knew only by other hashes (md5, sha1, pdq). */
  @IsOptional() @IsString() sha256?: string;
  @IsIn(['exact', 'near']) matchKind!: 'exact' | 'near';
  @IsInt() @Min(0) distance!: number;
  @IsString() bankId!: string;
  @IsString() bankName!: string;
  @IsString() entryId!: string;
  @IsString() classification!: string;
  /** Which rule matched, in words a person can check ("sha256 equal to bank entry …"). */
  @IsString() reason!: string;
  @IsOptional() @IsString() series?: string;
}

/** hash-detection → tipline: one media item matched nothing; it goes to human review. */
export class MediaUnknownV1 {
  @IsString() reportId!: string;
  @IsString() mediaId!: string;
  /** Absent for a file a partner knew only by other hashes (md5, sha1, pdq). */
  @IsOptional() @IsString() sha256?: string;
}
