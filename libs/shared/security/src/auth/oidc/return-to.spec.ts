import { parseReturnTo, signedInLocation } from './return-to';

describe('the single sign-on return path', () => {
  it('takes a path on this service, or nothing', () => {
    expect(parseReturnTo('/')).toBe('/');
    expect(parseReturnTo('/staff/ui')).toBe('/staff/ui');
    expect(parseReturnTo(undefined)).toBeUndefined();
    expect(parseReturnTo('')).toBeUndefined();
  });

  it.each([
    ['another origin', 'https://evil.example.org/'],
    ['a protocol-relative URL', '//evil.example.org/'],
    ['a backslash browsers read as a slash', '/\\evil.example.org'],
    ['a relative path', 'staff'],
    ['a query', '/?next=https://evil.example.org'],
    ['a fragment of its own', '/#/banks'],
    ['an encoded slash', '/%2F%2Fevil.example.org'],
    ['a javascript URL', 'javascript:alert(1)'],
    ['a repeated parameter', ['/', '/x']],
    ['a very long path', `/${'a'.repeat(200)}`],
  ])('refuses %s with a 400 naming returnTo', (_what, value) => {
    expect(() => parseReturnTo(value)).toThrow(expect.objectContaining({ kind: 'validation', field: 'returnTo', message: expect.stringMatching(/^returnTo: must be a path on this service/) }));
  });

  it('puts the token or the error in the fragment, encoded, never in the query', () => {
    expect(signedInLocation('/', { token: 'a.b+c/d' })).toBe('/#/signed-in?token=a.b%2Bc%2Fd');
    expect(signedInLocation('/ui', { error: 'no role & no luck' })).toBe('/ui#/signed-in?error=no+role+%26+no+luck');
  });
});
