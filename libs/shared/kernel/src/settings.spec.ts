import { integerSetting } from './settings';

describe('integerSetting', () => {
  const bounds = { fallback: 30, min: 1, max: 1440, unit: 'minutes' };

  it('gives the fallback when the variable is unset or empty', () => {
    expect(integerSetting({}, 'CLAIM', bounds)).toBe(30);
    expect(integerSetting({ CLAIM: '' }, 'CLAIM', bounds)).toBe(30);
  });

  it('takes a whole number within the bounds, the bounds included', () => {
    expect(integerSetting({ CLAIM: '1' }, 'CLAIM', bounds)).toBe(1);
    expect(integerSetting({ CLAIM: '1440' }, 'CLAIM', bounds)).toBe(1440);
    expect(integerSetting({ N: '0' }, 'N', { fallback: 5, min: 0 })).toBe(0);
  });

  it('refuses anything else, naming the variable, the bounds and the value', () => {
    expect(() => integerSetting({ CLAIM: '0' }, 'CLAIM', bounds)).toThrow('CLAIM must be a whole number of minutes from 1 to 1440, not "0"');
    expect(() => integerSetting({ CLAIM: '1441' }, 'CLAIM', bounds)).toThrow(/from 1 to 1440/);
    expect(() => integerSetting({ CLAIM: '2.5' }, 'CLAIM', bounds)).toThrow(/whole number/);
    expect(() => integerSetting({ CLAIM: 'lots' }, 'CLAIM', bounds)).toThrow(/not "lots"/);
    expect(() => integerSetting({ N: '-1' }, 'N', { fallback: 5, min: 0 })).toThrow('N must be a whole number of at least 0, not "-1"');
  });
});
