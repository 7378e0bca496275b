import type { ApiClient } from './api-client';

/**
 * Run before the first render: when single sign-on has just brought the browser back
 * (`#/signed-in?token=…`), the API client keeps the token (or the failure, which the sign-in
 * page shows) and the address is replaced by the app's `landing` route, so the token stays in
 * neither the address bar nor the history.
 */
export function completeSingleSignOn(api: ApiClient, landing: string, location: Pick<Location, 'hash' | 'pathname' | 'search'> = window.location, history: Pick<History, 'replaceState'> = window.history): void {
  const next = api.acceptSingleSignOn(location.hash, landing);
  if (next !== undefined) history.replaceState(null, '', `${location.pathname}${location.search}${next}`);
}
