import isURL from 'validator/lib/isURL';
import { INCIDENT_TYPES, MAX_DESCRIPTION, MEDIA_LIMITS, isSextortion, type IncidentType } from '../taxonomy';

/** Which parts of the form a type of incident needs. */
export interface Questions {
  /** CSAM: the URL is the report (and no file may be sent). */
  urlsRequired: boolean;
  child: boolean;
  suspect: boolean;
  chats: boolean;
  /** Screenshots as evidence: chats and demands, never sexual images. */
  files: boolean;
}

export function questionsFor(type: IncidentType): Questions {
  const conversation = type === 'online-luring' || isSextortion(type);
  return {
    urlsRequired: type === 'csam',
    child: type !== 'csam',
    suspect: type !== 'csam',
    chats: conversation,
    files: conversation,
  };
}

/** Everything the reporter typed; only the fields the type needs are sent. */
export interface ReportDraft {
  incidentType: IncidentType | '';
  urls: string;
  platform: string;
  usernames: string;
  emails: string;
  phones: string;
  when: string;
  whenDetail: string;
  description: string;
  childAge: string;
  childGender: string;
  suspectName: string;
  suspectUsernames: string;
  suspectEmails: string;
  suspectPhones: string;
  suspectAge: string;
  suspectLocation: string;
  chats: string;
  wantsContact: boolean;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
}

export const EMPTY_DRAFT: ReportDraft = {
  incidentType: '',
  urls: '',
  platform: '',
  usernames: '',
  emails: '',
  phones: '',
  when: '',
  whenDetail: '',
  description: '',
  childAge: 'unknown',
  childGender: 'unknown',
  suspectName: '',
  suspectUsernames: '',
  suspectEmails: '',
  suspectPhones: '',
  suspectAge: '',
  suspectLocation: '',
  chats: '',
  wantsContact: false,
  contactName: '',
  contactEmail: '',
  contactPhone: '',
};

export type DraftField = keyof ReportDraft | 'media';

/** A problem with one field: its translation key and values. */
export interface FieldProblem {
  field: DraftField;
  key: string;
  values?: Record<string, string | number>;
}

/**
 * The server's own test: the API checks each URL with class-validator's IsUrl, which is
 * validator's isURL with these options (apps/tipline/src/reports/submit-report.dto.ts), so the
 * form accepts exactly what the API will. (The WHATWG URL parser is far laxer: it reads
 * "http:/x.example" as a URL, which the API then refuses.)
 */
export function isWebAddress(text: string): boolean {
  return isURL(text, { require_protocol: true, protocols: ['http', 'https'] });
}

/** Longest piece of a bad line quoted back in a message: enough to find it in the box. */
const QUOTED_LINE = 80;

function quoted(line: string): string {
  return line.length <= QUOTED_LINE ? line : `${line.slice(0, QUOTED_LINE - 21)}…${line.slice(-20)}`;
}

/**
 * A URL box read line by line: the web addresses, and every line that holds something else,
 * whole (cut in the middle when very long), so the reporter sees which line to fix. A line of
 * several addresses separated by spaces is taken as they are, as pasted text often has them.
 */
export function webAddressesIn(text: string): { urls: string[]; wrongLines: string[] } {
  const urls: string[] = [];
  const wrongLines: string[] = [];
  for (const line of text.split(/\r?\n/).map((one) => one.trim()).filter(Boolean)) {
    const words = line.split(/\s+/);
    if (words.every(isWebAddress)) urls.push(...words);
    else if (!wrongLines.includes(quoted(line))) wrongLines.push(quoted(line));
  }
  return { urls, wrongLines };
}

/** Lines named one by one; past these, a count (a long paste would make an alert no one can listen to). */
const NAMED_LINES = 10;

/** One problem per line that is not a web address (the summary links each), then how many more. */
export function urlProblems(wrongLines: string[]): Array<{ field: 'urls'; key: string; values: Record<string, string | number> }> {
  const named = wrongLines.slice(0, NAMED_LINES).map((line) => ({ field: 'urls' as const, key: 'report.errors.urlInvalid', values: { url: line } }));
  const more = wrongLines.length - named.length;
  return more > 0 ? [...named, { field: 'urls', key: 'report.errors.moreUrlsInvalid', values: { count: more } }] : named;
}

export function urlsOf(draft: ReportDraft): string[] {
  return webAddressesIn(draft.urls).urls;
}

/** Lists typed one per line or separated by commas. */
export function listOf(text: string): string[] {
  return text
    .split(/[\n,;]+/)
    .map((item) => item.trim())
    .filter(Boolean);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ().-]{3,40}$/;

/** The structured report the public API takes: each answer in its own field, so related reports link on them. */
export interface StructuredReport {
  incidentType: IncidentType;
  description: string;
  urls: string[];
  where?: { platform?: string; usernames?: { username: string }[]; emails?: string[]; phones?: string[] };
  when?: { date?: string; description?: string };
  child?: { ageRange?: string; gender?: string };
  suspect?: { name?: string; usernames?: { username: string }[]; emails?: string[]; phones?: string[]; ageEstimate?: string; location?: string };
  chatExcerpts?: string[];
  contact?: { name?: string; email?: string; phone?: string; preferredLanguage?: 'en' | 'fr' };
}

/** Keeps the keys that hold something; undefined when nothing does. */
function filled<T extends object>(group: T): T | undefined {
  const kept = Object.entries(group).filter(([, value]) => (Array.isArray(value) ? value.length > 0 : Boolean(value)));
  return kept.length > 0 ? (Object.fromEntries(kept) as T) : undefined;
}

/**
 * The draft as the API takes it: only the questions the type asks, blanks left out, and the
 * contact only when the reporter ticked "you may contact me" (with the form's language, so we
 * answer in it).
 */
export function structuredReportOf(draft: ReportDraft, language: string): StructuredReport | undefined {
  if (!draft.incidentType) return undefined;
  const asked = questionsFor(draft.incidentType);
  const usernames = (text: string) => listOf(text).map((username) => ({ username }));
  const report: StructuredReport = { incidentType: draft.incidentType, description: draft.description.trim(), urls: urlsOf(draft) };
  const where = filled({ platform: draft.platform.trim(), usernames: usernames(draft.usernames), emails: listOf(draft.emails), phones: listOf(draft.phones) });
  const when = filled({ date: draft.when.trim(), description: draft.whenDetail.trim() });
  const child = asked.child ? filled({ ageRange: draft.childAge === 'unknown' ? '' : draft.childAge, gender: draft.childGender === 'unknown' ? '' : draft.childGender }) : undefined;
  const suspect = asked.suspect
    ? filled({
        name: draft.suspectName.trim(),
        usernames: usernames(draft.suspectUsernames),
        emails: listOf(draft.suspectEmails),
        phones: listOf(draft.suspectPhones),
        ageEstimate: draft.suspectAge.trim(),
        location: draft.suspectLocation.trim(),
      })
    : undefined;
  const chats = asked.chats && draft.chats.trim() ? [draft.chats.trim()] : [];
  const contact = draft.wantsContact ? filled({ name: draft.contactName.trim(), email: draft.contactEmail.trim(), phone: draft.contactPhone.trim() }) : undefined;
  return {
    ...report,
    ...(where ? { where } : {}),
    ...(when ? { when } : {}),
    ...(child ? { child } : {}),
    ...(suspect ? { suspect } : {}),
    ...(chats.length ? { chatExcerpts: chats } : {}),
    ...(contact ? { contact: { ...contact, preferredLanguage: language === 'fr' ? 'fr' : 'en' } } : {}),
  };
}

export function validateDraft(draft: ReportDraft, files: File[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!draft.incidentType) return [{ field: 'incidentType', key: 'report.errors.type' }];
  if (!INCIDENT_TYPES.includes(draft.incidentType)) return [{ field: 'incidentType', key: 'report.errors.type' }];
  const asked = questionsFor(draft.incidentType);
  const { urls, wrongLines } = webAddressesIn(draft.urls);
  if (asked.urlsRequired && urls.length === 0 && wrongLines.length === 0) problems.push({ field: 'urls', key: 'report.errors.urlsRequired' });
  problems.push(...urlProblems(wrongLines));
  if (wrongLines.length === 0 && urls.length > 100) problems.push({ field: 'urls', key: 'report.errors.tooManyUrls', values: { count: 100 } });
  if (!draft.description.trim()) problems.push({ field: 'description', key: 'report.errors.descriptionRequired' });
  else if (draft.description.trim().length > MAX_DESCRIPTION) problems.push({ field: 'description', key: 'report.errors.tooLong', values: { count: MAX_DESCRIPTION } });
  const lists: Array<[DraftField, string, RegExp, string]> = [
    ['emails', draft.emails, EMAIL, 'report.errors.emailInvalid'],
    ['phones', draft.phones, PHONE, 'report.errors.phoneInvalid'],
    ...(asked.suspect
      ? ([
          ['suspectEmails', draft.suspectEmails, EMAIL, 'report.errors.emailInvalid'],
          ['suspectPhones', draft.suspectPhones, PHONE, 'report.errors.phoneInvalid'],
        ] as Array<[DraftField, string, RegExp, string]>)
      : []),
  ];
  for (const [field, text, pattern, key] of lists) {
    const wrongItem = listOf(text).find((item) => !pattern.test(item));
    if (wrongItem) problems.push({ field, key, values: { value: wrongItem } });
  }
  if (draft.wantsContact && !draft.contactEmail.trim() && !draft.contactPhone.trim()) problems.push({ field: 'contactEmail', key: 'report.errors.contactRequired' });
  else if (draft.wantsContact && draft.contactEmail.trim() && !EMAIL.test(draft.contactEmail.trim())) problems.push({ field: 'contactEmail', key: 'report.errors.emailInvalid', values: { value: draft.contactEmail.trim() } });
  if (draft.wantsContact && draft.contactPhone.trim() && !PHONE.test(draft.contactPhone.trim())) problems.push({ field: 'contactPhone', key: 'report.errors.phoneInvalid', values: { value: draft.contactPhone.trim() } });
  if (asked.files) {
    const megabytes = MEDIA_LIMITS.maxFileBytes / 1024 / 1024;
    if (files.length > MEDIA_LIMITS.maxFiles) problems.push({ field: 'media', key: 'report.errors.tooManyFiles', values: { count: MEDIA_LIMITS.maxFiles } });
    for (const file of files) {
      if (!MEDIA_LIMITS.types.includes(file.type)) problems.push({ field: 'media', key: 'report.errors.fileType', values: { name: file.name } });
      else if (file.size > MEDIA_LIMITS.maxFileBytes) problems.push({ field: 'media', key: 'report.errors.fileSize', values: { name: file.name, megabytes } });
    }
  }
  return problems;
}
