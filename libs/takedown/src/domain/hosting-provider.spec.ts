import { providerForHost, validateProvider, type HostingProviderProps } from './hosting-provider';

const base: HostingProviderProps = { id: 'p', name: ' Example Hosting ', hostSuffixes: ['Example.org.', 'example.org'], contactEmail: 'abuse@example.org', country: 'ca', createdAt: 't', updatedAt: 't' };

describe('hosting providers', () => {
  it('normalises names, host suffixes and the country', () => {
    expect(validateProvider(base)).toMatchObject({ name: 'Example Hosting', hostSuffixes: ['example.org'], country: 'CA' });
  });

  it('names the wrong field', () => {
    expect(() => validateProvider({ ...base, hostSuffixes: ['https://example.org/x'] })).toThrow(/^hostSuffixes: "https:\/\/example.org\/x" is not a host name/);
    expect(() => validateProvider({ ...base, hostSuffixes: [] })).toThrow(/^hostSuffixes: list at least one host/);
    expect(() => validateProvider({ ...base, contactEmail: undefined })).toThrow(/^contactEmail: a provider needs a contact email or a notice webhook URL/);
    expect(() => validateProvider({ ...base, contactEmail: 'nobody' })).toThrow(/^contactEmail: not an email address/);
    expect(() => validateProvider({ ...base, country: 'Canada' })).toThrow(/^country: an ISO 3166-1 alpha-2 code/);
    expect(() => validateProvider({ ...base, noticeWebhookUrl: 'ftp://x' })).toThrow(/^noticeWebhookUrl/);
  });

  it('finds the provider of a host by the longest matching suffix, subdomains included', () => {
    const registrar = { id: 'registrar', hostSuffixes: ['example.net'] };
    const cdn = { id: 'cdn', hostSuffixes: ['cdn.example.net'] };
    expect(providerForHost('img.cdn.example.net', [registrar, cdn])?.id).toBe('cdn');
    expect(providerForHost('example.net', [registrar, cdn])?.id).toBe('registrar');
    expect(providerForHost('www.example.net', [cdn, registrar])?.id).toBe('registrar');
    expect(providerForHost('notexample.net', [registrar, cdn])).toBeUndefined();
  });
});
