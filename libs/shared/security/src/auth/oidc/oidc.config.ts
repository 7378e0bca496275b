/** The agency identity provider this service signs staff in with (OpenID Connect, authorization code + PKCE). */
export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** This service's callback, registered with the provider: https://…/api/v1/auth/oidc/callback */
  redirectUri: URL;
  /** Where the roles are in the ID token: a claim name or a dotted path (`realm_access.roles`). */
  rolesClaim: string;
  scope: string;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const REQUIRED = ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI'] as const;

/**
 * Reads OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI and OIDC_ROLES_CLAIM
 * (default `roles`); undefined when OIDC_ISSUER is unset (no single sign-on). A missing or
 * malformed variable stops the start with its name. Plain http is allowed for a provider on
 * this machine only (tests, a local Keycloak); anything else must be https.
 */
export function oidcSettingsFromEnv(env: Record<string, string | undefined>): OidcSettings | undefined {
  const issuer = env.OIDC_ISSUER?.trim();
  if (!issuer) return undefined;
  const missing = REQUIRED.filter((name) => !env[name]?.trim());
  if (missing.length > 0) throw new Error(`OIDC_ISSUER is set, so ${missing.join(', ')} must be set too`);
  return {
    issuer: secureUrl('OIDC_ISSUER', issuer),
    clientId: env.OIDC_CLIENT_ID!.trim(),
    clientSecret: env.OIDC_CLIENT_SECRET!.trim(),
    redirectUri: secureUrl('OIDC_REDIRECT_URI', env.OIDC_REDIRECT_URI!.trim()),
    rolesClaim: env.OIDC_ROLES_CLAIM?.trim() || 'roles',
    scope: 'openid profile email',
  };
}

function secureUrl(name: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be an absolute URL, not "${value}"`);
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname))) return url;
  throw new Error(`${name} must be an https URL (http only for localhost), not "${value}"`);
}

/** Plain http: only ever a provider on this machine (see oidcSettingsFromEnv). */
export function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && LOOPBACK.has(url.hostname);
}
