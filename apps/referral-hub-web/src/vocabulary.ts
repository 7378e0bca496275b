/**
 * The referral hub's fixed vocabularies, as its API spells them (libs/cases,
 * libs/victim-identification, libs/jurisdictions): the UI's choices and its strings follow them.
 */
export const URGENCY_LEVELS = ['P1', 'P2', 'P3', 'P4'] as const;
export type UrgencyLevel = (typeof URGENCY_LEVELS)[number];
export const PACKAGE_KINDS = ['package', 'lead'] as const;
export type PackageKind = (typeof PACKAGE_KINDS)[number];
export const REFERRAL_SOURCES = ['tipline', 'ncmec', 'industry', 'police'] as const;
export const AGE_BANDS = ['0-3', '4-7', '8-11', '12-14', '15-17'] as const;
export const GENDERS = ['girl', 'boy', 'another-gender', 'unknown'] as const;
export const PROVINCES = ['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT'] as const;
export const OUTCOMES = ['investigation-opened', 'search-warrant', 'arrest', 'charges', 'child-safeguarded', 'victim-identified', 'no-further-action'] as const;
