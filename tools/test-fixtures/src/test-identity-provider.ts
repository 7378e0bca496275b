import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small OpenID Connect provider for tests, over real HTTP: discovery document, JWKS, an
 * authorization endpoint that signs in whoever the test says (no login page) and redirects
 * back with a code, and a token endpoint that checks the client's secret, the redirect URI and
 * the PKCE verifier before answering with an RS256 ID token. It is strict where a real
 * provider is, so a client that skips PKCE, state or nonce fails here too.
 */
export interface TestIdentityProviderOptions {
  clientId: string;
  clientSecret: string;
  /** Claims of the person who "signs in" at the authorization endpoint (sub is required). */
  user: Record<string, unknown> & { sub: string };
}

export interface AuthorizationRequestSeen {
  query: Record<string, string>;
}

export interface TestIdentityProvider {
  issuer: string;
  /** Who signs in next. */
  signInAs(user: Record<string, unknown> & { sub: string }): void;
  /** Makes the next ID token carry this nonce instead of the client's (a replayed or forged token). */
  forgeNextNonce(nonce: string): void;
  authorizationRequests: AuthorizationRequestSeen[];
  tokenRequests: number;
  close(): Promise<void>;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce: string;
  user: Record<string, unknown> & { sub: string };
}

export async function startTestIdentityProvider(options: TestIdentityProviderOptions): Promise<TestIdentityProvider> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const kid = randomBytes(8).toString('hex');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const codes = new Map<string, PendingCode>();
  let user = options.user;
  let forgedNonce: string | undefined;
  const authorizationRequests: AuthorizationRequestSeen[] = [];
  let issuer = '';
  const state = { tokenRequests: 0 };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: Error) => json(response, 500, { error: 'server_error', error_description: error.message }));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', issuer);
    if (request.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      return json(response, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        scopes_supported: ['openid', 'profile', 'email'],
      });
    }
    if (request.method === 'GET' && url.pathname === '/jwks') return json(response, 200, { keys: [jwk] });
    if (request.method === 'GET' && url.pathname === '/authorize') return authorize(url, response);
    if (request.method === 'POST' && url.pathname === '/token') return token(request, response);
    return json(response, 404, { error: 'not_found' });
  }

  function authorize(url: URL, response: ServerResponse): void {
    const query = Object.fromEntries(url.searchParams);
    authorizationRequests.push({ query });
    const problems = [
      query.client_id !== options.clientId && 'unknown client_id',
      query.response_type !== 'code' && 'response_type must be code',
      !query.redirect_uri && 'redirect_uri is required',
      !(query.scope ?? '').split(' ').includes('openid') && 'scope must include openid',
      query.code_challenge_method !== 'S256' && 'PKCE with S256 is required',
      !query.code_challenge && 'code_challenge is required',
      !query.state && 'state is required',
      !query.nonce && 'nonce is required',
    ].filter((problem): problem is string => typeof problem === 'string');
    if (problems.length > 0) return json(response, 400, { error: 'invalid_request', error_description: problems.join('; ') });
    const code = randomBytes(16).toString('base64url');
    codes.set(code, { clientId: query.client_id, redirectUri: query.redirect_uri, codeChallenge: query.code_challenge, nonce: query.nonce, user });
    const back = new URL(query.redirect_uri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', query.state);
    back.searchParams.set('iss', issuer);
    response.writeHead(302, { location: back.href }).end();
  }

  async function token(request: IncomingMessage, response: ServerResponse): Promise<void> {
    state.tokenRequests++;
    const form = new URLSearchParams(await body(request));
    const [clientId, clientSecret] = clientCredentials(request, form);
    if (clientId !== options.clientId || clientSecret !== options.clientSecret) return json(response, 401, { error: 'invalid_client' });
    const pending = codes.get(form.get('code') ?? '');
    codes.delete(form.get('code') ?? ''); // a code is good once
    if (form.get('grant_type') !== 'authorization_code' || !pending) return json(response, 400, { error: 'invalid_grant', error_description: 'unknown or used code' });
    if (form.get('redirect_uri') !== pending.redirectUri) return json(response, 400, { error: 'invalid_grant', error_description: 'redirect_uri differs from the authorization request' });
    const verifier = form.get('code_verifier') ?? '';
    if (createHash('sha256').update(verifier).digest('base64url') !== pending.codeChallenge) return json(response, 400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
    const idToken = await new SignJWT({ ...pending.user, nonce: forgedNonce ?? pending.nonce })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience(options.clientId)
      .setSubject(pending.user.sub)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey as CryptoKey);
    forgedNonce = undefined;
    return json(response, 200, { access_token: randomBytes(16).toString('base64url'), token_type: 'Bearer', expires_in: 300, id_token: idToken });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    signInAs: (next) => void (user = next),
    forgeNextNonce: (nonce) => void (forgedNonce = nonce),
    authorizationRequests,
    get tokenRequests() {
      return state.tokenRequests;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function clientCredentials(request: IncomingMessage, form: URLSearchParams): [string | undefined, string | undefined] {
  const [scheme, encoded] = (request.headers.authorization ?? '').split(' ');
  if (scheme === 'Basic' && encoded) {
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    // RFC 6749 2.3.1: both parts are form-urlencoded inside the Basic credentials.
    return [decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')), decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' '))];
  }
  return [form.get('client_id') ?? undefined, form.get('client_secret') ?? undefined];
}

function body(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (text += chunk));
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}

function json(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(value));
}
