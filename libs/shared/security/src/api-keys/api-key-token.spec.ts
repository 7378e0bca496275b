import { apiKeySecretMatches, generateApiKeyToken, hashApiKeySecret, parseApiKeyToken } from './api-key-token';

describe('API key tokens', () => {
  it('generates vgl_<16 hex>_<43 base64url> keys that parse back to their id and secret', () => {
    const { keyId, secret, token } = generateApiKeyToken();
    expect(token).toMatch(/^vgl_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(parseApiKeyToken(token)).toEqual({ keyId, secret });
    expect(generateApiKeyToken().token).not.toBe(token);
  });

  it('refuses anything not shaped like a key', () => {
    const { token } = generateApiKeyToken();
    for (const bad of ['', 'vgl_', token.replace('vgl_', 'abc_'), token.slice(0, -1), `${token}x`, token.slice(0, 20), token.toUpperCase(), token.replace(/^vgl_[0-9a-f]/, 'vgl_g')]) {
      expect(parseApiKeyToken(bad)).toBeUndefined();
    }
  });

  it('keeps a secret that itself contains underscores whole', () => {
    const token = `vgl_0123456789abcdef_${'_'.repeat(43)}`;
    expect(parseApiKeyToken(token)).toEqual({ keyId: '0123456789abcdef', secret: '_'.repeat(43) });
  });

  it('stores a SHA-256 of the secret and compares presented secrets against it', () => {
    const { secret } = generateApiKeyToken();
    const stored = hashApiKeySecret(secret);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(secret);
    expect(apiKeySecretMatches(secret, stored)).toBe(true);
    const otherSecret = `${secret.startsWith('A') ? 'B' : 'A'}${secret.slice(1)}`;
    expect(apiKeySecretMatches(otherSecret, stored)).toBe(false);
    expect(apiKeySecretMatches(secret, 'abcd')).toBe(false);
  });
});
