import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HASH_TYPES, MAX_HASHES_PER_REQUEST, type HashType } from '@vigil/hashes';

// The request shapes are documented here and checked by parseHashQueries (@vigil/hashes), not by
// class-validator: on this hot path that cost more CPU than the lookup (see the benchmark).

export class HashQueryDto {
  @ApiProperty({ enum: HASH_TYPES, example: 'pdq' }) type!: HashType;
  @ApiProperty({ example: 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22', description: 'hex, or standard base64 of the bytes (PDQ: 32 bytes, 44 characters)', maxLength: 200 })
  value!: string;
  @ApiPropertyOptional({ example: 100, minimum: 0, maximum: 100, description: 'PDQ quality if known; below 50 the hash is not matched on' }) quality?: number;
}

/** JSON `{hashes}`; to send a file instead, use multipart with the field `file`. */
export class MatchRequest {
  @ApiProperty({ type: [HashQueryDto], minItems: 1, maxItems: MAX_HASHES_PER_REQUEST }) hashes!: HashQueryDto[];
}

export class MatchedBankView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'provenance: where the bank’s hashes come from' }) source!: string;
  @ApiProperty() owner!: string;
  @ApiProperty({ description: 'licence or terms of use' }) terms!: string;
}

export class MatchingEntryView {
  @ApiProperty() entryId!: string;
  @ApiProperty() bankId!: string;
  @ApiProperty() bankName!: string;
  @ApiProperty() classification!: string;
  @ApiProperty() distance!: number;
}

export class MatchResultView {
  @ApiProperty({ description: 'the hash as looked up (lowercase hex)' }) hash!: string;
  @ApiProperty({ enum: HASH_TYPES }) type!: HashType;
  @ApiProperty() matched!: boolean;
  @ApiPropertyOptional({ enum: ['exact', 'near'] }) matchKind?: 'exact' | 'near';
  @ApiPropertyOptional({ description: '0 for exact digests, Hamming distance for PDQ' }) distance?: number;
  @ApiPropertyOptional({ example: 'csam-a1' }) classification?: string;
  @ApiPropertyOptional({ type: MatchedBankView }) bank?: MatchedBankView;
  @ApiPropertyOptional() entryId?: string;
  @ApiPropertyOptional() series?: string;
  @ApiProperty({ description: 'which rule decided', example: 'PDQ within 4 bits (threshold 31) of entry … of bank "…"' }) reason!: string;
  @ApiProperty({ type: [MatchingEntryView], description: 'every entry that matches on its own' }) matchingEntries!: MatchingEntryView[];
}

export class UploadedFileView {
  @ApiProperty({ example: 'image/png', description: 'sniffed from the content (video: `video/<container>`)' }) contentType!: string;
  @ApiProperty() bytes!: number;
  @ApiPropertyOptional({ description: 'image: PDQ quality (0–100)' }) pdqQuality?: number;
  @ApiPropertyOptional({ description: 'video: codec of the first video stream' }) codec?: string;
  @ApiPropertyOptional({ description: 'video: frame size' }) width?: number;
  @ApiPropertyOptional() height?: number;
  @ApiPropertyOptional({ description: 'video: duration in seconds, when the container says' }) durationSeconds?: number;
}

export class FrameMatchView {
  @ApiProperty() frameNumber!: number;
  @ApiProperty() timestampSeconds!: number;
  @ApiProperty() distance!: number;
  @ApiProperty() entryId!: string;
  @ApiProperty() bankName!: string;
  @ApiProperty() classification!: string;
}

export class VideoFramesView {
  @ApiProperty({ description: 'frames sampled, one per second (vPDQ)' }) sampled!: number;
  @ApiProperty({ description: 'sampled frames with PDQ quality ≥ 50 (the others are not matched on)' }) usable!: number;
  @ApiProperty() matched!: number;
  @ApiProperty({ description: 'matched / usable, in percent' }) matchedPercent!: number;
  @ApiProperty({ type: [FrameMatchView], description: 'the first 100 matched frames, in time order' }) matches!: FrameMatchView[];
}

export class MatchVerdictView {
  @ApiProperty() matched!: boolean;
  @ApiPropertyOptional({ enum: ['exact', 'near'] }) matchKind?: 'exact' | 'near';
  @ApiPropertyOptional() distance?: number;
  @ApiPropertyOptional() classification?: string;
  @ApiPropertyOptional({ type: MatchedBankView }) bank?: MatchedBankView;
  @ApiPropertyOptional() entryId?: string;
  @ApiPropertyOptional() series?: string;
  @ApiProperty() reason!: string;
}

export class MatchResponse {
  @ApiProperty({ description: 'quote it when asking about this answer; the audit trail records it' }) requestId!: string;
  @ApiProperty({ type: [MatchResultView], description: 'one per hash (for a file: sha256, sha1, md5 and PDQ)' }) results!: MatchResultView[];
  @ApiPropertyOptional({ type: UploadedFileView }) file?: UploadedFileView;
  @ApiPropertyOptional({ type: MatchVerdictView, description: 'for a file: the decision over all its hashes together, as a report would get' }) verdict?: MatchVerdictView;
  @ApiPropertyOptional({ type: VideoFramesView, description: 'for a video: its sampled frames against the banks’ PDQ entries' }) frames?: VideoFramesView;
}
