import { describeJurisdiction, jurisdictionCode, parseJurisdictionCode, sameJurisdiction } from './jurisdiction';
import { DEFAULT_LIAISON_OFFICER_COUNTRIES, referralRouteFor } from './referral-route';

describe('jurisdiction codes', () => {
  it.each([
    ['CA-ON', { country: 'CA', province: 'ON' }],
    ['ca-qc', { country: 'CA', province: 'QC' }],
    ['CA', { country: 'CA' }],
    [' FR ', { country: 'FR' }],
    ['US-WA', { country: 'US' }],
  ])('reads %s', (code, jurisdiction) => {
    expect(parseJurisdictionCode(code)).toEqual(jurisdiction);
  });

  it.each(['CA-ZZ', 'ZZ', 'Canada', '', 'CA-ON-X'])('refuses %j', (code) => {
    expect(parseJurisdictionCode(code)).toBeUndefined();
  });

  it('writes, compares and describes jurisdictions', () => {
    expect(jurisdictionCode({ country: 'CA', province: 'NU' })).toBe('CA-NU');
    expect(jurisdictionCode({ country: 'JP' })).toBe('JP');
    expect(sameJurisdiction({ country: 'CA', province: 'ON' }, { country: 'CA', province: 'ON' })).toBe(true);
    expect(sameJurisdiction({ country: 'CA', province: 'ON' }, { country: 'CA' })).toBe(false);
    expect(describeJurisdiction({ country: 'CA', province: 'PE' }, 'fr')).toBe('Île-du-Prince-Édouard, Canada');
    expect(describeJurisdiction({ country: 'BR' })).toBe('Brazil');
  });
});

describe('referral routes', () => {
  it('Canada is domestic; abroad, a liaison officer where one is posted, INTERPOL otherwise', () => {
    expect(referralRouteFor('CA')).toBe('domestic');
    expect(referralRouteFor('US')).toBe('liaison-officer');
    expect(referralRouteFor('KE')).toBe('interpol');
    expect(referralRouteFor('KE', ['KE'])).toBe('liaison-officer');
    expect(referralRouteFor('US', [])).toBe('interpol');
  });

  it('the default liaison list is short, unique and never includes Canada', () => {
    expect(new Set(DEFAULT_LIAISON_OFFICER_COUNTRIES).size).toBe(DEFAULT_LIAISON_OFFICER_COUNTRIES.length);
    expect(DEFAULT_LIAISON_OFFICER_COUNTRIES).not.toContain('CA');
  });
});
