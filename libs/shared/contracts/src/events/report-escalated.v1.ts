import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';

export const REPORT_ESCALATED_V1 = 'report.escalated.v1';

/** tipline → referral-hub: an analyst escalated a report to law enforcement. */
export class ReportEscalatedV1 {
  @IsString() reportId!: string;
  @IsString() reference!: string;
  @IsString() incidentType!: string;
  @IsString() @MaxLength(20000) summary!: string;
  @IsString() priority!: string;
  @IsArray() @IsString({ each: true }) priorityReasons!: string[];
  @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) urls!: string[];
  @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) mediaSha256!: string[];
  @IsString() escalatedBy!: string;
  @IsISO8601() escalatedAt!: string;
  @IsIn(['public', 'industry']) source!: 'public' | 'industry';
  @IsOptional() @IsString() analystNote?: string;
}
