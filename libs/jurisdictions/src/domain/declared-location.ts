import { CANADIAN_PROVINCES, isProvinceCode, PROVINCE_CODES, type ProvinceCode } from './canadian-province';
import { COUNTRIES, type CountryCode } from './countries';
import { inCanada, parseJurisdictionCode, type Jurisdiction } from './jurisdiction';
import { findPostalCodeIn, provinceFromPostalCode } from './postal-code';

/**
 * Reads a jurisdiction from a place someone declared: an ISO code ("CA-ON", "FR"), an address
 * with a postal code, or free text naming a province, a large Canadian city or a country, in
 * English or French ("Toronto, ON", "Montréal", "Lyon, France").
 *
 * Addresses run from the specific to the general, so when the text names several places the
 * last one decides the country; a province or city then gives the province if in Canada.
 */
export interface DeclaredPlace {
  jurisdiction: Jurisdiction;
  /** What was recognised, for the reason shown to investigators. */
  matched: string;
  precision: 'postal-code' | 'province' | 'city' | 'country' | 'foreign-region';
}

/**
 * Large Canadian cities whose names are not also well-known places abroad (no London, Kingston,
 * Hamilton, Windsor, Victoria, Halifax or Laval: those would mislead more than they help).
 */
const CANADIAN_CITIES: Readonly<Record<string, ProvinceCode>> = {
  toronto: 'ON', ottawa: 'ON', mississauga: 'ON', brampton: 'ON', markham: 'ON', vaughan: 'ON', oshawa: 'ON',
  'thunder bay': 'ON', sudbury: 'ON', barrie: 'ON', kitchener: 'ON', guelph: 'ON',
  montreal: 'QC', 'quebec city': 'QC', 'ville de quebec': 'QC', gatineau: 'QC', longueuil: 'QC', sherbrooke: 'QC', 'trois-rivieres': 'QC', saguenay: 'QC',
  vancouver: 'BC', surrey: 'BC', burnaby: 'BC', kelowna: 'BC', abbotsford: 'BC',
  calgary: 'AB', edmonton: 'AB', lethbridge: 'AB', 'red deer': 'AB',
  winnipeg: 'MB', brandon: 'MB', saskatoon: 'SK', regina: 'SK',
  moncton: 'NB', fredericton: 'NB', 'saint john': 'NB', dartmouth: 'NS', charlottetown: 'PE', "st. john's": 'NL',
  whitehorse: 'YT', yellowknife: 'NT', iqaluit: 'NU',
};

/** Common names not in the ISO/CLDR tables. */
const COUNTRY_ALIASES: Readonly<Record<string, CountryCode>> = {
  usa: 'US', 'united states of america': 'US', 'etats-unis d amerique': 'US', uk: 'GB', 'great britain': 'GB', england: 'GB', scotland: 'GB', wales: 'GB', angleterre: 'GB',
  holland: 'NL', 'south korea': 'KR', 'north korea': 'KP', russia: 'RU', 'czech republic': 'CZ',
};
/** US states, so that "Seattle, Washington" reads as the US (Georgia is left out: also a country). */
const US_STATES = [
  'alabama', 'alaska', 'arizona', 'arkansas', 'california', 'colorado', 'connecticut', 'delaware', 'florida', 'hawaii', 'idaho', 'illinois',
  'indiana', 'iowa', 'kansas', 'kentucky', 'louisiana', 'maine', 'maryland', 'massachusetts', 'michigan', 'minnesota', 'mississippi',
  'missouri', 'montana', 'nebraska', 'nevada', 'new hampshire', 'new jersey', 'new mexico', 'new york', 'north carolina', 'north dakota',
  'ohio', 'oklahoma', 'oregon', 'pennsylvania', 'rhode island', 'south carolina', 'south dakota', 'tennessee', 'texas', 'utah', 'vermont',
  'virginia', 'washington', 'west virginia', 'wisconsin', 'wyoming',
];
/** Names that are two different places; reading either would mislead. */
const AMBIGUOUS = new Set(['georgia']);
const PROVINCE_ALIASES: Readonly<Record<string, ProvinceCode>> = { pei: 'PE', 'p.e.i.': 'PE', newfoundland: 'NL', labrador: 'NL', 'nova-scotia': 'NS' };

function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/[^a-z0-9'\- ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

interface Term {
  phrase: string;
  jurisdiction: Jurisdiction;
  precision: DeclaredPlace['precision'];
}

function buildTerms(): Term[] {
  const terms: Term[] = [];
  for (const code of Object.keys(COUNTRIES) as CountryCode[]) {
    for (const name of [COUNTRIES[code].en, COUNTRIES[code].fr]) terms.push({ phrase: normalise(name), jurisdiction: { country: code }, precision: 'country' });
  }
  for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) terms.push({ phrase: normalise(alias), jurisdiction: { country: code }, precision: 'country' });
  for (const state of US_STATES) terms.push({ phrase: state, jurisdiction: { country: 'US' }, precision: 'foreign-region' });
  for (const province of PROVINCE_CODES) {
    for (const name of [CANADIAN_PROVINCES[province].en, CANADIAN_PROVINCES[province].fr]) terms.push({ phrase: normalise(name), jurisdiction: inCanada(province), precision: 'province' });
  }
  for (const [alias, province] of Object.entries(PROVINCE_ALIASES)) terms.push({ phrase: normalise(alias), jurisdiction: inCanada(province), precision: 'province' });
  for (const [city, province] of Object.entries(CANADIAN_CITIES)) terms.push({ phrase: normalise(city), jurisdiction: inCanada(province), precision: 'city' });
  const unambiguous = terms.filter((term) => !AMBIGUOUS.has(term.phrase));
  // Longest first, so "papua new guinea" is found before "guinea" and "south sudan" before "sudan".
  return unambiguous.sort((a, b) => b.phrase.length - a.phrase.length);
}

const TERMS = buildTerms();

interface Found {
  term: Term;
  at: number;
}

function findTerms(text: string): Found[] {
  const normalised = ` ${normalise(text)} `;
  const taken: boolean[] = new Array(normalised.length).fill(false);
  const found: Found[] = [];
  for (const term of TERMS) {
    let from = 0;
    for (;;) {
      const at = normalised.indexOf(` ${term.phrase} `, from);
      if (at < 0) break;
      const start = at + 1;
      const end = start + term.phrase.length;
      if (!taken.slice(start, end).some(Boolean)) {
        for (let i = start; i < end; i++) taken[i] = true;
        found.push({ term, at: start });
      }
      from = start;
    }
  }
  return found.sort((a, b) => a.at - b.at);
}

/**
 * Province codes written as codes ("Toronto, ON"). Country codes are not read in free text: most
 * collide with US states ("CA", "GA", "IN", "DE"...); a whole value like "FR" is read above.
 */
function findProvinceCodes(segment: string): Found[] {
  const found: Found[] = [];
  for (const match of segment.matchAll(/(?:^|[\s(])([A-Z]{2})(?=$|[\s.)])/g)) {
    const code = match[1];
    if (isProvinceCode(code)) found.push({ term: { phrase: code, jurisdiction: inCanada(code), precision: 'province' }, at: (match.index ?? 0) + match[0].length - 2 });
  }
  return found;
}

/** Everything recognised, in reading order: segment by segment (commas, lines), then position. */
function findPlaces(text: string): Found[] {
  return text.split(/[,;\n]+/).flatMap((segment, index) =>
    [...findTerms(segment), ...findProvinceCodes(segment)].map((entry) => ({ ...entry, at: index * 100_000 + entry.at })),
  );
}

export function readDeclaredPlace(text: string): DeclaredPlace | undefined {
  // A bare "NL", "PE", "SK" or "NU" is also a country code (Netherlands, Peru, Slovakia, Niue);
  // people declaring a place to a Canadian hub mean the province.
  const bare = text.trim().toUpperCase();
  if (isProvinceCode(bare)) return { jurisdiction: inCanada(bare), matched: bare, precision: 'province' };
  const exact = parseJurisdictionCode(text);
  if (exact) return { jurisdiction: exact, matched: text.trim().toUpperCase(), precision: exact.province ? 'province' : 'country' };

  const postalCode = findPostalCodeIn(text);
  const postal = postalCode ? provinceFromPostalCode(postalCode) : undefined;
  if (postal) return { jurisdiction: inCanada(postal.province), matched: `postal code ${postal.fsa}`, precision: 'postal-code' };

  const all = findPlaces(text).sort((a, b) => a.at - b.at);
  if (all.length === 0) return undefined;
  const last = all[all.length - 1].term;
  if (last.jurisdiction.country !== 'CA') return { jurisdiction: last.jurisdiction, matched: last.phrase, precision: last.precision };
  const inProvince = [...all].reverse().find((entry) => entry.term.jurisdiction.country === 'CA' && entry.term.jurisdiction.province);
  if (!inProvince) return { jurisdiction: inCanada(), matched: last.phrase, precision: 'country' };
  return { jurisdiction: inProvince.term.jurisdiction, matched: inProvince.term.phrase, precision: inProvince.term.precision };
}
