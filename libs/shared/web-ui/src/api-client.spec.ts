import { ApiClient, ApiError, errorMessageFrom, filenameFrom, queryString, sessionTokenStore, type TokenStore } from './api-client';

function memoryTokens(initial?: string): TokenStore {
  let token = initial;
  return { get: () => token, set: (next) => (token = next) };
}

/** A fetch that answers from a table and records what it was asked. */
function fakeFetch(answers: Record<string, { status: number; body?: unknown }>) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetcher = async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = String(input);
    calls.push({ url, init });
    const answer = answers[`${init.method ?? 'GET'} ${url}`] ?? { status: 404, body: { message: `Cannot ${init.method ?? 'GET'} ${url}` } };
    const text = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    return new Response(text, { status: answer.status });
  };
  return { fetcher: fetcher as typeof fetch, calls };
}

describe('the staff UI API client', () => {
  it('signs in, keeps the token and sends it as a bearer token with JSON bodies', async () => {
    const { fetcher, calls } = fakeFetch({
      'POST /api/v1/auth/login': { status: 200, body: { accessToken: 'token-1' } },
      'PATCH /api/v1/banks/b1': { status: 200, body: { id: 'b1', pdqThreshold: 20 } },
    });
    const tokens = memoryTokens();
    const client = new ApiClient({ tokens, fetch: fetcher });
    await client.signIn('reviewer', 'secret');
    expect(tokens.get()).toBe('token-1');
    expect(await client.patch('/api/v1/banks/b1', { pdqThreshold: 20 })).toEqual({ id: 'b1', pdqThreshold: 20 });
    const headers = new Headers(calls[1].init.headers);
    expect(headers.get('authorization')).toBe('Bearer token-1');
    expect(headers.get('content-type')).toBe('application/json');
    expect(calls[1].init.body).toBe('{"pdqThreshold":20}');
  });

  it('surfaces the server’s 4xx message, joined when class-validator gives a list', async () => {
    const { fetcher } = fakeFetch({
      'POST /api/v1/banks': { status: 400, body: { statusCode: 400, message: ['name must be a string', 'kind must be one of positive, negative'] } },
      'GET /api/v1/banks/x': { status: 404, body: { message: 'bank x not found' } },
    });
    const client = new ApiClient({ tokens: memoryTokens('t'), fetch: fetcher });
    await expect(client.post('/api/v1/banks', {})).rejects.toEqual(new ApiError(400, 'name must be a string; kind must be one of positive, negative'));
    const missingBank = await client.get('/api/v1/banks/x').catch((error: ApiError) => error);
    expect(missingBank).toMatchObject({ status: 404, message: 'bank x not found', isMissingRoute: false });
    const missingRoute = await client.get('/api/v1/not-yet').catch((error: ApiError) => error);
    expect(missingRoute).toMatchObject({ status: 404, isMissingRoute: true });
  });

  it('drops the token and tells the UI on a 401, but not for a failed sign-in', async () => {
    const { fetcher } = fakeFetch({
      'GET /api/v1/banks': { status: 401, body: { message: 'Unauthorized' } },
      'POST /api/v1/auth/login': { status: 401, body: { message: 'unknown username or wrong password' } },
    });
    const tokens = memoryTokens('expired');
    let told = 0;
    const client = new ApiClient({ tokens, fetch: fetcher, onUnauthorized: () => told++ });
    await expect(client.get('/api/v1/banks')).rejects.toMatchObject({ status: 401 });
    expect(tokens.get()).toBeUndefined();
    expect(told).toBe(1);
    await expect(client.signIn('reviewer', 'wrong')).rejects.toThrow('unknown username or wrong password');
    expect(told).toBe(1);
  });

  it('sends the authenticator code and tells which field the server refused', async () => {
    const { fetcher, calls } = fakeFetch({ 'POST /api/v1/auth/login': { status: 401, body: { statusCode: 401, message: 'totpCode: the code is wrong, expired or already used', field: 'totpCode' } } });
    const tokens = memoryTokens();
    const client = new ApiClient({ tokens, fetch: fetcher });
    const refused = await client.signIn('reviewer', 'secret', '123456').catch((error: ApiError) => error);
    expect(refused).toMatchObject({ status: 401, field: 'totpCode' });
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ username: 'reviewer', password: 'secret', totpCode: '123456' });
    expect(tokens.get()).toBeUndefined();
  });

  it('holds an enrolment-only token apart: not signed in until the authenticator is confirmed', async () => {
    const { fetcher, calls } = fakeFetch({
      'POST /api/v1/auth/login': { status: 200, body: { accessToken: 'enrol-only', roles: [], totpEnrolmentRequired: true } },
      'POST /api/v1/auth/totp/enroll': { status: 200, body: { secret: 'JBSWY3DPEHPK3PXP', otpauthUri: 'otpauth://totp/x' } },
      'POST /api/v1/auth/totp/confirm': { status: 200, body: { accessToken: 'full', roles: ['reviewer'] } },
    });
    const tokens = memoryTokens();
    const client = new ApiClient({ tokens, fetch: fetcher });
    expect(await client.signIn('reviewer', 'secret')).toBe('totp-enrolment-required');
    expect(client.signedIn).toBe(false);
    expect(await client.beginTotpEnrolment()).toEqual({ secret: 'JBSWY3DPEHPK3PXP', otpauthUri: 'otpauth://totp/x' });
    await client.confirmTotpEnrolment('654321');
    expect(tokens.get()).toBe('full');
    expect(calls.slice(1).map((call) => new Headers(call.init.headers).get('authorization'))).toEqual(['Bearer enrol-only', 'Bearer enrol-only']);
    expect(calls[2].init.body).toBe('{"code":"654321"}');
    await expect(client.beginTotpEnrolment()).rejects.toMatchObject({ status: 401 });
  });

  it('does not sign out the tab when the enrolment token is refused', async () => {
    const { fetcher } = fakeFetch({
      'POST /api/v1/auth/login': { status: 200, body: { accessToken: 'enrol-only', totpEnrolmentRequired: true } },
      'POST /api/v1/auth/totp/confirm': { status: 400, body: { message: 'code: does not match', field: 'code' } },
    });
    let told = 0;
    const client = new ApiClient({ tokens: memoryTokens(), fetch: fetcher, onUnauthorized: () => told++ });
    await client.signIn('reviewer', 'secret');
    await expect(client.confirmTotpEnrolment('000000')).rejects.toMatchObject({ status: 400, field: 'code' });
    expect(told).toBe(0);
  });

  it('offers single sign-on only when the service says so, and not on a server without the route', async () => {
    const on = new ApiClient({ tokens: memoryTokens(), fetch: fakeFetch({ 'GET /api/v1/auth/options': { status: 200, body: { oidc: true } } }).fetcher });
    expect(await on.signInOptions()).toEqual({ oidc: true });
    expect(await new ApiClient({ tokens: memoryTokens(), fetch: fakeFetch({}).fetcher }).signInOptions()).toEqual({ oidc: false });
    expect(on.singleSignOnUrl('/')).toBe('/api/v1/auth/oidc/login?returnTo=%2F');
  });

  it('takes the token single sign-on leaves in the fragment, or the reason it failed', () => {
    const tokens = memoryTokens();
    const client = new ApiClient({ tokens, fetch: fakeFetch({}).fetcher });
    expect(client.acceptSingleSignOn('#/banks?q=x', '#/')).toBeUndefined();
    expect(client.acceptSingleSignOn('#/signed-in-elsewhere?token=t', '#/')).toBeUndefined();
    expect(tokens.get()).toBeUndefined();
    expect(client.acceptSingleSignOn('#/signed-in?error=no+role+here', '#/staff')).toBe('#/staff');
    expect(client.lastSingleSignOnFailure).toBe('no role here');
    expect(client.acceptSingleSignOn('#/signed-in?token=a.b%2Bc', '#/')).toBe('#/');
    expect(tokens.get()).toBe('a.b+c');
    expect(client.lastSingleSignOnFailure).toBeUndefined();
  });

  it('manages staff accounts: the service’s roles, create, roles, disable and enable, resets; names encoded whole', async () => {
    const account = { username: 'oidc:sam@example.org', displayName: 'Sam Example', roles: ['analyst'], status: 'active', signIn: 'single-sign-on', totp: 'none', createdBy: 'admin', createdAt: '2026-01-05T10:00:00.000Z', updatedAt: '2026-01-05T10:00:00.000Z' };
    const path = '/api/v1/staff-accounts/oidc%3Asam%40example.org';
    const { fetcher, calls } = fakeFetch({
      'GET /api/v1/staff-accounts': { status: 200, body: [account] },
      'GET /api/v1/staff-accounts/roles': { status: 200, body: { roles: ['analyst', 'supervisor', 'admin'] } },
      'POST /api/v1/staff-accounts': { status: 201, body: { ...account, username: 'new.analyst', signIn: 'local' } },
      [`PUT ${path}/roles`]: { status: 400, body: { statusCode: 400, message: 'username: oidc:sam@example.org signs in through the identity provider; its roles come from the identity provider', field: 'username' } },
      [`POST ${path}/disable`]: { status: 200, body: { ...account, status: 'disabled' } },
      [`POST ${path}/enable`]: { status: 200, body: account },
      'POST /api/v1/staff-accounts/new.analyst/reset-password': { status: 200, body: account },
      'POST /api/v1/staff-accounts/new.analyst/reset-totp': { status: 200, body: account },
    });
    const client = new ApiClient({ tokens: memoryTokens('t'), fetch: fetcher });
    expect(await client.staffAccounts()).toEqual([account]);
    expect(await client.staffRoles()).toEqual(['analyst', 'supervisor', 'admin']);
    await client.createStaffAccount({ username: 'new.analyst', displayName: 'New Analyst', roles: ['analyst'], password: 'a first passphrase' });
    expect(JSON.parse(String(calls[2].init.body))).toEqual({ username: 'new.analyst', displayName: 'New Analyst', roles: ['analyst'], password: 'a first passphrase' });
    await expect(client.setStaffRoles(account.username, ['admin'])).rejects.toMatchObject({ status: 400, field: 'username' });
    expect(calls[3].init).toMatchObject({ method: 'PUT', body: '{"roles":["admin"]}' });
    expect(await client.disableStaffAccount(account.username)).toMatchObject({ status: 'disabled' });
    expect(await client.enableStaffAccount(account.username)).toMatchObject({ status: 'active' });
    await client.resetStaffPassword('new.analyst', 'another passphrase');
    expect(calls[6].init.body).toBe('{"password":"another passphrase"}');
    await client.resetStaffTotp('new.analyst');
    expect(calls.map((call) => `${call.init.method} ${call.url}`).slice(4)).toEqual([`POST ${path}/disable`, `POST ${path}/enable`, 'POST /api/v1/staff-accounts/new.analyst/reset-password', 'POST /api/v1/staff-accounts/new.analyst/reset-totp']);
  });

  it('reads the signed-in person from the token for display', () => {
    const payload = Buffer.from(JSON.stringify({ sub: 'reviewer', name: 'Demo Reviewer', roles: ['reviewer'] })).toString('base64url');
    const client = new ApiClient({ tokens: memoryTokens(`h.${payload}.s`), fetch: fakeFetch({}).fetcher });
    expect(client.currentUser()).toEqual({ username: 'reviewer', displayName: 'Demo Reviewer', roles: ['reviewer'] });
    expect(new ApiClient({ tokens: memoryTokens('garbage'), fetch: fakeFetch({}).fetcher }).currentUser()).toBeUndefined();
  });

  it('takes a download’s file name from Content-Disposition, never a path', () => {
    expect(filenameFrom('attachment; filename="demo-bank.vics.json"')).toBe('demo-bank.vics.json');
    expect(filenameFrom('attachment; filename=../../etc/passwd')).toBe('passwd');
    expect(filenameFrom(null)).toBeUndefined();
  });

  it('builds query strings without the empty filters', () => {
    expect(queryString({ q: 'ab cd', classification: '', status: undefined, limit: 50, cursor: null })).toBe('?q=ab+cd&limit=50');
    expect(queryString({})).toBe('');
  });

  it('takes a non-JSON error body as the message, and a bare status when there is none', () => {
    expect(errorMessageFrom(502, '<html>Bad gateway</html>')).toBe('<html>Bad gateway</html>');
    expect(errorMessageFrom(500, undefined)).toBe('HTTP 500');
  });

  it('keeps the token in sessionStorage so a reload stays signed in, and forgets it on sign-out', () => {
    const stored = new Map<string, string>();
    const storage = { getItem: (key: string) => stored.get(key) ?? null, setItem: (key: string, value: string) => void stored.set(key, value), removeItem: (key: string) => void stored.delete(key) };
    sessionTokenStore('k', storage).set('abc');
    expect(sessionTokenStore('k', storage).get()).toBe('abc');
    sessionTokenStore('k', storage).set(undefined);
    expect(stored.has('k')).toBe(false);
  });
});
