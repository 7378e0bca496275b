import type { EscalatedMediaHashV2, EscalatedSuspectV2 } from '@vigil/contracts';
import { namedAccountsOfDetails, suspectAccountsOfDetails } from '../../domain/public-report-details';
import type { ReportSnapshot } from '../../domain/report';
import { normaliseIp, uniqueIdentifiers, type ReportIdentifier } from '../../domain/report-identifier';
import type { IndustryReportedUser } from '../industry-intake/submit-industry-report.use-case';
import { identifiersOfAccounts, identifiersOfReport } from '../link-reports/extract-identifiers';

/**
 * What `report.escalated.v2` says about the suspect, from what the tipline already extracted for
 * related reports (the same normalisation, so the hub and the tipline agree on what is "the same
 * account"), plus the time of each IP capture a partner reported: an address without a time is
 * weak evidence, and only the industry submission keeps the times.
 */
export function escalationSuspect(input: {
  report: ReportSnapshot;
  /** The identifiers stored for related-report links (industry accounts, public details…). */
  linked: readonly ReportIdentifier[];
  /** The reported users of an industry submission, when the report came from one. */
  reportedUsers?: readonly IndustryReportedUser[];
}): EscalatedSuspectV2 {
  return escalationIdentifiers(input).suspect;
}

/**
 * The suspect's identifiers, and apart from them the accounts the report names without saying
 * whose. A public reporter's "where it happened" accounts may be the child's own: they link
 * related reports in the tipline, but a police package must not present them as the suspect's.
 * A partner's reported users are, by the report's definition, the suspect's.
 */
export function escalationIdentifiers(input: {
  report: ReportSnapshot;
  linked: readonly ReportIdentifier[];
  reportedUsers?: readonly IndustryReportedUser[];
}): { suspect: EscalatedSuspectV2; accountsNamed?: EscalatedSuspectV2 } {
  const users = input.reportedUsers ?? [];
  const details = input.report.details;
  const personal = (item: ReportIdentifier) => item.kind === 'email' || item.kind === 'account' || item.kind === 'phone' || item.kind === 'ip';
  const suspectIdentifiers = uniqueIdentifiers(
    details
      ? identifiersOfAccounts(suspectAccountsOfDetails(details))
      : [
          ...input.linked,
          ...identifiersOfReport(input.report),
          ...identifiersOfAccounts(users.map((user) => ({ platform: user.platform, username: user.username, emails: user.emails, phones: user.phones }))),
        ],
  );
  const isSuspect = new Set(suspectIdentifiers.map((item) => `${item.kind}:${item.value}`));
  // With details, everything else personal the report names (its "where" accounts, and any other
  // linked identifier) goes out as named, role not stated.
  const named = details
    ? uniqueIdentifiers([...identifiersOfAccounts(namedAccountsOfDetails(details)), ...input.linked.filter(personal)]).filter((item) => !isSuspect.has(`${item.kind}:${item.value}`))
    : [];

  const timedIps = users.flatMap((user) =>
    user.ipCaptureEvents.flatMap((event) => {
      const address = normaliseIp(event.ip);
      return address ? [{ address, ...(event.at ? { observedAt: event.at } : {}), ...(event.event ? { event: event.event } : {}) }] : [];
    }),
  );
  return {
    suspect: section(suspectIdentifiers, timedIps),
    ...(named.length > 0 ? { accountsNamed: section(named, []) } : {}),
  };
}

function section(identifiers: readonly ReportIdentifier[], timedIps: EscalatedSuspectV2['ips']): EscalatedSuspectV2 {
  const values = (kind: ReportIdentifier['kind']) => identifiers.filter((item) => item.kind === kind).map((item) => item.value);
  const timed = new Set(timedIps.map((ip) => ip.address));
  return {
    emails: values('email'),
    usernames: values('account').map(splitAccount),
    phones: values('phone'),
    ips: [...timedIps, ...values('ip').filter((address) => !timed.has(address)).map((address) => ({ address }))],
    // The tipline records neither yet; the contract carries them so partners' reports can.
    paymentHandles: [],
    deviceIds: [],
  };
}

export function escalationMediaHashes(report: Pick<ReportSnapshot, 'media'>): EscalatedMediaHashV2[] {
  return report.media.map((media) => {
    const digests = media as { sha256?: string; md5?: string; sha1?: string; pdq?: string };
    return {
      ...(digests.sha256 ? { sha256: digests.sha256 } : {}),
      ...(digests.md5 ? { md5: digests.md5 } : {}),
      ...(digests.sha1 ? { sha1: digests.sha1 } : {}),
      ...(digests.pdq ? { pdq: digests.pdq } : {}),
    };
  });
}

/** `platform:name`, as normaliseAccount writes it. */
function splitAccount(value: string): { platform: string; username: string } {
  const colon = value.indexOf(':');
  return { platform: value.slice(0, colon), username: value.slice(colon + 1) };
}

/** The reported users an industry submission's stored intake holds, read defensively (it is stored as JSON). */
export function reportedUsersOfIntake(intake: unknown): IndustryReportedUser[] {
  const users = (intake as { reportedUsers?: unknown } | null)?.reportedUsers;
  if (!Array.isArray(users)) return [];
  return users.map((user: Partial<IndustryReportedUser>) => ({
    ...user,
    emails: Array.isArray(user.emails) ? user.emails : [],
    phones: Array.isArray(user.phones) ? user.phones : [],
    ipCaptureEvents: Array.isArray(user.ipCaptureEvents) ? user.ipCaptureEvents.filter((event) => typeof event?.ip === 'string') : [],
  }));
}
