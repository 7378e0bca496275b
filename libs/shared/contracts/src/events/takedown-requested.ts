import { ArrayMaxSize, ArrayMinSize, IsArray, IsISO8601, IsOptional, IsString, IsUrl, MaxLength, MinLength } from 'class-validator';

export const TAKEDOWN_REQUESTED_V1 = 'takedown.requested.v1';

/**
 * tipline → hash-detection: an analyst confirmed that these URLs of a report host illegal
 * material; hash-detection lists them, issues notices to their hosting providers and puts
 * them on the ISP blocklist until they are removed.
 */
export class TakedownRequestedV1 {
  @IsString() @MinLength(1) reportId!: string;
  @IsString() @MinLength(1) reference!: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @IsUrl({ require_protocol: true, protocols: ['http', 'https'] }, { each: true }) urls!: string[];
  /** Username of the analyst who confirmed the URLs. */
  @IsString() @MinLength(1) requestedBy!: string;
  @IsISO8601() requestedAt!: string;
  /** The analyst's classification (e.g. csam-a1), carried into notices and the blocklist. */
  @IsOptional() @IsString() @MaxLength(100) classification?: string;
}
