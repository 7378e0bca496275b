import { IsInt, IsOptional, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';

/** True when a digest other than `own` is present: then `own` may be absent. */
const anyOtherDigest = (own: keyof MediaDigestV1) => (media: MediaDigestV1) =>
  media[own] !== undefined || !(['sha256', 'md5', 'sha1', 'pdq'] as const).some((other) => other !== own && media[other] !== undefined);

/**
 * Digests of one media file, computed at intake. The file itself never crosses services.
 *
 * A file the tipline received has SHA-256, MD5 (and PDQ for images). A file a partner knows only
 * by hash may carry any of sha256, md5, sha1, pdq — at least one. Before this, sha256 and md5 were
 * both required; every event valid then is valid now, so this stays v1 (consumers match on
 * whichever digests are present).
 */
export class MediaDigestV1 {
  @IsString() mediaId!: string;
  @ValidateIf(anyOtherDigest('sha256'))
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lowercase hex characters (a media item needs at least one of sha256, md5, sha1, pdq)' })
  sha256?: string;
  @IsOptional() @Matches(/^[0-9a-f]{32}$/, { message: 'md5 must be 32 lowercase hex characters' }) md5?: string;
  @IsOptional() @Matches(/^[0-9a-f]{40}$/, { message: 'sha1 must be 40 lowercase hex characters' }) sha1?: string;
  @IsOptional() @Matches(/^[0-9a-f]{64}$/, { message: 'pdq must be 64 lowercase hex characters' }) pdq?: string;
  @IsOptional() @IsInt() @Min(0) @Max(100) pdqQuality?: number;
  @IsInt() @Min(0) bytes!: number;
  @IsString() contentType!: string;
}
