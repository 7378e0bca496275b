import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export class MergeCaseRequest {
  @ApiProperty({ description: 'The case to merge into this one: its referrals move here and it is closed as merged' })
  @IsUUID('4', { message: 'otherCaseId must be a case id (UUID)' })
  otherCaseId!: string;

  @ApiProperty({ example: 'Same suspect: the platform confirmed both accounts belong to one person' })
  @IsString() @MinLength(3, { message: 'reason must say why (at least 3 characters)' }) @MaxLength(2000)
  reason!: string;
}

export class SplitCaseRequest {
  @ApiProperty({ type: [String], description: 'Referrals to move to a new case; at least one must stay' })
  @IsArray() @ArrayMinSize(1, { message: 'referralIds must name at least one referral' }) @ArrayMaxSize(500)
  @IsUUID('4', { each: true, message: 'each referralId must be a UUID' })
  referralIds!: string[];

  @ApiProperty({ example: 'Different suspect: the e-mail address was reassigned' })
  @IsString() @MinLength(3, { message: 'reason must say why (at least 3 characters)' }) @MaxLength(2000)
  reason!: string;
}

export class JurisdictionOverrideRequest {
  @ApiProperty({ example: 'toronto-police-service', description: 'A jurisdiction code (CA-ON, FR) or a police service id from the registry' })
  @IsString() @MinLength(2) @MaxLength(100)
  target!: string;

  @ApiProperty({ example: 'The suspect was arrested in Toronto last year; TPS holds the file' })
  @IsString() @MinLength(3, { message: 'reason must say why (at least 3 characters)' }) @MaxLength(2000)
  reason!: string;
}
