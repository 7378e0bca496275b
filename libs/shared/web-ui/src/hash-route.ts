/**
 * A tiny hash router: `#/banks/3f…` is the route `/banks/3f…`. No router library is installed,
 * and the staff UIs need only a handful of flat routes; the hash keeps every route on the one
 * index.html the service serves.
 */
export type RouteParams = Record<string, string>;

/** The route in a location hash: `#/banks/1?q=x` → `{ path: '/banks/1', query: { q: 'x' } }`. */
export function parseHash(hash: string): { path: string; query: Record<string, string> } {
  const raw = hash.replace(/^#/, '');
  const [pathPart, queryPart = ''] = raw.split('?', 2);
  const path = pathPart.startsWith('/') ? pathPart : '/';
  return { path: path.length > 1 ? path.replace(/\/+$/, '') : path, query: Object.fromEntries(new URLSearchParams(queryPart)) };
}

/** Matches `/banks/:id` against `/banks/42` → `{ id: '42' }`; undefined when it does not match. */
export function matchRoute(pattern: string, path: string): RouteParams | undefined {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return undefined;
  const params: RouteParams = {};
  for (const [index, segment] of want.entries()) {
    if (segment.startsWith(':')) params[segment.slice(1)] = decodeURIComponent(got[index]);
    else if (segment !== got[index]) return undefined;
  }
  return params;
}

/** `href` for a route: `routeHref('/banks', id)` → `#/banks/<id>` with each segment encoded. */
export function routeHref(...segments: string[]): string {
  return `#/${segments.map((segment) => segment.replace(/^\/+|\/+$/g, '')).filter(Boolean).map((segment, index) => (index === 0 ? segment : encodeURIComponent(segment))).join('/')}`;
}
