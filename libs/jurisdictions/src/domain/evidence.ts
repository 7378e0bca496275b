import { ValidationError } from '@vigil/kernel';
import { parseJurisdictionCode } from './jurisdiction';

export const EVIDENCE_KINDS = ['ip', 'postal-code', 'phone', 'declared-location', 'override'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/**
 * One thing known about where a case belongs, as the referral hub received or recorded it.
 * `source` says where it came from ("report 42, suspect IP", "investigator jdoe"). An override
 * names a jurisdiction code ("CA-ON", "FR") or a police service id, and must carry its reason;
 * the caller records who made it and when.
 */
export interface Evidence {
  readonly kind: EvidenceKind;
  readonly value: string;
  readonly source: string;
  readonly observedAt?: Date;
  /** Required for overrides: why the investigator decided. */
  readonly reason?: string;
  /** Overrides: who decided (their `observedAt` is when), for a UI to say in its own words. */
  readonly decidedBy?: string;
  /** `source` as parts, for a UI to say in its own words; the resolver does not read it. */
  readonly provenance?: EvidenceProvenance;
}

/**
 * Where a piece of evidence came from: the referral (its origin and reference) and, when the
 * intake coded it, where in the referral (a libs/cases provenance code, e.g. police-referral, with
 * its values, e.g. agency). Passed through untouched.
 */
export interface EvidenceProvenance {
  readonly origin: string;
  readonly reference: string;
  readonly code?: string;
  readonly values?: Readonly<Record<string, string | number>>;
}

/** What an IP geolocation database says about an address (the IpGeolocator port's answer). */
export interface IpGeolocation {
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  /** ISO 3166-2, e.g. "CA-ON". */
  readonly subdivision?: string;
  readonly city?: string;
  /** The database's own estimate of how far off the location may be. */
  readonly accuracyRadiusKm?: number;
  /** The address belongs to an anonymiser (VPN, Tor exit, public proxy), when the data says so. */
  readonly anonymizer?: boolean;
}

export type PhoneNumberType = 'mobile' | 'fixed' | 'unknown';

/**
 * Why a text is not a valid phone number, for a UI to say in its reader's language:
 * no-number (no number in the text), no-country (no +country and no default), too-short,
 * too-long, wrong-length, impossible-length (for the numbering plan of its +country),
 * not-in-use (in no numbering plan).
 */
export type PhoneNumberProblem = 'no-number' | 'no-country' | 'too-short' | 'too-long' | 'wrong-length' | 'impossible-length' | 'not-in-use';

/** What a phone number parser made of a text (the PhoneNumberParser port's answer). */
export type ParsedPhoneNumber =
  | {
      readonly valid: true;
      /** ISO 3166-1 alpha-2 of the numbering region, when the number identifies one. */
      readonly country?: string;
      readonly countryCallingCode: string;
      readonly nationalNumber: string;
      /** NANP numbers: the three-digit area code. */
      readonly areaCode?: string;
      readonly type: PhoneNumberType;
      readonly e164: string;
    }
  | {
      readonly valid: false;
      /** In English. */
      readonly reason: string;
      readonly problem?: PhoneNumberProblem;
      /** The number as read (E.164), when it was read at all. */
      readonly number?: string;
      readonly countryCallingCode?: string;
    };

/** Answers the ports gave for the evidence values, keyed by the evidence value. */
export interface EvidenceLookups {
  readonly ip?: ReadonlyMap<string, IpGeolocation | null>;
  readonly phone?: ReadonlyMap<string, ParsedPhoneNumber>;
}

const MAX_VALUE_LENGTH = 500;

/**
 * Refuses malformed evidence with an error naming the field (a 400 at the API). Evidence that is
 * well formed but says nothing (a postal code that does not exist) is not an error: the resolver
 * lists it as unresolved, with its reason.
 */
export function validateEvidence(evidence: readonly Evidence[], isPoliceServiceId: (id: string) => boolean = () => false): void {
  if (!Array.isArray(evidence)) throw new ValidationError('evidence must be a list', 'evidence');
  evidence.forEach((item, index) => {
    const field = `evidence[${index}]`;
    if (!item || typeof item !== 'object') throw new ValidationError(`${field} must be an object`, field);
    if (!(EVIDENCE_KINDS as readonly string[]).includes(item.kind)) {
      throw new ValidationError(`${field}.kind must be one of ${EVIDENCE_KINDS.join(', ')}`, `${field}.kind`);
    }
    if (typeof item.value !== 'string' || item.value.trim() === '') throw new ValidationError(`${field}.value must be a non-empty string`, `${field}.value`);
    if (item.value.length > MAX_VALUE_LENGTH) throw new ValidationError(`${field}.value must be at most ${MAX_VALUE_LENGTH} characters`, `${field}.value`);
    if (typeof item.source !== 'string' || item.source.trim() === '') throw new ValidationError(`${field}.source must say where the evidence came from`, `${field}.source`);
    if (item.observedAt !== undefined && !(item.observedAt instanceof Date && !Number.isNaN(item.observedAt.getTime()))) {
      throw new ValidationError(`${field}.observedAt must be a valid date`, `${field}.observedAt`);
    }
    if (item.kind === 'override') {
      if (typeof item.reason !== 'string' || item.reason.trim() === '') throw new ValidationError(`${field}.reason is required for an override`, `${field}.reason`);
      if (!parseJurisdictionCode(item.value) && !isPoliceServiceId(item.value.trim())) {
        throw new ValidationError(`${field}.value must be a jurisdiction code (CA-ON, FR) or a known police service id`, `${field}.value`);
      }
    }
  });
}
