import { findPostalCodeIn, provinceFromPostalCode } from './postal-code';

describe('provinceFromPostalCode', () => {
  it.each([
    ['K1A 0B1', 'ON'],
    ['h2x 1y4', 'QC'],
    ['V6B1A1', 'BC'],
    ['A1C 5M2', 'NL'],
    ['B3H-4R2', 'NS'],
    ['C1A 4P3', 'PE'],
    ['E1C 4M3', 'NB'],
    ['R3C 4T3', 'MB'],
    ['S7K 0J5', 'SK'],
    ['T2P 2M5', 'AB'],
    ['Y1A 2C6', 'YT'],
  ])('%s is in %s with high confidence, with the reason given', (code, province) => {
    const evidence = provinceFromPostalCode(code);
    expect(evidence?.province).toBe(province);
    expect(evidence?.confidence).toBe('high');
    expect(evidence?.reason).toMatch(/forward sortation area/);
  });

  it.each([
    ['X0A 0H0', 'NU'],
    ['X0B 0C0', 'NU'],
    ['X0C 0G0', 'NU'],
    ['X0E 0N0', 'NT'],
    ['X1A 2P7', 'NT'],
  ])('district X, shared by the territories: %s is %s with medium confidence', (code, territory) => {
    const evidence = provinceFromPostalCode(code);
    expect(evidence).toMatchObject({ province: territory, confidence: 'medium' });
    expect(evidence?.reason).toMatch(/shared by NT and NU/);
  });

  it('refuses what is not a Canadian postal code', () => {
    expect(provinceFromPostalCode('90210')).toBeUndefined();
    expect(provinceFromPostalCode('D1A 1A1')).toBeUndefined();
    expect(provinceFromPostalCode('W1A 1A1')).toBeUndefined();
    expect(provinceFromPostalCode('K1A 0O1')).toBeUndefined();
  });
});

describe('findPostalCodeIn', () => {
  it('finds a postal code inside an address', () => {
    expect(findPostalCodeIn('123 Main St, Ottawa ON k1a 0b1, Canada')).toBe('K1A0B1');
    expect(findPostalCodeIn('Apt 4, Winnipeg, R3C4T3')).toBe('R3C4T3');
    expect(findPostalCodeIn('Seattle, WA 98101')).toBeUndefined();
  });
});
