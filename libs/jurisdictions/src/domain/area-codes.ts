import type { ProvinceCode } from './canadian-province';

/**
 * Canadian area codes of the North American Numbering Plan, overlays included, as assigned by
 * the Canadian Numbering Administrator. Some codes serve more than one province or territory
 * (902/782: Nova Scotia and Prince Edward Island; 867: the three territories), so each maps to
 * a list. Data: add new overlays here as they come into service.
 */
export const CANADIAN_GEOGRAPHIC_AREA_CODES: Readonly<Record<string, readonly ProvinceCode[]>> = {
  // Alberta
  '368': ['AB'], '403': ['AB'], '587': ['AB'], '780': ['AB'], '825': ['AB'],
  // British Columbia
  '236': ['BC'], '250': ['BC'], '257': ['BC'], '604': ['BC'], '672': ['BC'], '778': ['BC'],
  // Manitoba
  '204': ['MB'], '431': ['MB'], '584': ['MB'],
  // New Brunswick
  '428': ['NB'], '506': ['NB'],
  // Newfoundland and Labrador
  '709': ['NL'], '879': ['NL'],
  // Nova Scotia and Prince Edward Island share their codes
  '782': ['NS', 'PE'], '902': ['NS', 'PE'],
  // Ontario
  '226': ['ON'], '249': ['ON'], '289': ['ON'], '343': ['ON'], '365': ['ON'], '382': ['ON'], '416': ['ON'],
  '437': ['ON'], '519': ['ON'], '548': ['ON'], '613': ['ON'], '647': ['ON'], '683': ['ON'], '705': ['ON'],
  '742': ['ON'], '753': ['ON'], '807': ['ON'], '905': ['ON'], '942': ['ON'],
  // Quebec
  '263': ['QC'], '354': ['QC'], '367': ['QC'], '418': ['QC'], '438': ['QC'], '450': ['QC'], '468': ['QC'],
  '514': ['QC'], '579': ['QC'], '581': ['QC'], '819': ['QC'], '873': ['QC'],
  // Saskatchewan
  '306': ['SK'], '474': ['SK'], '639': ['SK'],
  // Yukon, Northwest Territories and Nunavut share one code
  '867': ['YT', 'NT', 'NU'],
};

/** Canada-wide non-geographic codes (services, personal numbers): Canadian, but no province. */
export const CANADIAN_NON_GEOGRAPHIC_AREA_CODES: readonly string[] = ['600', '622', '633', '644', '655', '677', '688'];

/** Toll-free codes are shared by the whole NANP (Canada, the US and the Caribbean): no country. */
export const NANP_TOLL_FREE_AREA_CODES: readonly string[] = ['800', '833', '844', '855', '866', '877', '888'];

export type AreaCodeInfo =
  | { kind: 'geographic'; areaCode: string; provinces: readonly ProvinceCode[] }
  | { kind: 'canadian-non-geographic'; areaCode: string }
  | { kind: 'nanp-toll-free'; areaCode: string };

/** What a NANP area code says about place; undefined when it is not Canadian nor toll-free. */
export function lookupAreaCode(areaCode: string): AreaCodeInfo | undefined {
  const provinces = CANADIAN_GEOGRAPHIC_AREA_CODES[areaCode];
  if (provinces) return { kind: 'geographic', areaCode, provinces };
  if (CANADIAN_NON_GEOGRAPHIC_AREA_CODES.includes(areaCode)) return { kind: 'canadian-non-geographic', areaCode };
  if (NANP_TOLL_FREE_AREA_CODES.includes(areaCode)) return { kind: 'nanp-toll-free', areaCode };
  return undefined;
}
