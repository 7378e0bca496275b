import { provinceFromPostalCode } from './postal-code';

describe('provinceFromPostalCode', () => {
  it.each([
    ['K1A 0B1', 'ON'],
    ['h2x 1y4', 'QC'],
    ['V6B1A1', 'BC'],
    ['X0A 0H0', 'NU'],
    ['X1A 2P7', 'NT'],
    ['A1C 5M2', 'NL'],
  ])('%s is in %s, with the reason given', (code, province) => {
    const evidence = provinceFromPostalCode(code);
    expect(evidence?.province).toBe(province);
    expect(evidence?.reason).toMatch(/forward sortation area/);
  });

  it('refuses what is not a Canadian postal code', () => {
    expect(provinceFromPostalCode('90210')).toBeUndefined();
    expect(provinceFromPostalCode('D1A 1A1')).toBeUndefined();
  });
});
