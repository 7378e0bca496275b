/** Canada's provinces and territories (ISO 3166-2:CA codes), in both official languages. */
export const CANADIAN_PROVINCES = {
  AB: { en: 'Alberta', fr: 'Alberta' },
  BC: { en: 'British Columbia', fr: 'Colombie-Britannique' },
  MB: { en: 'Manitoba', fr: 'Manitoba' },
  NB: { en: 'New Brunswick', fr: 'Nouveau-Brunswick' },
  NL: { en: 'Newfoundland and Labrador', fr: 'Terre-Neuve-et-Labrador' },
  NS: { en: 'Nova Scotia', fr: 'Nouvelle-Écosse' },
  NT: { en: 'Northwest Territories', fr: 'Territoires du Nord-Ouest' },
  NU: { en: 'Nunavut', fr: 'Nunavut' },
  ON: { en: 'Ontario', fr: 'Ontario' },
  PE: { en: 'Prince Edward Island', fr: 'Île-du-Prince-Édouard' },
  QC: { en: 'Quebec', fr: 'Québec' },
  SK: { en: 'Saskatchewan', fr: 'Saskatchewan' },
  YT: { en: 'Yukon', fr: 'Yukon' },
} as const;

export type ProvinceCode = keyof typeof CANADIAN_PROVINCES;

export const PROVINCE_CODES = Object.keys(CANADIAN_PROVINCES) as ProvinceCode[];

export function isProvinceCode(value: string): value is ProvinceCode {
  return Object.prototype.hasOwnProperty.call(CANADIAN_PROVINCES, value);
}
