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

/** What one piece of evidence says. Several provinces: the evidence cannot tell them apart. */
export interface EvidenceReading {
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

export interface UnresolvedEvidence {
  readonly evidence: Evidence;
  readonly reason: string;
}

export interface Recommendation {
  /** Absent when the evidence places the case nowhere, or is evenly split between countries. */
  readonly jurisdiction?: Jurisdiction;
  readonly policeService: PoliceService;
  readonly route: ReferralRoute;
  readonly confidence: number;
  readonly reason: string;
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

function readPostalCode(evidence: Evidence): ReadingOutcome {
  const postal = provinceFromPostalCode(evidence.value);
  if (!postal) return { evidence, reason: `"${evidence.value}" is not a Canadian postal code` };
  const province = postal.confidence === 'high' ? CONFIDENCE.postalCode.province : CONFIDENCE.postalCode.sharedDistrictProvince;
  return { evidence, country: 'CA', provinces: [postal.province], countryConfidence: CONFIDENCE.postalCode.country, provinceConfidence: province, reason: postal.reason };
}

function phoneConfidence(type: PhoneNumberType): { country: number; province: number } {
  return { country: CONFIDENCE.phone.country[type], province: CONFIDENCE.phone.province[type] };
}

function readPhone(evidence: Evidence, lookups: EvidenceLookups): ReadingOutcome {
  const parsed = lookups.phone?.get(evidence.value);
  if (!parsed) return { evidence, reason: `phone number "${evidence.value}" was not parsed` };
  if (!parsed.valid) return { evidence, reason: `"${evidence.value}" is not a valid phone number: ${parsed.reason}` };
  const confidence = phoneConfidence(parsed.type);
  const mobile = parsed.type === 'mobile' ? '; mobile numbers travel with their owners' : '';
  if (parsed.countryCallingCode === '1' && parsed.areaCode) {
    const areaCode = lookupAreaCode(parsed.areaCode);
    if (areaCode?.kind === 'nanp-toll-free') {
      return { evidence, reason: `${parsed.e164} is a toll-free number (${parsed.areaCode}), shared by every NANP country: it says nothing about place` };
    }
    if (areaCode?.kind === 'canadian-non-geographic') {
      return {
        evidence, country: 'CA', provinces: [], countryConfidence: confidence.country, provinceConfidence: 0,
        reason: `${parsed.e164} has the Canadian non-geographic area code ${parsed.areaCode}: Canada, but no province`,
      };
    }
    if (areaCode?.kind === 'geographic') {
      const where = areaCode.provinces.length === 1 ? `is in ${areaCode.provinces[0]}` : `serves ${listProvinces(areaCode.provinces)}`;
      return {
        evidence, country: 'CA', provinces: areaCode.provinces, countryConfidence: confidence.country, provinceConfidence: confidence.province,
        reason: `area code ${parsed.areaCode} of ${parsed.e164} ${where}${mobile}`,
      };
    }
    if (parsed.country === 'CA') {
      return {
        evidence, country: 'CA', provinces: [], countryConfidence: confidence.country, provinceConfidence: 0,
        reason: `${parsed.e164} is Canadian, but area code ${parsed.areaCode} is not in the area-code table (update it)`,
      };
    }
  }
  if (!parsed.country || !isCountryCode(parsed.country)) return { evidence, reason: `${parsed.e164} does not belong to one country (+${parsed.countryCallingCode})` };
  return {
    evidence, country: parsed.country, provinces: [], countryConfidence: confidence.country, provinceConfidence: 0,
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
  if (!address) return { evidence, reason: `"${evidence.value}" is not an IP address` };
  const nonPublic = nonPublicAddressKind(address);
  if (nonPublic) return { evidence, reason: `${address.text} is a ${nonPublic} address: it says nothing about place` };
  const located = lookups.ip?.get(evidence.value);
  if (located === undefined) return { evidence, reason: `${address.text} was not geolocated` };
  if (located === null) return { evidence, reason: `${address.text} is not in the geolocation database` };
  if (!isCountryCode(located.country)) return { evidence, reason: `${address.text} geolocates to an unknown country code "${located.country}"` };

  const subdivision = /^CA-([A-Z]{2})$/.exec(located.subdivision ?? '')?.[1];
  const provinces = located.country === 'CA' && subdivision && isProvinceCode(subdivision) ? [subdivision] : [];
  let factor = 1;
  const notes: string[] = [];
  if (located.anonymizer) {
    factor *= CONFIDENCE.ip.anonymizerFactor;
    notes.push('an anonymiser (VPN, proxy or Tor): the location is the exit point, not the person');
  }
  if (asOf && evidence.observedAt) {
    const days = Math.floor((asOf.getTime() - evidence.observedAt.getTime()) / DAY_MS);
    if (days > CONFIDENCE.ip.staleAfterDays) {
      factor *= CONFIDENCE.ip.staleFactor;
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
    reason: `IP ${address.text} geolocates to ${place}${radius}${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`,
  };
}

function readDeclaredLocation(evidence: Evidence): ReadingOutcome {
  const place = readDeclaredPlace(evidence.value);
  if (!place) return { evidence, reason: `no place could be read from the declared location "${evidence.value}"` };
  const { province } = place.jurisdiction;
  const provinceConfidence =
    place.precision === 'postal-code' ? CONFIDENCE.declaredLocation.postalCode : place.precision === 'city' ? CONFIDENCE.declaredLocation.city : CONFIDENCE.declaredLocation.province;
  return {
    evidence,
    country: place.jurisdiction.country,
    provinces: province ? [province] : [],
    countryConfidence: CONFIDENCE.declaredLocation.country,
    provinceConfidence: province ? provinceConfidence : 0,
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

function candidate(jurisdiction: Jurisdiction, supporters: Array<{ reading: EvidenceReading; confidence: number }>, opposition: number): JurisdictionCandidate {
  return {
    jurisdiction,
    confidence: round(combine(supporters.map((supporter) => supporter.confidence)) * (1 - opposition / 2)),
    reasons: supporters.map((supporter) => supporter.reading.reason),
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

function recommendFor(jurisdiction: Jurisdiction, confidence: number, reason: string, context: RecommendationContext, service?: PoliceService): Recommendation {
  const route = referralRouteFor(jurisdiction.country, context.liaisonOfficerCountries);
  const policeService = service ?? (jurisdiction.province ? context.registry.defaultReferralTarget(jurisdiction.province) : context.registry.nationalCentre());
  const how =
    route === 'domestic'
      ? `refer to ${policeService.name.en}`
      : route === 'liaison-officer'
        ? `refer through the RCMP liaison officer posted in ${jurisdiction.country}, via ${policeService.name.en}`
        : `refer through INTERPOL (no RCMP liaison officer in ${jurisdiction.country}), via ${policeService.name.en}`;
  return { jurisdiction, policeService, route, confidence, reason: `${reason}; ${how}`, overridden: false, contested: context.contested };
}

function undecided(reason: string, context: RecommendationContext): Recommendation {
  const policeService = context.registry.nationalCentre();
  return { policeService, route: 'domestic', confidence: 0, reason: `${reason}; ${policeService.name.en} decides`, overridden: false, contested: context.contested };
}

function recommend(readings: EvidenceReading[], candidates: JurisdictionCandidate[], context: RecommendationContext): Recommendation {
  const override = latestOverride(readings);
  if (override) {
    const jurisdiction = override.provinces.length > 0 ? inCanada(override.provinces[0]) : { country: override.country };
    return { ...recommendFor(jurisdiction, 1, override.reason, context, override.policeService), overridden: true };
  }
  const countries = candidates.filter((entry) => !entry.jurisdiction.province);
  if (countries.length === 0) return undecided('no evidence places the case', context);
  const [best, second] = countries;
  if (second && best.confidence - second.confidence < TIE_MARGIN) {
    return undecided(`the evidence is split between ${jurisdictionCode(best.jurisdiction)} and ${jurisdictionCode(second.jurisdiction)}`, context);
  }
  const countryReason = `${jurisdictionCode(best.jurisdiction)} is the best supported country (${best.confidence})`;
  if (best.jurisdiction.country !== 'CA') return recommendFor(best.jurisdiction, best.confidence, countryReason, context);

  const [bestProvince, secondProvince] = candidates.filter((entry) => entry.jurisdiction.province);
  if (!bestProvince) return recommendFor(best.jurisdiction, best.confidence, `${countryReason}; no evidence names a province`, context);
  if (secondProvince && bestProvince.confidence - secondProvince.confidence < TIE_MARGIN) {
    return recommendFor(best.jurisdiction, best.confidence, `${countryReason}; the evidence is split between ${jurisdictionCode(bestProvince.jurisdiction)} and ${jurisdictionCode(secondProvince.jurisdiction)}`, context);
  }
  if (bestProvince.confidence < MIN_PROVINCE_CONFIDENCE) {
    return recommendFor(best.jurisdiction, best.confidence, `${countryReason}; no province is supported enough (best: ${jurisdictionCode(bestProvince.jurisdiction)} at ${bestProvince.confidence})`, context);
  }
  return recommendFor(bestProvince.jurisdiction, bestProvince.confidence, `${jurisdictionCode(bestProvince.jurisdiction)} is the best supported jurisdiction (${bestProvince.confidence}): ${bestProvince.reasons.join('; ')}`, context);
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
