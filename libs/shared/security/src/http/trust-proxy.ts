/** What Express's `trust proxy` is set to: nothing, a number of hops, or the proxies' addresses. */
export type TrustProxySetting = false | number | string[];

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const ADDRESS = /^[0-9a-f:.]+(\/\d{1,3})?$/i;

/**
 * TRUST_PROXY: which reverse proxies may say who the client is (X-Forwarded-For). Unset or
 * `false`: none, the client is the TCP peer. A number: that many proxies in front of the service
 * (`1`: the one nearest it). Otherwise a comma-separated list of addresses, CIDR ranges or
 * `loopback`, `linklocal`, `uniquelocal`. Behind a proxy it must be set, or every public
 * reporter shares the proxy's address and with it one rate-limit budget.
 *
 * `true` (trust every hop) is refused: any client could then name itself in X-Forwarded-For and
 * get a fresh budget with each request.
 */
export function trustProxyFromEnv(env: Readonly<Record<string, string | undefined>>): TrustProxySetting {
  const raw = (env.TRUST_PROXY ?? '').trim();
  if (raw === '' || raw.toLowerCase() === 'false') return false;
  if (raw.toLowerCase() === 'true') {
    throw new Error('TRUST_PROXY=true would believe X-Forwarded-For from any client; give the number of proxies (1) or their addresses');
  }
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops < 1 || hops > 10) throw new Error(`TRUST_PROXY must be between 1 and 10 proxies, or addresses; got "${raw}"`);
    return hops;
  }
  const entries = raw.split(',').map((entry) => entry.trim()).filter(Boolean);
  const wrong = entries.filter((entry) => !NAMED_RANGES.has(entry) && !ADDRESS.test(entry));
  if (entries.length === 0 || wrong.length > 0) {
    throw new Error(`TRUST_PROXY must be false, a number of proxies, or addresses, CIDR ranges, loopback, linklocal or uniquelocal; "${wrong.join(', ') || raw}" is none of these`);
  }
  return entries;
}
