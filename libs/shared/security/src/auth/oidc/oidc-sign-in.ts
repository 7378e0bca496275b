import type * as OpenIdClient from 'openid-client';
import type { StaffRole, StaffUser } from '../staff-directory';
import { isLoopbackHttp, type OidcSettings } from './oidc.config';
import { rolesFromClaims } from './oidc-roles';

/** What must survive from the redirect to the provider until its callback (kept in a signed cookie). */
export interface OidcTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Why a sign-in did not happen: a 4xx for the caller's side, 503 when the provider cannot be reached. */
export class OidcSignInRefused extends Error {
  constructor(message: string, readonly status: 400 | 401 | 403 | 503) {
    super(message);
  }
}

/** Usernames from the provider carry this prefix, so they never coincide with a local account's (whose names cannot hold ':'). */
export const OIDC_USERNAME_PREFIX = 'oidc:';

/** True for the account of a user who signs in through the identity provider (no password here). */
export function isSingleSignOnUsername(username: string): boolean {
  return username.startsWith(OIDC_USERNAME_PREFIX);
}

/**
 * Single sign-on through the agency's identity provider with openid-client: the authorization
 * code flow with PKCE (S256), state and nonce; the ID token's issuer, audience, expiry and nonce
 * are checked by the library. Staff get the roles the provider's claim grants, within this
 * service's allow-list.
 */
export class OidcSignIn {
  private configuration?: Promise<OpenIdClient.Configuration>;

  constructor(private readonly settings: OidcSettings, private readonly allowedRoles: readonly StaffRole[]) {}

  /** The callback is served over https, so the sign-in cookie can be marked Secure. */
  get overHttps(): boolean {
    return this.settings.redirectUri.protocol === 'https:';
  }

  /** The provider's authorization URL to send the browser to, and the transaction to keep for the callback. */
  async start(): Promise<{ url: URL; transaction: OidcTransaction }> {
    const client = await openIdClient();
    const config = await this.config();
    const transaction: OidcTransaction = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri.href,
      scope: this.settings.scope,
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(transaction.codeVerifier),
      code_challenge_method: 'S256',
      state: transaction.state,
      nonce: transaction.nonce,
    });
    return { url, transaction };
  }

  /** Exchanges the callback's code for tokens and turns the ID token's claims into a staff member. */
  async finish(callbackQuery: URLSearchParams, transaction: OidcTransaction): Promise<StaffUser> {
    const providerError = callbackQuery.get('error');
    if (providerError) throw new OidcSignInRefused(`the identity provider refused the sign-in: ${providerError}${callbackQuery.get('error_description') ? ` (${callbackQuery.get('error_description')})` : ''}`, 401);
    if (!callbackQuery.get('code')) throw new OidcSignInRefused('code: the callback carries no authorization code', 400);
    const client = await openIdClient();
    const currentUrl = new URL(this.settings.redirectUri.href);
    currentUrl.search = callbackQuery.toString();
    let claims: Record<string, unknown> | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(await this.config(), currentUrl, {
        pkceCodeVerifier: transaction.codeVerifier,
        expectedState: transaction.state,
        expectedNonce: transaction.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (error) {
      throw new OidcSignInRefused(`the sign-in with the identity provider failed: ${describeFailure(error)}`, 401);
    }
    if (!claims) throw new OidcSignInRefused('the identity provider returned no ID token', 401);
    const roles = rolesFromClaims(claims, this.settings.rolesClaim, this.allowedRoles);
    const name = [claims.preferred_username, claims.email, claims.sub].find((value): value is string => typeof value === 'string' && value.length > 0);
    if (!name) throw new OidcSignInRefused('the ID token names no user (sub)', 401);
    if (roles.length === 0) throw new OidcSignInRefused(`your identity provider grants you no role in this service (claim ${this.settings.rolesClaim}; roles here: ${this.allowedRoles.join(', ')})`, 403);
    const displayName = typeof claims.name === 'string' && claims.name ? claims.name : name;
    return { username: `${OIDC_USERNAME_PREFIX}${name}`, displayName, roles };
  }

  /** Discovery once, on first use; a failed discovery is retried at the next sign-in. */
  private config(): Promise<OpenIdClient.Configuration> {
    this.configuration ??= (async () => {
      const client = await openIdClient();
      const { issuer, clientId, clientSecret } = this.settings;
      return client.discovery(issuer, clientId, clientSecret, undefined, isLoopbackHttp(issuer) ? { execute: [client.allowInsecureRequests] } : undefined);
    })().catch((error: Error) => {
      this.configuration = undefined;
      throw new OidcSignInRefused(`the identity provider at ${this.settings.issuer.href} cannot be reached: ${error.message}`, 503);
    });
    return this.configuration;
  }
}

/** openid-client's message, with what its cause adds (which claim differed, the provider's error code). */
function describeFailure(error: unknown): string {
  const failure = error as { message?: string; cause?: { message?: string }; error?: string; error_description?: string };
  const parts = [failure.message, failure.cause?.message, failure.error, failure.error_description].filter((part): part is string => typeof part === 'string' && part.length > 0);
  return [...new Set(parts)].join(': ');
}

/** Loaded on first use: only services configured for single sign-on need it. */
function openIdClient(): Promise<typeof OpenIdClient> {
  return import('openid-client');
}
