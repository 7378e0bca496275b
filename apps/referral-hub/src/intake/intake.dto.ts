import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { PoliceReferralInput } from '@vigil/cases';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';

const text = (max: number) => [IsString(), MinLength(1), MaxLength(max)];
const apply = (decorators: PropertyDecorator[]): PropertyDecorator => (target, key) => decorators.forEach((decorator) => decorator(target, key));

export class AgencyDto {
  @ApiProperty({ example: 'example-foreign-police', description: 'The sending agency’s id (taken from its API key when a partner sends)' })
  @Matches(/^[a-z0-9][a-z0-9_-]{0,99}$/, { message: 'agency.id must be lowercase letters, digits, - or _' })
  id!: string;
  @ApiProperty({ example: 'Example Police' }) @apply(text(200)) name!: string;
  @ApiProperty({ example: 'FR', description: 'ISO 3166-1 alpha-2' }) @Matches(/^[A-Z]{2}$/, { message: 'agency.country must be an ISO 3166-1 alpha-2 code (CA, FR)' }) country!: string;
}

export class AccountDto {
  @ApiProperty({ example: 'Example Chat' }) @apply(text(200)) platform!: string;
  @ApiProperty({ example: 'example_user_01' }) @apply(text(200)) username!: string;
}

export class IpAddressDto {
  @ApiProperty({ example: '192.0.2.10' }) @apply(text(100)) ip!: string;
  @ApiPropertyOptional({ example: '2026-11-20T08:00:00Z' }) @IsOptional() @IsISO8601({}, { message: 'at must be an ISO 8601 date-time' }) at?: string;
}

export class DeviceDto {
  @ApiProperty({ example: 'IMEI' }) @apply(text(50)) type!: string;
  @ApiProperty({ example: '000000000000001' }) @apply(text(200)) value!: string;
}

export class SuspectDto {
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(320, { each: true }) emails?: string[];
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(50, { each: true }) phones?: string[];
  @ApiPropertyOptional({ type: [AccountDto] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => AccountDto) accounts?: AccountDto[];
  @ApiPropertyOptional({ type: [IpAddressDto] }) @IsOptional() @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => IpAddressDto) ipAddresses?: IpAddressDto[];
  @ApiPropertyOptional({ type: [String], example: ['$examplehandle'] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(200, { each: true }) paymentHandles?: string[];
  @ApiPropertyOptional({ type: [DeviceDto] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => DeviceDto) devices?: DeviceDto[];
}

export class LocationDto {
  @ApiProperty({ enum: ['postal-code', 'declared-location'] }) @IsIn(['postal-code', 'declared-location'], { message: 'kind must be postal-code or declared-location' }) kind!: 'postal-code' | 'declared-location';
  @ApiProperty({ example: 'K1A 0B1' }) @apply(text(500)) value!: string;
}

export class HashDto {
  @ApiProperty({ example: 'sha256' }) @apply(text(20)) algorithm!: string;
  @ApiProperty() @apply(text(200)) value!: string;
}

export class EvidenceDto {
  @ApiProperty({ type: [HashDto] }) @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => HashDto) hashes!: HashDto[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) fileName?: string;
}

/** A referral from another police service, at home or abroad. Hashes and metadata only: never media. */
export class PoliceReferralRequest implements PoliceReferralInput {
  @ApiProperty({ example: 'EX-2026-77', description: 'The sending agency’s own reference: a retry with it is recognised' }) @apply(text(200)) reference!: string;
  @ApiPropertyOptional({ type: AgencyDto, description: 'Required from staff; a partner’s API key names its agency' })
  @IsOptional() @ValidateNested() @Type(() => AgencyDto)
  agency!: AgencyDto;
  @ApiProperty({ example: 'online-luring' }) @apply(text(100)) incidentType!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(20000) summary!: string;
  @ApiPropertyOptional({ description: 'Why this is urgent (a child at imminent risk)' }) @IsOptional() @IsString() @MaxLength(2000) urgentReason?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() childIdentified?: boolean;
  @ApiProperty({ type: SuspectDto }) @ValidateNested() @Type(() => SuspectDto) suspect!: SuspectDto;
  @ApiPropertyOptional({ type: [LocationDto] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => LocationDto) locations?: LocationDto[];
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(2000, { each: true }) urls?: string[];
  @ApiPropertyOptional({ type: [EvidenceDto] }) @IsOptional() @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => EvidenceDto) evidence?: EvidenceDto[];
}
