import type { CountryCode } from './countries';

/**
 * How a referral reaches the police of jurisdiction: directly in Canada; abroad through an RCMP
 * liaison officer posted in that country, or through INTERPOL where none is.
 */
export type ReferralRoute = 'domestic' | 'liaison-officer' | 'interpol';

/**
 * Countries where an RCMP liaison officer is posted. ILLUSTRATIVE, CONFIGURABLE DATA: a plausible
 * short list for development and tests, not the RCMP's current postings. Deployments pass their
 * own list to the resolver (`liaisonOfficerCountries`).
 */
export const DEFAULT_LIAISON_OFFICER_COUNTRIES: readonly CountryCode[] = [
  'US', 'MX', 'CO', 'BR', 'JM', 'DO', 'GB', 'FR', 'DE', 'NL', 'IT', 'AU', 'TH', 'PH', 'CN', 'HK', 'IN', 'PK', 'AE', 'ZA',
];

export function referralRouteFor(country: CountryCode, liaisonOfficerCountries: readonly CountryCode[] = DEFAULT_LIAISON_OFFICER_COUNTRIES): ReferralRoute {
  if (country === 'CA') return 'domestic';
  return liaisonOfficerCountries.includes(country) ? 'liaison-officer' : 'interpol';
}
