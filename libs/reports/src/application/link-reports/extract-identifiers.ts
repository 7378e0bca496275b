import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { accountsOfDetails } from '../../domain/public-report-details';
import type { ReportSnapshot } from '../../domain/report';
import { normaliseAccount, normaliseEmail, normaliseIp, normaliseUrl, uniqueIdentifiers, type ReportIdentifier } from '../../domain/report-identifier';

/** An account a report names, in the terms identifier extraction needs. */
export interface NamedAccount {
  platform?: string;
  username?: string;
  emails?: string[];
  phones?: string[];
  ips?: string[];
}

/**
 * Phone numbers as E.164 so "+1 (613) 555-0100" and "613-555-0100" link. A number without a
 * country code is read as `defaultCountry` (the hotline's own country); one that cannot be
 * parsed as a possible number is dropped rather than stored half-normalised.
 */
export function normalisePhone(raw: string, defaultCountry: CountryCode = 'CA'): string | undefined {
  const parsed = parsePhoneNumberFromString(raw.trim(), defaultCountry);
  return parsed?.isPossible() ? parsed.number : undefined;
}

/**
 * What every report names: its URLs and the SHA-256 of its media, and for a public report the
 * accounts, e-mails and phones in its structured details.
 */
export function identifiersOfReport(report: Pick<ReportSnapshot, 'urls' | 'media'> & Partial<Pick<ReportSnapshot, 'details'>>): ReportIdentifier[] {
  return uniqueIdentifiers([
    ...report.urls.flatMap((url) => identifier('url', normaliseUrl(url))),
    ...report.media.flatMap((media) => identifier('sha256', media.sha256?.toLowerCase())),
    ...identifiersOfAccounts(accountsOfDetails(report.details)),
  ]);
}

export function identifiersOfAccounts(accounts: readonly NamedAccount[], defaultCountry: CountryCode = 'CA'): ReportIdentifier[] {
  return uniqueIdentifiers(
    accounts.flatMap((account) => [
      ...identifier('account', normaliseAccount(account.platform, account.username)),
      ...(account.emails ?? []).flatMap((email) => identifier('email', normaliseEmail(email))),
      ...(account.phones ?? []).flatMap((phone) => identifier('phone', normalisePhone(phone, defaultCountry))),
      ...(account.ips ?? []).flatMap((ip) => identifier('ip', normaliseIp(ip))),
    ]),
  );
}

function identifier(kind: ReportIdentifier['kind'], value: string | undefined): ReportIdentifier[] {
  return value ? [{ kind, value }] : [];
}
