/**
 * removed: the address answers 404/410 or its host no longer resolves.
 * up:      it answers 2xx (after following a bounded number of redirects).
 * unknown: anything else (timeout, 5xx, refused connection, not checked): look again later.
 */
export interface RemovalCheckResult {
  state: 'removed' | 'up' | 'unknown';
  /** In words, for the URL's history: "HTTP 404 on HEAD", "DNS: host not found"… */
  detail: string;
}

/** Looks at a URL without downloading what it serves (outbound port). */
export interface RemovalChecker {
  check(url: string): Promise<RemovalCheckResult>;
}

export const REMOVAL_CHECKER = Symbol('RemovalChecker');
