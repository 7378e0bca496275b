/**
 * Something a report names that another report may name too. Reports sharing one are linked
 * for analysts ("related reports"). Values are normalised so trivial differences in spelling
 * (case, a trailing slash, a leading "@") do not hide a link.
 */
export const IDENTIFIER_KINDS = ['url', 'sha256', 'account', 'email', 'phone', 'ip'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export interface ReportIdentifier {
  kind: IdentifierKind;
  value: string;
}

/** Scheme and host lower-cased, default port, fragment and trailing slash dropped; path and query kept as given. */
export function normaliseUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : '';
  return `${url.protocol}//${url.host}${path}${url.search}`;
}

/** username + platform: the same name on two platforms is two people. */
export function normaliseAccount(platform: string | undefined, username: string | undefined): string | undefined {
  const name = username?.trim().replace(/^@/, '').toLowerCase();
  const where = platform?.trim().toLowerCase();
  return name && where ? `${where}:${name}` : undefined;
}

export function normaliseEmail(raw: string): string | undefined {
  const email = raw.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : undefined;
}

/** IPv4 as dotted decimal without leading zeros; IPv6 lower-cased. */
export function normaliseIp(raw: string): string | undefined {
  const ip = raw.trim().toLowerCase();
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (v4) {
    const parts = v4.slice(1).map(Number);
    return parts.every((part) => part <= 255) ? parts.join('.') : undefined;
  }
  return /^[0-9a-f:.]+$/.test(ip) && ip.includes(':') ? ip : undefined;
}

export function uniqueIdentifiers(identifiers: readonly ReportIdentifier[]): ReportIdentifier[] {
  const seen = new Map<string, ReportIdentifier>();
  for (const identifier of identifiers) seen.set(`${identifier.kind}\u0000${identifier.value}`, identifier);
  return [...seen.values()];
}
