import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** Digests of one media file, computed at intake. The file itself never crosses services. */
export class MediaDigestV1 {
  @IsString() mediaId!: string;
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lowercase hex characters' }) sha256!: string;
  @Matches(/^[0-9a-f]{32}$/, { message: 'md5 must be 32 lowercase hex characters' }) md5!: string;
  @IsOptional() @Matches(/^[0-9a-f]{64}$/, { message: 'pdq must be 64 lowercase hex characters' }) pdq?: string;
  @IsOptional() @IsInt() @Min(0) @Max(100) pdqQuality?: number;
  @IsInt() @Min(0) bytes!: number;
  @IsString() contentType!: string;
}
