import { matchRoute, parseHash, routeHref } from './hash-route';

describe('hash routes', () => {
  it('reads the path and query of a location hash', () => {
    expect(parseHash('#/banks/42?q=abc&status=disabled')).toEqual({ path: '/banks/42', query: { q: 'abc', status: 'disabled' } });
    expect(parseHash('')).toEqual({ path: '/', query: {} });
    expect(parseHash('#main')).toEqual({ path: '/', query: {} });
    expect(parseHash('#/urls/')).toEqual({ path: '/urls', query: {} });
  });

  it('matches a pattern with parameters and refuses other shapes', () => {
    expect(matchRoute('/banks/:id', '/banks/3f2a')).toEqual({ id: '3f2a' });
    expect(matchRoute('/banks/:id', '/banks')).toBeUndefined();
    expect(matchRoute('/banks/:id', '/urls/3f2a')).toBeUndefined();
    expect(matchRoute('/banks', '/banks')).toEqual({});
  });

  it('builds hrefs with encoded parameters', () => {
    expect(routeHref('/banks', 'a b/c')).toBe('#/banks/a%20b%2Fc');
    expect(routeHref('review')).toBe('#/review');
  });
});
