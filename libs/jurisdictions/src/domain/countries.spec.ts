import { COUNTRIES, countryName, isCountryCode } from './countries';

describe('ISO 3166-1 countries', () => {
  it('lists all 249 officially assigned alpha-2 codes, each with English and French names', () => {
    const codes = Object.keys(COUNTRIES);
    expect(codes).toHaveLength(249);
    for (const code of codes) {
      expect(code).toMatch(/^[A-Z]{2}$/);
      const names = COUNTRIES[code as keyof typeof COUNTRIES];
      expect(names.en.length).toBeGreaterThan(2);
      expect(names.fr.length).toBeGreaterThan(2);
    }
  });

  it('names countries in both languages', () => {
    expect(countryName('CA')).toBe('Canada');
    expect(countryName('DE', 'fr')).toBe('Allemagne');
    expect(countryName('CD')).toBe('Democratic Republic of the Congo');
    expect(countryName('US', 'fr')).toBe('États-Unis');
  });

  it('knows which codes exist', () => {
    expect(isCountryCode('FR')).toBe(true);
    expect(isCountryCode('XK')).toBe(false); // Kosovo: user-assigned, not ISO
    expect(isCountryCode('UK')).toBe(false); // the ISO code is GB
    expect(isCountryCode('fr')).toBe(false);
  });
});
