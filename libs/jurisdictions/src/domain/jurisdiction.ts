import { CANADIAN_PROVINCES, isProvinceCode, type ProvinceCode } from './canadian-province';
import { COUNTRIES, isCountryCode, type CountryCode } from './countries';

/**
 * Where a case belongs: a country, and for Canada the province or territory when known.
 * Foreign subdivisions are not kept: abroad, the route (liaison officer or INTERPOL) is per
 * country.
 */
export interface Jurisdiction {
  readonly country: CountryCode;
  readonly province?: ProvinceCode;
}

export function inCanada(province?: ProvinceCode): Jurisdiction {
  return province ? { country: 'CA', province } : { country: 'CA' };
}

/** ISO 3166 form: "CA-ON" for a province, "CA" or "FR" for a country. */
export function jurisdictionCode(jurisdiction: Jurisdiction): string {
  return jurisdiction.province ? `${jurisdiction.country}-${jurisdiction.province}` : jurisdiction.country;
}

/**
 * Reads "CA-ON", "ca-on", "CA", "FR" or a foreign ISO 3166-2 code ("US-WA", kept as "US").
 * Undefined when the country or Canadian province code does not exist.
 */
export function parseJurisdictionCode(code: string): Jurisdiction | undefined {
  const match = /^([A-Za-z]{2})(?:-([A-Za-z0-9]{1,3}))?$/.exec(code.trim());
  if (!match) return undefined;
  const country = match[1].toUpperCase();
  const subdivision = match[2]?.toUpperCase();
  if (!isCountryCode(country)) return undefined;
  if (country !== 'CA' || !subdivision) return { country };
  return isProvinceCode(subdivision) ? inCanada(subdivision) : undefined;
}

export function sameJurisdiction(a: Jurisdiction, b: Jurisdiction): boolean {
  return a.country === b.country && a.province === b.province;
}

export function describeJurisdiction(jurisdiction: Jurisdiction, language: 'en' | 'fr' = 'en'): string {
  const country = COUNTRIES[jurisdiction.country][language];
  return jurisdiction.province ? `${CANADIAN_PROVINCES[jurisdiction.province][language]}, ${country}` : country;
}
