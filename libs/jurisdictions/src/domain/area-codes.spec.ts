import { PROVINCE_CODES } from './canadian-province';
import { CANADIAN_GEOGRAPHIC_AREA_CODES, CANADIAN_NON_GEOGRAPHIC_AREA_CODES, lookupAreaCode } from './area-codes';

describe('Canadian area codes', () => {
  it('every province and territory has at least one area code', () => {
    const served = new Set(Object.values(CANADIAN_GEOGRAPHIC_AREA_CODES).flat());
    expect([...served].sort()).toEqual([...PROVINCE_CODES].sort());
  });

  it('overlays map to the province of the code they overlay', () => {
    expect(lookupAreaCode('942')).toEqual({ kind: 'geographic', areaCode: '942', provinces: ['ON'] });
    expect(lookupAreaCode('263')).toMatchObject({ provinces: ['QC'] });
    expect(lookupAreaCode('368')).toMatchObject({ provinces: ['AB'] });
    expect(lookupAreaCode('879')).toMatchObject({ provinces: ['NL'] });
  });

  it('shared codes list every province they serve', () => {
    expect(lookupAreaCode('902')).toMatchObject({ provinces: ['NS', 'PE'] });
    expect(lookupAreaCode('782')).toMatchObject({ provinces: ['NS', 'PE'] });
    expect(lookupAreaCode('867')).toMatchObject({ provinces: ['YT', 'NT', 'NU'] });
  });

  it.each(['600', '622', '633', '644', '655', '677', '688'])('%s is Canadian and non-geographic', (code) => {
    expect(lookupAreaCode(code)).toEqual({ kind: 'canadian-non-geographic', areaCode: code });
    expect(CANADIAN_GEOGRAPHIC_AREA_CODES[code]).toBeUndefined();
  });

  it('toll-free codes are NANP-wide; US and Caribbean codes are not Canadian', () => {
    expect(lookupAreaCode('800')).toEqual({ kind: 'nanp-toll-free', areaCode: '800' });
    expect(lookupAreaCode('212')).toBeUndefined();
    expect(lookupAreaCode('876')).toBeUndefined();
  });

  it('no code is both geographic and non-geographic', () => {
    expect(CANADIAN_NON_GEOGRAPHIC_AREA_CODES.filter((code) => code in CANADIAN_GEOGRAPHIC_AREA_CODES)).toEqual([]);
  });
});
