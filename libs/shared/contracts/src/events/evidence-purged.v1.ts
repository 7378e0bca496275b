import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString } from 'class-validator';

export const EVIDENCE_PURGED_V1 = 'evidence.purged.v1';

/** The tipline's retention rules that delete evidence files. */
export const EVIDENCE_PURGE_RECORD_TYPES = ['closed-report-evidence', 'closed-report'] as const;
export type EvidencePurgeRecordType = (typeof EVIDENCE_PURGE_RECORD_TYPES)[number];

/** A purge deletes at most this many files of one report in one event (a report holds far fewer). */
export const MAX_PURGED_MEDIA_PER_EVENT = 1000;

/**
 * tipline → hash-detection: the tipline's retention deleted these evidence files of one closed
 * report. Nobody can look at them any more, so review items still waiting on them leave the queue.
 * Their hashes, and the decisions already taken on them, are not the tipline's to purge.
 */
export class EvidencePurgedV1 {
  @IsString() reportId!: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PURGED_MEDIA_PER_EVENT)
  @IsString({ each: true })
  mediaIds!: string[];
  /** The retention rule that purged them (`RETENTION_<TYPE>_DAYS`). */
  @IsIn(EVIDENCE_PURGE_RECORD_TYPES as unknown as string[]) recordType!: EvidencePurgeRecordType;
}
