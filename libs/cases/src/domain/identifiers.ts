/**
 * What a referral says about who the suspect is, normalised so that the same account written two
 * ways (upper case, spaces in a phone number) is recognised as one.
 */
export const IDENTIFIER_KINDS = ['email', 'username', 'phone', 'ip', 'payment', 'device'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export interface SuspectIdentifier {
  kind: IdentifierKind;
  /** Normalised: see normaliseIdentifier. A username is `name@platform`, a device `type:value`. */
  value: string;
  /** When it was observed (IP addresses are only meaningful with a time). ISO 8601. */
  observedAt?: string;
  /** Where in the referral it was found, for the investigator, in English (the record). */
  source: string;
  /** The same as a code, for a UI to say in its reader's language (absent on older rows). */
  sourceCode?: ProvenanceCode;
  sourceValues?: ProvenanceValues;
}

/**
 * Where in a referral an identifier or a location hint was found, as a code for a UI to say in its
 * reader's language (the English `source` stays the record, and what a client that does not know
 * the code shows):
 * - ncmec-reported-user: a CyberTipline report's reported user (no values)
 * - ncmec-platform-id: the reported user's platform id (no values)
 * - ncmec-ip-capture: an IP address captured for the reported user (event?: the platform's name
 *   for the capture, "Login"; absent when the report names none)
 * - ncmec-estimated-location: the reported user's estimated location (no values)
 * - police-suspect-details: a police referral's suspect details (agency: the sending agency's name)
 * - police-referral: a location a police referral names (agency)
 * - tipline-report: an escalated tipline report's suspect fields (event?: an IP address's event)
 * - tipline-named: named in a tipline report without being said to be the suspect's (event?)
 * - tipline-summary: found in the tipline analyst's escalation summary or note (no values)
 */
export const PROVENANCE_CODES = [
  'ncmec-reported-user',
  'ncmec-platform-id',
  'ncmec-ip-capture',
  'ncmec-estimated-location',
  'police-suspect-details',
  'police-referral',
  'tipline-report',
  'tipline-named',
  'tipline-summary',
] as const;
export type ProvenanceCode = (typeof PROVENANCE_CODES)[number];
export type ProvenanceValues = Record<string, string | number>;

/** Where something was found: the English sentence, with its code when the intake knows one. */
export interface Provenance {
  source: string;
  sourceCode?: ProvenanceCode;
  sourceValues?: ProvenanceValues;
}

/** A provenance as the fields an identifier or location hint carries (a bare string: no code). */
export function provenanceFields(provenance: string | Provenance): Provenance {
  if (typeof provenance === 'string') return { source: provenance };
  return {
    source: provenance.source,
    ...(provenance.sourceCode ? { sourceCode: provenance.sourceCode } : {}),
    ...(provenance.sourceValues && Object.keys(provenance.sourceValues).length > 0 ? { sourceValues: { ...provenance.sourceValues } } : {}),
  };
}

/**
 * Identifiers that point at one person on their own: a shared one attaches a referral to the case
 * automatically. An IP address does not (NAT, VPNs, reassignment): a shared address observed close
 * in time is only proposed as a link.
 */
export const STRONG_IDENTIFIER_KINDS: readonly IdentifierKind[] = ['email', 'username', 'phone', 'payment', 'device'];

/** Two observations of one IP address this close in time are proposed as the same person. */
export const IP_LINK_WINDOW_HOURS = 24;

export function isStrong(identifier: Pick<SuspectIdentifier, 'kind'>): boolean {
  return STRONG_IDENTIFIER_KINDS.includes(identifier.kind);
}

/** Normalises an identifier value; undefined when nothing usable is left. */
export function normaliseIdentifier(kind: IdentifierKind, value: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  switch (kind) {
    case 'email':
    case 'username':
    case 'payment':
    case 'device':
      return trimmed.toLowerCase();
    case 'ip':
      return trimmed.toLowerCase();
    case 'phone': {
      const digits = trimmed.replace(/\D/g, '');
      if (digits.length < 7) return undefined;
      // North American numbers written without the country code: the national centre's default.
      return `+${digits.length === 10 && !trimmed.startsWith('+') ? `1${digits}` : digits}`;
    }
  }
}

export function identifier(kind: IdentifierKind, value: string, source: string | Provenance, observedAt?: string): SuspectIdentifier | undefined {
  const normalised = normaliseIdentifier(kind, value);
  if (!normalised) return undefined;
  return observedAt ? { kind, value: normalised, observedAt, ...provenanceFields(source) } : { kind, value: normalised, ...provenanceFields(source) };
}

export function usernameIdentifier(username: string, platform: string | undefined, source: string | Provenance): SuspectIdentifier | undefined {
  // A username means nothing without its platform: "alex" on two services is two people.
  if (!platform?.trim()) return undefined;
  return identifier('username', `${username.trim()}@${platform.trim()}`, source);
}

const EMAIL_IN_TEXT = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const PHONE_IN_TEXT = /(?:\+\d{1,3}[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b/g;
const IPV4_IN_TEXT = /\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b/g;

/**
 * Identifiers written in free text (a tipline analyst's escalation summary): e-mail addresses,
 * phone numbers and IPv4 addresses. IP addresses found in text carry no time: they are kept for
 * jurisdiction, and only proposed as links.
 */
export function identifiersInText(text: string, source: string | Provenance): SuspectIdentifier[] {
  const found: SuspectIdentifier[] = [];
  for (const match of text.match(EMAIL_IN_TEXT) ?? []) pushDefined(found, identifier('email', match, source));
  const withoutIps = text.replace(IPV4_IN_TEXT, ' ');
  for (const match of withoutIps.match(PHONE_IN_TEXT) ?? []) pushDefined(found, identifier('phone', match, source));
  for (const match of text.match(IPV4_IN_TEXT) ?? []) pushDefined(found, identifier('ip', match, source));
  return uniqueIdentifiers(found);
}

export function uniqueIdentifiers(identifiers: readonly SuspectIdentifier[]): SuspectIdentifier[] {
  const seen = new Set<string>();
  return identifiers.filter((item) => {
    const key = `${item.kind}|${item.value}|${item.observedAt ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function pushDefined<T>(list: T[], value: T | undefined): void {
  if (value !== undefined) list.push(value);
}

/**
 * Why two referrals are linked, as a code for a UI to say in its reader's language:
 * same-identifier (values: kind, value), ip-close-in-time (values: ip, hours apart to one
 * decimal, windowHours).
 */
export const LINK_REASON_CODES = ['same-identifier', 'ip-close-in-time'] as const;
export type LinkReasonCode = (typeof LINK_REASON_CODES)[number];

/** Why two referrals are proposed to be about the same suspect. */
export interface SharedIdentifier {
  kind: IdentifierKind;
  value: string;
  strong: boolean;
  /** In English (the record, and what a client that does not know the code shows). */
  reason: string;
  code: LinkReasonCode;
  values: Record<string, string | number>;
}

/**
 * The identifiers two sets share, each with its reason. IP addresses count only when both
 * observations carry a time within IP_LINK_WINDOW_HOURS of each other.
 */
export function sharedIdentifiers(mine: readonly SuspectIdentifier[], theirs: readonly SuspectIdentifier[]): SharedIdentifier[] {
  const shared = new Map<string, SharedIdentifier>();
  for (const a of mine) {
    for (const b of theirs) {
      if (a.kind !== b.kind || a.value !== b.value) continue;
      const key = `${a.kind}|${a.value}`;
      if (shared.has(key)) continue;
      if (a.kind === 'ip') {
        if (!a.observedAt || !b.observedAt) continue;
        const hours = Math.abs(Date.parse(a.observedAt) - Date.parse(b.observedAt)) / 3_600_000;
        if (!(hours <= IP_LINK_WINDOW_HOURS)) continue;
        shared.set(key, {
          kind: 'ip', value: a.value, strong: false, reason: `IP ${a.value} seen ${hours.toFixed(1)} h apart (within ${IP_LINK_WINDOW_HOURS} h)`,
          code: 'ip-close-in-time', values: { ip: a.value, hours: Number(hours.toFixed(1)), windowHours: IP_LINK_WINDOW_HOURS },
        });
        continue;
      }
      shared.set(key, { kind: a.kind, value: a.value, strong: isStrong(a), reason: `same ${a.kind} ${a.value}`, code: 'same-identifier', values: { kind: a.kind, value: a.value } });
    }
  }
  return [...shared.values()];
}
