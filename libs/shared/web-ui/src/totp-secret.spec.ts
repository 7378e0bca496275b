import { groupTotpSecret } from './totp-secret';

describe('the TOTP secret as shown for typing', () => {
  it('is upper-case base32 in groups of four, padding and spaces dropped', () => {
    expect(groupTotpSecret('jbswy3dpehpk3pxpjbswy3dp')).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP');
    expect(groupTotpSecret('JBSWY3DPEHP==')).toBe('JBSW Y3DP EHP');
    expect(groupTotpSecret('')).toBe('');
  });
});
