import { ApiClient, type TokenStore } from './api-client';
import { completeSingleSignOn } from './single-sign-on';

describe('coming back from single sign-on', () => {
  const client = (tokens: TokenStore) => new ApiClient({ tokens, fetch: (() => Promise.reject(new Error('no network'))) as typeof fetch });
  const memory = (): TokenStore & { value?: string } => {
    const store: TokenStore & { value?: string } = { get: () => store.value, set: (next) => (store.value = next) };
    return store;
  };

  it('keeps the token and replaces the address, so the token leaves the address bar and history', () => {
    const tokens = memory();
    const replaced: string[] = [];
    completeSingleSignOn(client(tokens), '#/staff', { pathname: '/', search: '', hash: '#/signed-in?token=abc' }, { replaceState: (_data, _unused, url) => void replaced.push(String(url)) });
    expect(tokens.value).toBe('abc');
    expect(replaced).toEqual(['/#/staff']);
  });

  it('leaves any other address alone', () => {
    const replaced: string[] = [];
    completeSingleSignOn(client(memory()), '#/', { pathname: '/', search: '', hash: '#/banks/1' }, { replaceState: (_data, _unused, url) => void replaced.push(String(url)) });
    expect(replaced).toEqual([]);
  });
});
