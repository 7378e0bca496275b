import { isIP } from 'node:net';
import type { RemovalChecker, RemovalCheckResult } from '../../ports/removal-checker';

export interface HttpRemovalCheckerOptions {
  /** Per request (each redirect hop, HEAD and GET each). */
  timeoutMs: number;
  maxRedirects: number;
  /**
   * Loopback, private and link-local addresses are not checked unless allowed (tests do):
   * a reported URL must not make the service probe its own network. Only literal addresses
   * and "localhost" are recognised; a public name resolving to a private address is not.
   */
  allowPrivateAddresses: boolean;
  /** RFC 2606/6761 names (example.org, *.test, *.invalid…) never host real content: not probed unless this is false. */
  skipReservedNames: boolean;
  userAgent: string;
}

export const DEFAULT_REMOVAL_CHECK_OPTIONS: HttpRemovalCheckerOptions = { timeoutMs: 10000, maxRedirects: 5, allowPrivateAddresses: false, skipReservedNames: true, userAgent: 'Vigil-RemovalCheck/1' };

/** RFC 2606/6761 names never host real content: the demo's URLs are not probed on the internet. */
const RESERVED_NAMES = /(^|\.)(example\.(com|net|org)|example|test|invalid)$/;

/**
 * Asks whether a URL still serves something, without fetching what it serves: HEAD first;
 * a GET with `Range: bytes=0-0` when HEAD is refused or inconclusive; the body is never read
 * (the stream is cancelled at once). Redirects are followed by hand, a bounded number of times,
 * each hop checked against the address rules.
 *
 * removed: 404, 410, 451 (withheld on legal demand), or the host name no longer exists.
 * up:      2xx (206 for the ranged GET).
 * unknown: timeouts, 5xx, refused connections, too many redirects, addresses not checked.
 */
export class HttpRemovalChecker implements RemovalChecker {
  private readonly options: HttpRemovalCheckerOptions;

  constructor(options: Partial<HttpRemovalCheckerOptions> = {}) {
    this.options = { ...DEFAULT_REMOVAL_CHECK_OPTIONS, ...options };
  }

  async check(url: string): Promise<RemovalCheckResult> {
    let current = url;
    for (let hop = 0; hop <= this.options.maxRedirects; hop += 1) {
      const refused = this.refuse(current);
      if (refused) return { state: 'unknown', detail: refused };
      let answer = await this.request(current, 'HEAD');
      // Some servers refuse HEAD (405, 403) or drop it; a ranged GET settles it. A timeout is not asked twice.
      const askAgain = 'status' in answer ? !isConclusive(answer.status) : answer.failure.state === 'unknown' && !answer.timedOut;
      if (askAgain) answer = await this.request(current, 'GET');
      if ('failure' in answer) return answer.failure;
      const { status, location } = answer;
      if (status >= 300 && status < 400 && location) {
        current = new URL(location, current).toString();
        continue;
      }
      if (status === 404 || status === 410 || status === 451) return { state: 'removed', detail: `HTTP ${status}${hop > 0 ? ` after ${hop} redirect(s) to ${current}` : ''}` };
      if (status >= 200 && status < 300) return { state: 'up', detail: `HTTP ${status}${hop > 0 ? ` after ${hop} redirect(s) to ${current}` : ''}` };
      return { state: 'unknown', detail: `HTTP ${status}` };
    }
    return { state: 'unknown', detail: `more than ${this.options.maxRedirects} redirects` };
  }

  private refuse(url: string): string | undefined {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (this.options.skipReservedNames && RESERVED_NAMES.test(host)) return `${host} is a reserved name: not checked`;
    if (!this.options.allowPrivateAddresses && (host === 'localhost' || host.endsWith('.localhost') || isPrivateAddress(host))) return `${host} is a private address: not checked`;
    return undefined;
  }

  private async request(url: string, method: 'HEAD' | 'GET'): Promise<{ status: number; location?: string } | { failure: RemovalCheckResult; timedOut: boolean }> {
    try {
      const response = await fetch(url, {
        method,
        redirect: 'manual',
        headers: { 'user-agent': this.options.userAgent, accept: '*/*', ...(method === 'GET' ? { range: 'bytes=0-0' } : {}) },
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      // Never read what the URL serves: cancelling the stream closes the connection.
      await response.body?.cancel().catch(() => undefined);
      return { status: response.status, location: response.headers.get('location') ?? undefined };
    } catch (error) {
      const name = (error as { name?: string }).name;
      return { failure: describeFailure(error, method, this.options.timeoutMs), timedOut: name === 'TimeoutError' || name === 'AbortError' };
    }
  }
}

/** HEAD answers that settle the question; anything else (405, 403, 5xx…) is asked again with GET. */
function isConclusive(status: number): boolean {
  return (status >= 200 && status < 400) || status === 404 || status === 410 || status === 451;
}

function describeFailure(error: unknown, method: string, timeoutMs: number): RemovalCheckResult {
  const failure = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (failure.name === 'TimeoutError' || failure.name === 'AbortError') return { state: 'unknown', detail: `${method}: no answer within ${timeoutMs} ms` };
  const code = failure.cause?.code;
  if (code === 'ENOTFOUND') return { state: 'removed', detail: 'DNS: the host name no longer exists' };
  return { state: 'unknown', detail: `${method}: ${code ?? failure.cause?.message ?? failure.message ?? 'request failed'}` };
}

function isPrivateAddress(host: string): boolean {
  const version = isIP(host);
  if (version === 4) {
    const [a, b] = host.split('.').map(Number);
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  if (version === 6) {
    const lower = host.toLowerCase();
    if (lower.startsWith('::ffff:')) return isPrivateAddress(lower.slice(7));
    return lower === '::1' || lower === '::' || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower);
  }
  return false;
}
