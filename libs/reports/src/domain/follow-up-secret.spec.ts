import { newFollowUpSecret, normaliseFollowUpSecret } from './follow-up-secret';

describe('follow-up secret', () => {
  const bytes = Uint8Array.from({ length: 24 }, (_, index) => index * 11);

  it('is 24 Crockford base32 characters in six groups of four', () => {
    expect(newFollowUpSecret(bytes)).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){5}[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it('refuses to make a secret from too few random bytes', () => {
    expect(() => newFollowUpSecret(bytes.slice(0, 23))).toThrow(/24 random bytes/);
  });

  it('reads a secret typed in lower case, without dashes, or with I, L and O for 1, 1 and 0', () => {
    const secret = newFollowUpSecret(bytes);
    const canonical = secret.replace(/-/g, '');
    expect(normaliseFollowUpSecret(secret.toLowerCase())).toBe(canonical);
    expect(normaliseFollowUpSecret(` ${canonical.match(/.{1,4}/g)!.join(' ')} `)).toBe(canonical);
    expect(normaliseFollowUpSecret('O'.repeat(12) + 'I'.repeat(6) + 'l'.repeat(6))).toBe('0'.repeat(12) + '1'.repeat(12));
  });

  it('is not a secret when it has the wrong length or a letter outside the alphabet', () => {
    expect(normaliseFollowUpSecret('ABCD')).toBeUndefined();
    expect(normaliseFollowUpSecret('U'.repeat(24))).toBeUndefined();
  });
});
