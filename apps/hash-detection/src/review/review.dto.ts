import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { MAX_NOTE, REVIEW_CLASSIFICATIONS } from '@vigil/hashes';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

const CLASSIFICATION_MESSAGE = `classification must be one of: ${REVIEW_CLASSIFICATIONS.join(', ')}`;

export class RecordDecisionRequest {
  @ApiProperty({ enum: REVIEW_CLASSIFICATIONS, description: 'The A1/A2/B1/B2 scale, harmful-abusive-material, or not-csam' })
  @IsIn(REVIEW_CLASSIFICATIONS as unknown as string[], { message: CLASSIFICATION_MESSAGE })
  classification!: string;

  @ApiPropertyOptional({ maxLength: MAX_NOTE, description: 'Why, for the other reviewers’ supervisor (never shown to other reviewers before they decide)' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_NOTE)
  note?: string;
}

export class OverrideRequest {
  @ApiProperty({ enum: REVIEW_CLASSIFICATIONS })
  @IsIn(REVIEW_CLASSIFICATIONS as unknown as string[], { message: CLASSIFICATION_MESSAGE })
  classification!: string;

  @ApiProperty({ maxLength: MAX_NOTE, description: 'Why the supervisor decides otherwise (required, kept with the override)' })
  @IsString({ message: 'reason must be a text saying why' })
  @MinLength(1, { message: 'reason: an override needs a reason' })
  @MaxLength(MAX_NOTE)
  reason!: string;
}

const LIMIT_MESSAGE = 'limit must be a whole number from 1 to 200';

/** The supervisor's list: only the items waiting for them (reviewers take items one at a time with POST next, never from a list). */
export class ReviewItemsQuery {
  @ApiProperty({ enum: ['awaiting-supervisor'] })
  @IsIn(['awaiting-supervisor'], { message: 'status: only awaiting-supervisor can be listed' })
  status!: 'awaiting-supervisor';

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: LIMIT_MESSAGE })
  @Min(1, { message: LIMIT_MESSAGE })
  @Max(200, { message: LIMIT_MESSAGE })
  limit?: number;
}
