import { isProvinceCode, type ProvinceCode } from './canadian-province';
import { isCountryCode, type CountryCode } from './countries';
import { readDeclaredPlace } from './declared-location';
import { lookupAreaCode } from './area-codes';
import { validateEvidence, type Evidence, type EvidenceLookups, type PhoneNumberType } from './evidence';
import { nonPublicAddressKind, parseIpAddress } from './ip-address';
import { inCanada, jurisdictionCode, parseJurisdictionCode, type Jurisdiction } from './jurisdiction';
import { PoliceServiceRegistry, type PoliceService } from './police-services';
import { provinceFromPostalCode } from './postal-code';
import { referralRouteFor, type ReferralRoute } from './referral-route';

/**
 * Who should get this case, from what is known about where it happened.
 *
 * Confidence rules (0..1; each reading has one confidence for the country and one for the
 * province, since most evidence is surer of the first):
 *  - postal code: 0.95 country, 0.9 province (district X, shared by NT and NU: 0.7);
 *  - phone number: 0.7 country (0.6 for a mobile: mobiles travel with their owners); province from
 *    the area code, 0.65 fixed line, 0.55 unknown (all NANP numbers: a Canadian number does not
 *    say whether it is mobile), 0.45 mobile; an area code serving several provinces (902/782,
 *    867) splits its province confidence between them; Canadian non-geographic codes give the
 *    country only, toll-free codes nothing;
 *  - IP geolocation: 0.75 country; province by the database's accuracy radius (≤ 50 km 0.6,
 *    ≤ 200 km 0.5, wider or unknown 0.4); ×0.3 for anonymisers (VPN, Tor), ×0.7 when the address
 *    was observed more than 180 days before the resolution (addresses are reassigned);
 *  - declared location: 0.8 country; province 0.8 from a postal code, 0.75 from a province
 *    name or code, 0.7 from a city;
 *  - investigator override: 1, and it decides the recommendation, whatever the evidence says.
 * A candidate's confidence is the support of the evidence for it, combined as independent
 * sources (1 − Π(1 − c): agreement raises it), times (1 − ½ × the strongest contrary reading):
 * disagreement lowers it and is listed as a conflict, never dropped. Evidence that says nothing
 * (a private IP, an invalid number) is listed as unresolved, with why.
 */
export const CONFIDENCE = {
  postalCode: { country: 0.95, province: 0.9, sharedDistrictProvince: 0.7 },
  phone: { country: { fixed: 0.7, unknown: 0.7, mobile: 0.6 }, province: { fixed: 0.65, unknown: 0.55, mobile: 0.45 } },
  ip: { country: 0.75, provinceWithin50Km: 0.6, provinceWithin200Km: 0.5, provinceWider: 0.4, anonymizerFactor: 0.3, staleFactor: 0.7, staleAfterDays: 180 },
  declaredLocation: { country: 0.8, postalCode: 0.8, province: 0.75, city: 0.7 },
  override: 1,
} as const;

/** Below this a province is not recommended: the national centre decides. */
export const MIN_PROVINCE_CONFIDENCE = 0.3;
/** Candidates closer than this are a tie: the evidence does not choose between them. */
export const TIE_MARGIN = 0.05;

export interface ResolverOptions {
  readonly registry?: PoliceServiceRegistry;
  readonly liaisonOfficerCountries?: readonly CountryCode[];
  /** "Now" for the age of evidence; without it, age is not considered. */
  readonly asOf?: Date;
}

/**
 * Every reason the resolver gives comes twice: `reason`, an English sentence (the record, and what
 * a client that does not know the code shows), and a `code` with its `values`, for a UI to put in
 * its reader's language. Values are plain: numbers, texts, ISO codes (country "FR", province
 * "ON", jurisdiction "CA-ON"), lists of province codes. Codes are stable: add, never rename.
 *
 * Readings (resolved or unresolved), by code, with their values:
 *  - postal-code, postal-code-shared-district: postalCode ("K1A 0B1"), fsa, province;
 *  - not-a-postal-code, phone-not-parsed, ip-invalid, declared-location-unreadable: value;
 *  - phone-invalid: value, and when the parser said which: problem (PhoneNumberProblem), number,
 *    callingCode;
 *  - phone-toll-free, phone-non-geographic, phone-area-code-unlisted: e164, areaCode;
 *  - phone-area-code: e164, areaCode, provinces (one, or all those the code serves), mobile;
 *  - phone-no-country: e164, callingCode; phone-country: e164, country, type (PhoneNumberType);
 *  - ip-non-public: ip, range (private, loopback, carrier-grade NAT...); ip-not-geolocated,
 *    ip-not-in-database: ip; ip-unknown-country: ip, country (as the database wrote it);
 *  - ip-geolocated: ip, country, and when known subdivision (ISO 3166-2), province, city,
 *    radiusKm; anonymizer; daysAgo when the observation is stale;
 *  - declared-location: value, jurisdiction, country, province when Canadian, matched (what was
 *    recognised; the forward sortation area for a postal code), precision;
 *  - override: source, target, reason, jurisdiction; by and at (ISO time) when the caller said
 *    who decided and when; policeService, serviceEn, serviceFr when it names a police service.
 */
export const READING_CODES = [
  'postal-code',
  'postal-code-shared-district',
  'not-a-postal-code',
  'phone-not-parsed',
  'phone-invalid',
  'phone-toll-free',
  'phone-non-geographic',
  'phone-area-code',
  'phone-area-code-unlisted',
  'phone-no-country',
  'phone-country',
  'ip-invalid',
  'ip-non-public',
  'ip-not-geolocated',
  'ip-not-in-database',
  'ip-unknown-country',
  'ip-geolocated',
  'declared-location',
  'declared-location-unreadable',
  'override',
] as const;
export type ReadingCode = (typeof READING_CODES)[number];

/**
 * Why the recommendation is what it is (the route and police service are fields of their own):
 *  - override: the investigator decided (`supporting`: the override reading);
 *  - no-evidence; countries-tied: first, second (country codes): the national centre decides;
 *  - best-country: country, confidence (abroad);
 *  - no-province-named, provinces-tied (first, second: jurisdiction codes), province-too-weak
 *    (best: jurisdiction code, bestConfidence): Canada, with its confidence, but no province;
 *  - best-province: jurisdiction, confidence (`supporting`: the readings behind it).
 */
export const RECOMMENDATION_CODES = ['override', 'no-evidence', 'countries-tied', 'best-country', 'no-province-named', 'provinces-tied', 'province-too-weak', 'best-province'] as const;
export type RecommendationCode = (typeof RECOMMENDATION_CODES)[number];

export type ReasonValue = string | number | boolean | readonly string[];
export type ReasonValues = Readonly<Record<string, ReasonValue>>;

/** A reason as a code and the values its sentence needs. */
export interface CodedReason<Code extends string = ReadingCode> {
  readonly code: Code;
  readonly values: ReasonValues;
}

/** What one piece of evidence says. Several provinces: the evidence cannot tell them apart. */
export interface EvidenceReading extends CodedReason {
  readonly evidence: Evidence;
  readonly country: CountryCode;
  readonly provinces: readonly ProvinceCode[];
  readonly countryConfidence: number;
  readonly provinceConfidence: number;
  readonly reason: string;
  /** An override may name the police service itself. */
  readonly policeService?: PoliceService;
}

export interface JurisdictionCandidate {
  readonly jurisdiction: Jurisdiction;
  readonly confidence: number;
  readonly reasons: string[];
  /** The same reasons as codes with their values, in the same order. */
  readonly reasonCodes: CodedReason[];
  readonly evidence: Evidence[];
}

export interface ConflictClaim {
  readonly evidence: Evidence;
  readonly jurisdictions: Jurisdiction[];
  readonly confidence: number;
}

export interface EvidenceConflict {
  readonly level: 'country' | 'province';
  readonly claims: [ConflictClaim, ConflictClaim];
  readonly description: string;
}

export interface UnresolvedEvidence extends CodedReason {
  readonly evidence: Evidence;
  readonly reason: string;
}

export interface Recommendation extends CodedReason<RecommendationCode> {
  /** Absent when the evidence places the case nowhere, or is evenly split between countries. */
  readonly jurisdiction?: Jurisdiction;
  readonly policeService: PoliceService;
  readonly route: ReferralRoute;
  readonly confidence: number;
  /** In English: why, then how the referral goes ("…; refer to …", "…; <national centre> decides"). */
  readonly reason: string;
  /** The readings the recommendation rests on, as codes: the override's, or the best province's. */
  readonly supporting?: CodedReason[];
  readonly overridden: boolean;
  /** Some evidence disagrees: an investigator should look at the conflicts. */
  readonly contested: boolean;
}

export interface JurisdictionResolution {
  readonly candidates: JurisdictionCandidate[];
  readonly conflicts: EvidenceConflict[];
  readonly unresolved: UnresolvedEvidence[];
  readonly readings: EvidenceReading[];
  readonly recommended: Recommendation;
}

type ReadingOutcome = EvidenceReading | UnresolvedEvidence;

const DAY_MS = 86_400_000;

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function combine(confidences: number[]): number {
  return 1 - confidences.reduce((remaining, confidence) => remaining * (1 - confidence), 1);
}

function listProvinces(provinces: readonly ProvinceCode[]): string {
  return provinces.length <= 2 ? provinces.join(' and ') : `${provinces.slice(0, -1).join(', ')} and ${provinces[provinces.length - 1]}`;
}

/** Values without the ones that are not known, so that a client never sees undefined. */
function known(values: Readonly<Record<string, ReasonValue | undefined>>): ReasonValues {
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, ReasonValue] => entry[1] !== undefined));
}

function unresolvedReading(evidence: Evidence, code: ReadingCode, values: ReasonValues, reason: string): UnresolvedEvidence {
  return { evidence, code, values, reason };
}

function readPostalCode(evidence: Evidence): ReadingOutcome {
  const postal = provinceFromPostalCode(evidence.value);
  if (!postal) return unresolvedReading(evidence, 'not-a-postal-code', { value: evidence.value }, `"${evidence.value}" is not a Canadian postal code`);
  const province = postal.confidence === 'high' ? CONFIDENCE.postalCode.province : CONFIDENCE.postalCode.sharedDistrictProvince;
  const normalised = evidence.value.toUpperCase().replace(/[\s-]+/g, '');
  return {
    evidence, country: 'CA', provinces: [postal.province], countryConfidence: CONFIDENCE.postalCode.country, provinceConfidence: province,
    code: postal.confidence === 'high' ? 'postal-code' : 'postal-code-shared-district',
    values: { postalCode: `${normalised.slice(0, 3)} ${normalised.slice(3)}`, fsa: postal.fsa, province: postal.province },
    reason: postal.reason,
  };
}

function phoneConfidence(type: PhoneNumberType): { country: number; province: number } {
  return { country: CONFIDENCE.phone.country[type], province: CONFIDENCE.phone.province[type] };
}

function readPhone(evidence: Evidence, lookups: EvidenceLookups): ReadingOutcome {
  const parsed = lookups.phone?.get(evidence.value);
  if (!parsed) return unresolvedReading(evidence, 'phone-not-parsed', { value: evidence.value }, `phone number "${evidence.value}" was not parsed`);
  if (!parsed.valid) {
    const values = known({ value: evidence.value, problem: parsed.problem, number: parsed.number, callingCode: parsed.countryCallingCode });
    return unresolvedReading(evidence, 'phone-invalid', values, `"${evidence.value}" is not a valid phone number: ${parsed.reason}`);
  }
  const confidence = phoneConfidence(parsed.type);
  const mobile = parsed.type === 'mobile' ? '; mobile numbers travel with their owners' : '';
  if (parsed.countryCallingCode === '1' && parsed.areaCode) {
    const number = { e164: parsed.e164, areaCode: parsed.areaCode };
    const areaCode = lookupAreaCode(parsed.areaCode);
    if (areaCode?.kind === 'nanp-toll-free') {
      return unresolvedReading(evidence, 'phone-toll-free', number, `${parsed.e164} is a toll-free number (${parsed.areaCode}), shared by every NANP country: it says nothing about place`);
    }
    if (areaCode?.kind === 'canadian-non-geographic') {
      return {
        evidence, country: 'CA', provinces: [], countryConfidence: confidence.country, provinceConfidence: 0,
        code: 'phone-non-geographic', values: number,
        reason: `${parsed.e164} has the Canadian non-geographic area code ${parsed.areaCode}: Canada, but no province`,
      };
    }
    if (areaCode?.kind === 'geographic') {
      const where = areaCode.provinces.length === 1 ? `is in ${areaCode.provinces[0]}` : `serves ${listProvinces(areaCode.provinces)}`;
      return {
        evidence, country: 'CA', provinces: areaCode.provinces, countryConfidence: confidence.country, provinceConfidence: confidence.province,
        code: 'phone-area-code', values: { ...number, provinces: areaCode.provinces, mobile: parsed.type === 'mobile' },
        reason: `area code ${parsed.areaCode} of ${parsed.e164} ${where}${mobile}`,
      };
    }
    if (parsed.country === 'CA') {
      return {
        evidence, country: 'CA', provinces: [], countryConfidence: confidence.country, provinceConfidence: 0,
        code: 'phone-area-code-unlisted', values: number,
        reason: `${parsed.e164} is Canadian, but area code ${parsed.areaCode} is not in the area-code table (update it)`,
      };
    }
  }
  if (!parsed.country || !isCountryCode(parsed.country)) {
    return unresolvedReading(evidence, 'phone-no-country', { e164: parsed.e164, callingCode: parsed.countryCallingCode }, `${parsed.e164} does not belong to one country (+${parsed.countryCallingCode})`);
  }
  return {
    evidence, country: parsed.country, provinces: [], countryConfidence: confidence.country, provinceConfidence: 0,
    code: 'phone-country', values: { e164: parsed.e164, country: parsed.country, type: parsed.type },
    reason: `${parsed.e164} is a ${parsed.country} ${parsed.type === 'unknown' ? '' : `${parsed.type} `}number${mobile}`,
  };
}

function ipProvinceConfidence(accuracyRadiusKm: number | undefined): number {
  if (accuracyRadiusKm !== undefined && accuracyRadiusKm <= 50) return CONFIDENCE.ip.provinceWithin50Km;
  if (accuracyRadiusKm !== undefined && accuracyRadiusKm <= 200) return CONFIDENCE.ip.provinceWithin200Km;
  return CONFIDENCE.ip.provinceWider;
}

function readIp(evidence: Evidence, lookups: EvidenceLookups, asOf?: Date): ReadingOutcome {
  const address = parseIpAddress(evidence.value);
  if (!address) return unresolvedReading(evidence, 'ip-invalid', { value: evidence.value }, `"${evidence.value}" is not an IP address`);
  const ip = address.text;
  const nonPublic = nonPublicAddressKind(address);
  if (nonPublic) return unresolvedReading(evidence, 'ip-non-public', { ip, range: nonPublic }, `${ip} is a ${nonPublic} address: it says nothing about place`);
  const located = lookups.ip?.get(evidence.value);
  if (located === undefined) return unresolvedReading(evidence, 'ip-not-geolocated', { ip }, `${ip} was not geolocated`);
  if (located === null) return unresolvedReading(evidence, 'ip-not-in-database', { ip }, `${ip} is not in the geolocation database`);
  if (!isCountryCode(located.country)) return unresolvedReading(evidence, 'ip-unknown-country', { ip, country: located.country }, `${ip} geolocates to an unknown country code "${located.country}"`);

  const subdivision = /^CA-([A-Z]{2})$/.exec(located.subdivision ?? '')?.[1];
  const provinces = located.country === 'CA' && subdivision && isProvinceCode(subdivision) ? [subdivision] : [];
  let factor = 1;
  let daysAgo: number | undefined;
  const notes: string[] = [];
  if (located.anonymizer) {
    factor *= CONFIDENCE.ip.anonymizerFactor;
    notes.push('an anonymiser (VPN, proxy or Tor): the location is the exit point, not the person');
  }
  if (asOf && evidence.observedAt) {
    const days = Math.floor((asOf.getTime() - evidence.observedAt.getTime()) / DAY_MS);
    if (days > CONFIDENCE.ip.staleAfterDays) {
      factor *= CONFIDENCE.ip.staleFactor;
      daysAgo = days;
      notes.push(`observed ${days} days ago: the address may have been reassigned since`);
    }
  }
  const place = [located.city, located.subdivision ?? located.country].filter(Boolean).join(', ');
  const radius = located.accuracyRadiusKm !== undefined ? ` within ${located.accuracyRadiusKm} km` : '';
  return {
    evidence,
    country: located.country,
    provinces,
    countryConfidence: CONFIDENCE.ip.country * factor,
    provinceConfidence: provinces.length > 0 ? ipProvinceConfidence(located.accuracyRadiusKm) * factor : 0,
    code: 'ip-geolocated',
    values: known({
      ip,
      country: located.country,
      subdivision: located.subdivision || undefined,
      province: provinces[0],
      city: located.city || undefined,
      radiusKm: located.accuracyRadiusKm,
      anonymizer: located.anonymizer === true,
      daysAgo,
    }),
    reason: `IP ${ip} geolocates to ${place}${radius}${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`,
  };
}

function readDeclaredLocation(evidence: Evidence): ReadingOutcome {
  const place = readDeclaredPlace(evidence.value);
  if (!place) return unresolvedReading(evidence, 'declared-location-unreadable', { value: evidence.value }, `no place could be read from the declared location "${evidence.value}"`);
  const { province } = place.jurisdiction;
  const provinceConfidence =
    place.precision === 'postal-code' ? CONFIDENCE.declaredLocation.postalCode : place.precision === 'city' ? CONFIDENCE.declaredLocation.city : CONFIDENCE.declaredLocation.province;
  return {
    evidence,
    country: place.jurisdiction.country,
    provinces: province ? [province] : [],
    countryConfidence: CONFIDENCE.declaredLocation.country,
    provinceConfidence: province ? provinceConfidence : 0,
    code: 'declared-location',
    values: known({
      value: evidence.value,
      jurisdiction: jurisdictionCode(place.jurisdiction),
      country: place.jurisdiction.country,
      province,
      // "postal code K1A" is the resolver's English: the code alone is enough for a translation.
      matched: place.matched.replace(/^postal code /, ''),
      precision: place.precision,
    }),
    reason: `declared location "${evidence.value}" names ${jurisdictionCode(place.jurisdiction)} (${place.matched})`,
  };
}

function readOverride(evidence: Evidence, registry: PoliceServiceRegistry): ReadingOutcome {
  const service = registry.find(evidence.value.trim());
  const jurisdiction = parseJurisdictionCode(evidence.value) ?? (service?.provinces.length === 1 ? inCanada(service.provinces[0]) : inCanada());
  const target = service ? `${service.name.en}` : jurisdictionCode(jurisdiction);
  return {
    evidence,
    country: jurisdiction.country,
    provinces: jurisdiction.province ? [jurisdiction.province] : [],
    countryConfidence: CONFIDENCE.override,
    provinceConfidence: jurisdiction.province ? CONFIDENCE.override : 0,
    code: 'override',
    values: known({
      source: evidence.source,
      by: evidence.decidedBy,
      at: evidence.observedAt?.toISOString(),
      target: evidence.value.trim(),
      reason: evidence.reason ?? '',
      jurisdiction: jurisdictionCode(jurisdiction),
      policeService: service?.id,
      serviceEn: service?.name.en,
      serviceFr: service?.name.fr,
    }),
    reason: `investigator override by ${evidence.source} to ${target}: ${evidence.reason}`,
    policeService: service,
  };
}

function read(evidence: Evidence, lookups: EvidenceLookups, registry: PoliceServiceRegistry, asOf?: Date): ReadingOutcome {
  switch (evidence.kind) {
    case 'postal-code':
      return readPostalCode(evidence);
    case 'phone':
      return readPhone(evidence, lookups);
    case 'ip':
      return readIp(evidence, lookups, asOf);
    case 'declared-location':
      return readDeclaredLocation(evidence);
    case 'override':
      return readOverride(evidence, registry);
  }
}

function isReading(outcome: ReadingOutcome): outcome is EvidenceReading {
  return 'country' in outcome;
}

function claimedJurisdictions(reading: EvidenceReading): Jurisdiction[] {
  return reading.provinces.length > 0 ? reading.provinces.map((province) => inCanada(province)) : [{ country: reading.country }];
}

function describeClaim(reading: EvidenceReading): string {
  return `${reading.evidence.kind} "${reading.evidence.value}" (${claimedJurisdictions(reading).map(jurisdictionCode).join(' or ')})`;
}

function findConflicts(readings: EvidenceReading[]): EvidenceConflict[] {
  const conflicts: EvidenceConflict[] = [];
  for (let i = 0; i < readings.length; i++) {
    for (let j = i + 1; j < readings.length; j++) {
      const [a, b] = [readings[i], readings[j]];
      const countryDiffers = a.country !== b.country;
      const provincesDiffer = !countryDiffers && a.provinces.length > 0 && b.provinces.length > 0 && !a.provinces.some((province) => b.provinces.includes(province));
      if (!countryDiffers && !provincesDiffer) continue;
      const claim = (reading: EvidenceReading): ConflictClaim => ({
        evidence: reading.evidence,
        jurisdictions: claimedJurisdictions(reading),
        confidence: round(countryDiffers ? reading.countryConfidence : reading.provinceConfidence),
      });
      conflicts.push({ level: countryDiffers ? 'country' : 'province', claims: [claim(a), claim(b)], description: `${describeClaim(a)} disagrees with ${describeClaim(b)}` });
    }
  }
  return conflicts;
}

function codedReason({ code, values }: CodedReason): CodedReason {
  return { code, values };
}

function candidate(jurisdiction: Jurisdiction, supporters: Array<{ reading: EvidenceReading; confidence: number }>, opposition: number): JurisdictionCandidate {
  return {
    jurisdiction,
    confidence: round(combine(supporters.map((supporter) => supporter.confidence)) * (1 - opposition / 2)),
    reasons: supporters.map((supporter) => supporter.reading.reason),
    reasonCodes: supporters.map((supporter) => codedReason(supporter.reading)),
    evidence: supporters.map((supporter) => supporter.reading.evidence),
  };
}

function buildCandidates(readings: EvidenceReading[]): JurisdictionCandidate[] {
  const candidates: JurisdictionCandidate[] = [];
  for (const country of new Set(readings.map((reading) => reading.country))) {
    const supporters = readings.filter((reading) => reading.country === country).map((reading) => ({ reading, confidence: reading.countryConfidence }));
    const opposition = Math.max(0, ...readings.filter((reading) => reading.country !== country).map((reading) => reading.countryConfidence));
    candidates.push(candidate({ country }, supporters, opposition));
  }
  const canadian = readings.filter((reading) => reading.country === 'CA');
  for (const province of new Set(canadian.flatMap((reading) => reading.provinces))) {
    const supporters = canadian
      .filter((reading) => reading.provinces.includes(province))
      .map((reading) => ({ reading, confidence: reading.provinceConfidence / reading.provinces.length }));
    const opposition = Math.max(
      0,
      ...readings.map((reading) => {
        if (reading.country !== 'CA') return reading.countryConfidence;
        return reading.provinces.length > 0 && !reading.provinces.includes(province) ? reading.provinceConfidence : 0;
      }),
    );
    candidates.push(candidate(inCanada(province), supporters, opposition));
  }
  return candidates.sort(
    (a, b) => b.confidence - a.confidence || Number(Boolean(b.jurisdiction.province)) - Number(Boolean(a.jurisdiction.province)) || jurisdictionCode(a.jurisdiction).localeCompare(jurisdictionCode(b.jurisdiction)),
  );
}

function latestOverride(readings: EvidenceReading[]): EvidenceReading | undefined {
  const overrides = readings.filter((reading) => reading.evidence.kind === 'override');
  if (overrides.length === 0) return undefined;
  const time = (reading: EvidenceReading) => reading.evidence.observedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  // The most recent wins; without dates, the last one given.
  return overrides.reduce((latest, next) => (time(next) >= time(latest) ? next : latest));
}

interface RecommendationContext {
  registry: PoliceServiceRegistry;
  liaisonOfficerCountries?: readonly CountryCode[];
  contested: boolean;
}

/** Why a recommendation is what it is: in English (`reason`, before how it is routed) and as a code. */
interface Basis {
  readonly reason: string;
  readonly code: RecommendationCode;
  readonly values?: ReasonValues;
  readonly supporting?: CodedReason[];
}

function recommendFor(jurisdiction: Jurisdiction, confidence: number, basis: Basis, context: RecommendationContext, service?: PoliceService): Recommendation {
  const route = referralRouteFor(jurisdiction.country, context.liaisonOfficerCountries);
  const policeService = service ?? (jurisdiction.province ? context.registry.defaultReferralTarget(jurisdiction.province) : context.registry.nationalCentre());
  const how =
    route === 'domestic'
      ? `refer to ${policeService.name.en}`
      : route === 'liaison-officer'
        ? `refer through the RCMP liaison officer posted in ${jurisdiction.country}, via ${policeService.name.en}`
        : `refer through INTERPOL (no RCMP liaison officer in ${jurisdiction.country}), via ${policeService.name.en}`;
  return {
    jurisdiction, policeService, route, confidence, reason: `${basis.reason}; ${how}`,
    code: basis.code, values: basis.values ?? {}, ...(basis.supporting ? { supporting: basis.supporting } : {}),
    overridden: false, contested: context.contested,
  };
}

function undecided(basis: Basis, context: RecommendationContext): Recommendation {
  const policeService = context.registry.nationalCentre();
  return {
    policeService, route: 'domestic', confidence: 0, reason: `${basis.reason}; ${policeService.name.en} decides`,
    code: basis.code, values: basis.values ?? {}, overridden: false, contested: context.contested,
  };
}

function recommend(readings: EvidenceReading[], candidates: JurisdictionCandidate[], context: RecommendationContext): Recommendation {
  const override = latestOverride(readings);
  if (override) {
    const jurisdiction = override.provinces.length > 0 ? inCanada(override.provinces[0]) : { country: override.country };
    return { ...recommendFor(jurisdiction, 1, { reason: override.reason, code: 'override', supporting: [codedReason(override)] }, context, override.policeService), overridden: true };
  }
  const countries = candidates.filter((entry) => !entry.jurisdiction.province);
  if (countries.length === 0) return undecided({ reason: 'no evidence places the case', code: 'no-evidence' }, context);
  const [best, second] = countries;
  const bestCode = jurisdictionCode(best.jurisdiction);
  if (second && best.confidence - second.confidence < TIE_MARGIN) {
    const secondCode = jurisdictionCode(second.jurisdiction);
    return undecided({ reason: `the evidence is split between ${bestCode} and ${secondCode}`, code: 'countries-tied', values: { first: bestCode, second: secondCode } }, context);
  }
  const country = { country: bestCode, confidence: best.confidence };
  const countryReason = `${bestCode} is the best supported country (${best.confidence})`;
  if (best.jurisdiction.country !== 'CA') return recommendFor(best.jurisdiction, best.confidence, { reason: countryReason, code: 'best-country', values: country }, context);

  const [bestProvince, secondProvince] = candidates.filter((entry) => entry.jurisdiction.province);
  if (!bestProvince) return recommendFor(best.jurisdiction, best.confidence, { reason: `${countryReason}; no evidence names a province`, code: 'no-province-named', values: country }, context);
  const provinceCode = jurisdictionCode(bestProvince.jurisdiction);
  if (secondProvince && bestProvince.confidence - secondProvince.confidence < TIE_MARGIN) {
    const secondProvinceCode = jurisdictionCode(secondProvince.jurisdiction);
    const basis: Basis = {
      reason: `${countryReason}; the evidence is split between ${provinceCode} and ${secondProvinceCode}`,
      code: 'provinces-tied',
      values: { ...country, first: provinceCode, second: secondProvinceCode },
    };
    return recommendFor(best.jurisdiction, best.confidence, basis, context);
  }
  if (bestProvince.confidence < MIN_PROVINCE_CONFIDENCE) {
    const basis: Basis = {
      reason: `${countryReason}; no province is supported enough (best: ${provinceCode} at ${bestProvince.confidence})`,
      code: 'province-too-weak',
      values: { ...country, best: provinceCode, bestConfidence: bestProvince.confidence },
    };
    return recommendFor(best.jurisdiction, best.confidence, basis, context);
  }
  const basis: Basis = {
    reason: `${provinceCode} is the best supported jurisdiction (${bestProvince.confidence}): ${bestProvince.reasons.join('; ')}`,
    code: 'best-province',
    values: { jurisdiction: provinceCode, confidence: bestProvince.confidence },
    supporting: bestProvince.reasonCodes,
  };
  return recommendFor(bestProvince.jurisdiction, bestProvince.confidence, basis, context);
}

/**
 * Resolves jurisdiction from evidence and the answers the ports gave for it (IP geolocation,
 * phone parsing). Pure: the same input gives the same answer. Throws ValidationError for
 * malformed evidence.
 */
export function resolveJurisdiction(evidence: readonly Evidence[], lookups: EvidenceLookups, options: ResolverOptions = {}): JurisdictionResolution {
  const registry = options.registry ?? new PoliceServiceRegistry();
  validateEvidence(evidence, (id) => registry.find(id) !== undefined);
  const outcomes = evidence.map((item) => read(item, lookups, registry, options.asOf));
  const readings = outcomes.filter(isReading).map((reading) => ({ ...reading, countryConfidence: round(reading.countryConfidence), provinceConfidence: round(reading.provinceConfidence) }));
  const unresolved = outcomes.filter((outcome): outcome is UnresolvedEvidence => !isReading(outcome));
  const conflicts = findConflicts(readings);
  const candidates = buildCandidates(readings);
  const recommended = recommend(readings, candidates, { registry, liaisonOfficerCountries: options.liaisonOfficerCountries, contested: conflicts.length > 0 });
  return { candidates, conflicts, unresolved, readings, recommended };
}
