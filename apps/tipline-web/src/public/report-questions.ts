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
  suspect: string;
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
  suspect: '',
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

export function urlsOf(draft: ReportDraft): string[] {
  return draft.urls
    .split(/\s+/)
    .map((url) => url.trim())
    .filter(Boolean);
}

function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/**
 * The API takes a type, a description, URLs and files. Everything else the reporter told us
 * goes into the description as labelled lines (in English, so analysts and tools read every
 * report the same way, whatever the form's language), only for the questions the type asks.
 */
export function composeDescription(draft: ReportDraft, language: string): string {
  if (!draft.incidentType) return draft.description.trim();
  const asked = questionsFor(draft.incidentType);
  const lines: Array<[string, string, boolean]> = [
    ['Platform or app', draft.platform, true],
    ['Usernames', draft.usernames, true],
    ['Emails', draft.emails, true],
    ['Phones', draft.phones, true],
    ['Date', draft.when, true],
    ['When', draft.whenDetail, true],
    ['Child age range', draft.childAge === 'unknown' ? '' : draft.childAge, asked.child],
    ['Child gender', draft.childGender === 'unknown' ? '' : draft.childGender, asked.child],
    ['Suspect', draft.suspect, asked.suspect],
    ['Chat excerpts', draft.chats, asked.chats],
  ];
  const details = lines.filter(([, value, used]) => used && value.trim()).map(([label, value]) => `${label}: ${value.trim()}`);
  const contact = draft.wantsContact
    ? [['Contact name', draft.contactName], ['Contact email', draft.contactEmail], ['Contact phone', draft.contactPhone]].filter(([, value]) => value.trim()).map(([label, value]) => `${label}: ${value.trim()}`)
    : ['Contact: anonymous (no contact details given)'];
  return [draft.description.trim(), '', '--- Details from the form ---', ...details, ...contact, `Form language: ${language}`].join('\n').trim();
}

export function validateDraft(draft: ReportDraft, files: File[], language: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!draft.incidentType) return [{ field: 'incidentType', key: 'report.errors.type' }];
  if (!INCIDENT_TYPES.includes(draft.incidentType)) return [{ field: 'incidentType', key: 'report.errors.type' }];
  const asked = questionsFor(draft.incidentType);
  const urls = urlsOf(draft);
  if (asked.urlsRequired && urls.length === 0) problems.push({ field: 'urls', key: 'report.errors.urlsRequired' });
  const wrong = urls.find((url) => !isWebAddress(url));
  if (wrong) problems.push({ field: 'urls', key: 'report.errors.urlInvalid', values: { url: wrong } });
  else if (urls.length > 100) problems.push({ field: 'urls', key: 'report.errors.tooManyUrls', values: { count: 100 } });
  if (!draft.description.trim()) problems.push({ field: 'description', key: 'report.errors.descriptionRequired' });
  else if (composeDescription(draft, language).length > MAX_DESCRIPTION) problems.push({ field: 'description', key: 'report.errors.tooLong', values: { count: MAX_DESCRIPTION } });
  if (draft.wantsContact && !draft.contactEmail.trim() && !draft.contactPhone.trim()) problems.push({ field: 'contactEmail', key: 'report.errors.contactRequired' });
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
