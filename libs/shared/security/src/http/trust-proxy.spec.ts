import { trustProxyFromEnv } from './trust-proxy';

describe('trustProxyFromEnv (TRUST_PROXY)', () => {
  it('trusts no proxy unless told', () => {
    expect(trustProxyFromEnv({})).toBe(false);
    expect(trustProxyFromEnv({ TRUST_PROXY: '' })).toBe(false);
    expect(trustProxyFromEnv({ TRUST_PROXY: 'false' })).toBe(false);
  });

  it('takes a number of proxies, or their addresses, ranges and named ranges', () => {
    expect(trustProxyFromEnv({ TRUST_PROXY: '1' })).toBe(1);
    expect(trustProxyFromEnv({ TRUST_PROXY: ' 10.0.0.0/8, loopback ,fd00::/8 ' })).toEqual(['10.0.0.0/8', 'loopback', 'fd00::/8']);
  });

  it('refuses to trust every hop, and says what is wrong with anything else', () => {
    expect(() => trustProxyFromEnv({ TRUST_PROXY: 'true' })).toThrow(/would believe X-Forwarded-For from any client/);
    expect(() => trustProxyFromEnv({ TRUST_PROXY: '0' })).toThrow(/between 1 and 10/);
    expect(() => trustProxyFromEnv({ TRUST_PROXY: '10.0.0.1, proxy.example.org' })).toThrow(/"proxy.example.org" is none of these/);
  });
});
