import { ValidationError } from '@vigil/kernel';
import { expectedVersion } from './expected-version';

describe('expectedVersion (If-Match or a version field)', () => {
  it('reads a strong, weak or bare If-Match, or the body’s version; nothing or * means no check', () => {
    expect(expectedVersion('"3"', undefined)).toBe(3);
    expect(expectedVersion('W/"4"', undefined)).toBe(4);
    expect(expectedVersion('5', undefined)).toBe(5);
    expect(expectedVersion(undefined, 6)).toBe(6);
    expect(expectedVersion('"7"', 7)).toBe(7);
    expect(expectedVersion(undefined, undefined)).toBeUndefined();
    expect(expectedVersion('*', undefined)).toBeUndefined();
  });

  it('refuses a malformed header or a header and body that disagree, naming the field', () => {
    expect(() => expectedVersion('"abc"', undefined)).toThrow(ValidationError);
    expect(() => expectedVersion('"0"', undefined)).toThrow(/If-Match: "0" is not a referral version/);
    expect(() => expectedVersion('"3"', 4)).toThrow(/version: the If-Match header says 3 and the body says 4/);
  });
});
