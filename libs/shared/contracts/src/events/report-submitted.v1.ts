import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsString, IsUrl, ValidateNested } from 'class-validator';
import { MediaDigestV1 } from './media-digest';

export const REPORT_SUBMITTED_V1 = 'report.submitted.v1';

/** tipline → hash-detection: a report was taken; match its media. */
export class ReportSubmittedV1 {
  @IsString() reportId!: string;
  @IsString() reference!: string;
  @IsString() incidentType!: string;
  @IsIn(['public', 'industry']) source!: 'public' | 'industry';
  @IsArray() @ArrayMaxSize(100) @IsUrl({ require_protocol: true }, { each: true }) urls!: string[];
  @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => MediaDigestV1) media!: MediaDigestV1[];
}
