import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUrl, MaxLength, ValidateNested } from 'class-validator';
import { MediaDigestV1 } from './media-digest';

export const REPORT_SUBMITTED_V1 = 'report.submitted.v1';

/** The tipline's urgency levels, most urgent first (the same scale as the triage queue). */
export const REPORT_PRIORITIES_V1 = ['critical', 'high', 'normal', 'low'] as const;
export type ReportPriorityV1 = (typeof REPORT_PRIORITIES_V1)[number];

/** tipline → hash-detection: a report was taken; match its media. */
export class ReportSubmittedV1 {
  @IsString() reportId!: string;
  @IsString() reference!: string;
  @IsString() incidentType!: string;
  @IsIn(['public', 'industry']) source!: 'public' | 'industry';
  @IsArray() @ArrayMaxSize(100) @IsUrl({ require_protocol: true }, { each: true }) urls!: string[];
  @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => MediaDigestV1) media!: MediaDigestV1[];
  /**
   * The report's urgency when it was taken (optional: events published before it existed
   * have none; consumers then assume `normal`). The review queue orders by it.
   */
  @IsOptional()
  @IsIn(REPORT_PRIORITIES_V1 as unknown as string[], { message: `priority must be one of: ${REPORT_PRIORITIES_V1.join(', ')}` })
  priority?: ReportPriorityV1;
  /** Why it has that priority, one "rule: detail" line per reason. */
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(2000, { each: true }) priorityReasons?: string[];
}
