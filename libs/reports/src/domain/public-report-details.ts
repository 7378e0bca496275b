/**
 * What a member of the public can tell us beyond "what happened": where, when, the child, the
 * suspect, chat excerpts. Kept structured (not folded into the description) so the identifiers
 * in it link related reports. Everything is optional: a frightened reporter answers what they can.
 *
 * The reporter's own contact details are NOT here: they live apart (ReporterContacts port) so
 * they never travel with the report, its events or its logs.
 */
export const CHILD_AGE_RANGES = ['0-5', '6-11', '12-13', '14-15', '16-17', 'unknown'] as const;
export type ChildAgeRange = (typeof CHILD_AGE_RANGES)[number];

export const GENDERS = ['girl', 'boy', 'other', 'unknown'] as const;
export type Gender = (typeof GENDERS)[number];

export interface AccountMention {
  platform?: string;
  username: string;
}

export interface PublicReportWhere {
  platform?: string;
  usernames: AccountMention[];
  emails: string[];
  phones: string[];
}

export interface PublicReportWhen {
  /** ISO 8601 date (YYYY-MM-DD). */
  date?: string;
  /** true when the reporter is not sure of the date. */
  approximate?: boolean;
  /** Free text when there is no date ("last summer", "about two weeks ago"). */
  description?: string;
}

export interface PublicReportChild {
  ageRange?: ChildAgeRange;
  gender?: Gender;
}

export interface PublicReportSuspect {
  name?: string;
  usernames: AccountMention[];
  emails: string[];
  phones: string[];
  ageEstimate?: string;
  location?: string;
}

export interface PublicReportDetails {
  where: PublicReportWhere;
  when?: PublicReportWhen;
  child?: PublicReportChild;
  suspect?: PublicReportSuspect;
  chatExcerpts: string[];
}

/** How a reporter may be reached, if they choose to be. Sensitive: see ReporterContacts. */
export interface ReporterContact {
  name?: string;
  email?: string;
  phone?: string;
  preferredLanguage?: 'en' | 'fr';
}

export function isEmptyContact(contact: ReporterContact | undefined): boolean {
  return !contact || !(contact.name?.trim() || contact.email?.trim() || contact.phone?.trim());
}

/** The accounts a public report names (where it happened and the suspect), for related-report links. */
export function accountsOfDetails(details: PublicReportDetails | undefined): { platform?: string; username?: string; emails?: string[]; phones?: string[] }[] {
  return [...suspectAccountsOfDetails(details), ...namedAccountsOfDetails(details)];
}

type NamedAccounts = { platform?: string; username?: string; emails?: string[]; phones?: string[] }[];

/** The accounts the reporter said are the suspect's. */
export function suspectAccountsOfDetails(details: PublicReportDetails | undefined): NamedAccounts {
  if (!details?.suspect) return [];
  const mention = (account: AccountMention) => ({ platform: account.platform ?? details.where.platform, username: account.username });
  return [...details.suspect.usernames.map(mention), { emails: details.suspect.emails, phones: details.suspect.phones }];
}

/**
 * The accounts named under "where it happened", without saying whose: the child's, the
 * suspect's or someone else's. They link related reports, but must not be passed on as the
 * suspect's (see escalationSuspect).
 */
export function namedAccountsOfDetails(details: PublicReportDetails | undefined): NamedAccounts {
  if (!details) return [];
  const mention = (account: AccountMention) => ({ platform: account.platform ?? details.where.platform, username: account.username });
  return [...details.where.usernames.map(mention), { emails: details.where.emails, phones: details.where.phones }];
}
