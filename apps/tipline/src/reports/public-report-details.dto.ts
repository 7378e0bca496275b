import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { CHILD_AGE_RANGES, GENDERS, type AccountMention, type ChildAgeRange, type Gender, type PublicReportDetails, type ReporterContact } from '@vigil/reports';
import { plainToInstance, Transform, type ClassConstructor, type TransformFnParams } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';

/**
 * The public form's structured answers. A multipart form sends each group as a JSON string
 * (`where`, `suspect`, ...); a JSON client sends objects. Either way the group is validated
 * field by field, and a 400 names the field (`suspect.emails.0 must be an e-mail address`).
 */
export function jsonGroup<T>(type: ClassConstructor<T>) {
  return Transform(({ obj, key }: TransformFnParams) => {
    let value: unknown = obj[key];
    if (typeof value === 'string' && /^\s*[[{]/.test(value)) {
      try {
        value = JSON.parse(value);
      } catch {
        return value;
      }
    }
    if (Array.isArray(value)) return value.map((item: unknown) => (item && typeof item === 'object' ? plainToInstance(type, item) : item));
    return value && typeof value === 'object' ? plainToInstance(type, value) : value;
  });
}

/** A string list from JSON (array or JSON string) or repeated multipart fields. */
export function jsonList({ obj, key }: TransformFnParams): unknown {
  const value: unknown = obj[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string' && value.trim().startsWith('[')) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return Array.isArray(value) ? value : [value];
}

const PHONE = /^\+?[0-9 ().-]{3,40}$/;
const MAX_ITEMS = 20;

export class AccountMentionDto {
  @ApiPropertyOptional({ example: 'Chatly', description: 'Defaults to where.platform' }) @IsOptional() @IsString() @MaxLength(100) platform?: string;
  @ApiPropertyOptional({ example: 'sunny_days' }) @IsString({ message: 'username must be text' }) @MinLength(1) @MaxLength(200) username!: string;
}

/** Accounts (platform and username), e-mails and phones are asked the same way of "where" and of the suspect. */
const AccountMentions = () =>
  applyDecorators(
    ApiPropertyOptional({ type: [AccountMentionDto] }),
    IsOptional(),
    jsonGroup(AccountMentionDto),
    IsArray({ message: 'usernames must be a list of { platform, username }' }),
    ArrayMaxSize(MAX_ITEMS),
    ValidateNested({ each: true }),
  );
const EmailList = () =>
  applyDecorators(
    ApiPropertyOptional({ type: [String], example: ['someone@example.org'] }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(MAX_ITEMS),
    IsEmail({}, { each: true, message: 'each of emails must be an e-mail address' }),
  );
const PhoneList = () =>
  applyDecorators(
    ApiPropertyOptional({ type: [String], example: ['+1 613 555 0142'] }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(MAX_ITEMS),
    Matches(PHONE, { each: true, message: 'each of phones must be a phone number (digits, spaces, + ( ) - .)' }),
  );

export class PublicWhereDto {
  @ApiPropertyOptional({ example: 'Chatly', description: 'The platform or app' }) @IsOptional() @IsString() @MaxLength(100) platform?: string;
  @AccountMentions()
  usernames?: AccountMentionDto[];
  @EmailList()
  emails?: string[];
  @PhoneList()
  phones?: string[];
}

export class PublicWhenDto {
  @ApiPropertyOptional({ example: '2026-11-20', description: 'The date (YYYY-MM-DD)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'date must be a date, YYYY-MM-DD' })
  @MaxLength(10, { message: 'date must be a date, YYYY-MM-DD' })
  date?: string;
  @ApiPropertyOptional({ description: 'true when the date is approximate' }) @IsOptional() @IsBoolean() approximate?: boolean;
  @ApiPropertyOptional({ example: 'about two weeks ago' }) @IsOptional() @IsString() @MaxLength(500) description?: string;
}

export class PublicChildDto {
  @ApiPropertyOptional({ enum: CHILD_AGE_RANGES }) @IsOptional() @IsIn(CHILD_AGE_RANGES as unknown as string[], { message: `ageRange must be one of: ${CHILD_AGE_RANGES.join(', ')}` }) ageRange?: string;
  @ApiPropertyOptional({ enum: GENDERS }) @IsOptional() @IsIn(GENDERS as unknown as string[], { message: `gender must be one of: ${GENDERS.join(', ')}` }) gender?: string;
}

export class PublicSuspectDto {
  @ApiPropertyOptional({ description: 'Name or alias' }) @IsOptional() @IsString() @MaxLength(200) name?: string;
  @AccountMentions()
  usernames?: AccountMentionDto[];
  @EmailList()
  emails?: string[];
  @PhoneList()
  phones?: string[];
  @ApiPropertyOptional({ example: 'about 30' }) @IsOptional() @IsString() @MaxLength(100) ageEstimate?: string;
  @ApiPropertyOptional({ example: 'Ottawa' }) @IsOptional() @IsString() @MaxLength(200) location?: string;
}

export class ReporterContactDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) name?: string;
  @ApiPropertyOptional({ example: 'someone@example.org' }) @IsOptional() @IsEmail({}, { message: 'email must be an e-mail address' }) @MaxLength(320) email?: string;
  @ApiPropertyOptional({ example: '+1 613 555 0100' }) @IsOptional() @Matches(PHONE, { message: 'phone must be a phone number (digits, spaces, + ( ) - .)' }) phone?: string;
  @ApiPropertyOptional({ enum: ['en', 'fr'] }) @IsOptional() @IsIn(['en', 'fr'], { message: 'preferredLanguage must be one of: en, fr' }) preferredLanguage?: 'en' | 'fr';
}

const text = (value: string | undefined) => value?.trim() || undefined;
const texts = (values: string[] | undefined) => (values ?? []).map((value) => value.trim()).filter(Boolean);
const accounts = (values: AccountMentionDto[] | undefined): AccountMention[] =>
  (values ?? []).flatMap((account) => (account.username.trim() ? [{ username: account.username.trim(), ...(text(account.platform) ? { platform: text(account.platform) } : {}) }] : []));

/** Drops what was left blank; undefined when nothing of the group was given. */
function compact<T extends object>(value: T): T | undefined {
  const kept = Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined && !(Array.isArray(item) && item.length === 0)));
  return Object.keys(kept).length > 0 ? (kept as T) : undefined;
}

/** The structured answers as the domain keeps them, or undefined when the reporter gave none. */
export function publicReportDetailsOf(body: { where?: PublicWhereDto; when?: PublicWhenDto; child?: PublicChildDto; suspect?: PublicSuspectDto; chatExcerpts?: string[] }): PublicReportDetails | undefined {
  const where: PublicReportDetails['where'] = { ...(text(body.where?.platform) ? { platform: text(body.where?.platform) } : {}), usernames: accounts(body.where?.usernames), emails: texts(body.where?.emails), phones: texts(body.where?.phones) };
  const when = compact({ date: text(body.when?.date), approximate: body.when?.approximate, description: text(body.when?.description) });
  const child = compact({ ageRange: body.child?.ageRange as ChildAgeRange | undefined, gender: body.child?.gender as Gender | undefined });
  const suspect = compact({
    name: text(body.suspect?.name),
    usernames: accounts(body.suspect?.usernames),
    emails: texts(body.suspect?.emails),
    phones: texts(body.suspect?.phones),
    ageEstimate: text(body.suspect?.ageEstimate),
    location: text(body.suspect?.location),
  });
  const chatExcerpts = texts(body.chatExcerpts);
  const details: PublicReportDetails = {
    where,
    ...(when ? { when } : {}),
    ...(child ? { child } : {}),
    ...(suspect ? { suspect: { ...suspect, usernames: suspect.usernames ?? [], emails: suspect.emails ?? [], phones: suspect.phones ?? [] } } : {}),
    chatExcerpts,
  };
  const empty = !where.platform && !where.usernames.length && !where.emails.length && !where.phones.length && !when && !child && !suspect && !chatExcerpts.length;
  return empty ? undefined : details;
}

export function reporterContactOf(contact: ReporterContactDto | undefined): ReporterContact | undefined {
  if (!contact) return undefined;
  return compact({ name: text(contact.name), email: text(contact.email), phone: text(contact.phone), preferredLanguage: contact.preferredLanguage });
}
