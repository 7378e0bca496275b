import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';

export const REPORT_ESCALATED_V2 = 'report.escalated.v2';

const MAX_IDENTIFIERS = 200;

export class SuspectUsernameV2 {
  @IsString() @MinLength(1) @MaxLength(500) platform!: string;
  @IsString() @MinLength(1) @MaxLength(500) username!: string;
}

/** An IP address means little without when it was seen (NAT, reassignment): the time when known. */
export class SuspectIpV2 {
  @IsString() @MinLength(3) @MaxLength(100) address!: string;
  @IsOptional() @IsISO8601() observedAt?: string;
  /** Login, Upload… as the reporter named it. */
  @IsOptional() @IsString() @MaxLength(100) event?: string;
}

export class SuspectDeviceIdV2 {
  /** IMEI, IDFA, MAC… */
  @IsString() @MinLength(1) @MaxLength(100) type!: string;
  @IsString() @MinLength(1) @MaxLength(500) value!: string;
}

/** Who the report points at, each kind apart, as the tipline knows them (normalised: e-mail lower case, phones E.164). */
export class EscalatedSuspectV2 {
  @IsArray() @ArrayMaxSize(MAX_IDENTIFIERS) @IsString({ each: true }) @MaxLength(500, { each: true }) emails!: string[];
  @IsArray() @ArrayMaxSize(MAX_IDENTIFIERS) @ValidateNested({ each: true }) @Type(() => SuspectUsernameV2) usernames!: SuspectUsernameV2[];
  @IsArray() @ArrayMaxSize(MAX_IDENTIFIERS) @IsString({ each: true }) @MaxLength(50, { each: true }) phones!: string[];
  @IsArray() @ArrayMaxSize(MAX_IDENTIFIERS) @ValidateNested({ each: true }) @Type(() => SuspectIpV2) ips!: SuspectIpV2[];
  /** Payment handles as given (`paypal:name@example.org`, a wallet address). */
  @IsArray() @ArrayMaxSize(MAX_IDENTIFIERS) @IsString({ each: true }) @MaxLength(500, { each: true }) paymentHandles!: string[];
  @IsArray() @ArrayMaxSize(MAX_IDENTIFIERS) @ValidateNested({ each: true }) @Type(() => SuspectDeviceIdV2) deviceIds!: SuspectDeviceIdV2[];
}

/** The digests of one media file the report holds (a partner's file may have only some). */
export class EscalatedMediaHashV2 {
  @IsOptional() @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lowercase hex characters' }) sha256?: string;
  @IsOptional() @Matches(/^[0-9a-f]{32}$/, { message: 'md5 must be 32 lowercase hex characters' }) md5?: string;
  @IsOptional() @Matches(/^[0-9a-f]{40}$/, { message: 'sha1 must be 40 lowercase hex characters' }) sha1?: string;
  @IsOptional() @Matches(/^[0-9a-f]{64}$/, { message: 'pdq must be 64 lowercase hex characters' }) pdq?: string;
}

/**
 * tipline → referral-hub: an analyst escalated a report to law enforcement. v1's fields, with the
 * suspect's identifiers structured (v1 left the hub to read them from the analyst's free text)
 * and every digest of each media file.
 */
export class ReportEscalatedV2 {
  @IsString() reportId!: string;
  @IsString() reference!: string;
  @IsString() incidentType!: string;
  @IsString() @MaxLength(20000) summary!: string;
  @IsString() priority!: string;
  @IsArray() @IsString({ each: true }) priorityReasons!: string[];
  @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) urls!: string[];
  @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => EscalatedMediaHashV2) mediaHashes!: EscalatedMediaHashV2[];
  @IsObject() @ValidateNested() @Type(() => EscalatedSuspectV2) suspect!: EscalatedSuspectV2;
  /**
   * Accounts, e-mails and phones the report names without saying whose (a public reporter's
   * "where it happened": the child's, the suspect's or someone else's). Never to be presented as
   * the suspect's. Absent when there are none, and in events published before it existed.
   */
  @IsOptional() @IsObject() @ValidateNested() @Type(() => EscalatedSuspectV2) accountsNamed?: EscalatedSuspectV2;
  @IsString() escalatedBy!: string;
  @IsISO8601() escalatedAt!: string;
  @IsIn(['public', 'industry']) source!: 'public' | 'industry';
  @IsOptional() @IsString() analystNote?: string;
}
