/**
 * The staff UIs' HTTP client: JSON in and out, the bearer token on every call, and the
 * server's own 4xx message (`{ message }`, a string or class-validator's list) surfaced as the
 * error, so a person sees "pdqThreshold: must be an integer from 0 to 256", not "HTTP 400".
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The request field the server blames (`field` in its answer), e.g. `totpCode`. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** A route the server does not have (yet): Nest answers "Cannot GET /api/…". */
  get isMissingRoute(): boolean {
    return this.status === 404 && /^Cannot (GET|POST|PATCH|PUT|DELETE) /.test(this.message);
  }
}

export function errorMessageFrom(status: number, body: unknown): string {
  if (body && typeof body === 'object' && 'message' in body) {
    const message = (body as { message: unknown }).message;
    if (Array.isArray(message) && message.length > 0) return message.map(String).join('; ');
    if (typeof message === 'string' && message) return message;
  }
  if (typeof body === 'string' && body.trim()) return body.trim().slice(0, 300);
  return `HTTP ${status}`;
}

/** Where the bearer token lives: memory first, sessionStorage so a reload keeps the tab signed in. */
export interface TokenStore {
  get(): string | undefined;
  set(token: string | undefined): void;
}

export function sessionTokenStore(key = 'vigil.staffToken', storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined = globalThis.sessionStorage): TokenStore {
  let token = storage?.getItem(key) ?? undefined;
  return {
    get: () => token,
    set: (next) => {
      token = next;
      if (next) storage?.setItem(key, next);
      else storage?.removeItem(key);
    },
  };
}

/** `attachment; filename="bank.csv"` → `bank.csv` (only a plain name: no path survives). */
export function filenameFrom(disposition: string | null): string | undefined {
  const name = disposition ? /filename="?([^";]+)"?/i.exec(disposition)?.[1] : undefined;
  return name?.split(/[\\/]/).pop() || undefined;
}

export type QueryValue = string | number | boolean | undefined | null;

/** `?a=1&b=x`, leaving out empty values so optional filters stay optional. */
export function queryString(query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** `oidc:someone@example.org` is one path segment: the name is encoded whole. */
function staffAccountPath(username: string): string {
  return `/api/v1/staff-accounts/${encodeURIComponent(username)}`;
}

function fieldFrom(body: unknown): string | undefined {
  const field = body && typeof body === 'object' && 'field' in body ? (body as { field: unknown }).field : undefined;
  return typeof field === 'string' && field ? field : undefined;
}

/** A signed-in session, or one that must first enrol an authenticator app (the service requires TOTP). */
export type SignInOutcome = 'signed-in' | 'totp-enrolment-required';

/** What the sign-in page offers: `GET /api/v1/auth/options`. */
export interface SignInOptions {
  oidc: boolean;
}

/** Returned once by `POST /api/v1/auth/totp/enroll`: the secret to type, and the URI an app can scan. */
export interface TotpEnrolment {
  secret: string;
  otpauthUri: string;
}

/**
 * A staff account of this service as its administrators see it (`/api/v1/staff-accounts`): never
 * a password hash or TOTP secret. Mirrors StaffAccountView in libs/shared/security, which
 * browser code may not import.
 */
export interface StaffAccount {
  username: string;
  displayName: string;
  roles: string[];
  status: 'active' | 'locked' | 'disabled';
  /** local: a password and authenticator kept by the service; single-sign-on: the identity provider owns its roles and second factor. */
  signIn: 'local' | 'single-sign-on';
  totp: 'enabled' | 'pending' | 'none';
  lockedUntil?: string;
  lastSignInAt?: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface NewStaffAccount {
  username: string;
  displayName: string;
  roles: string[];
  password: string;
}

const SINGLE_SIGN_ON_FRAGMENT = /^#\/signed-in(?:\?|$)/;

export interface ApiClientOptions {
  tokens: TokenStore;
  baseUrl?: string;
  /** Called on a 401 after the token was dropped: the UI shows the sign-in form again. */
  onUnauthorized?: () => void;
  fetch?: typeof fetch;
}

export class ApiClient {
  private readonly baseUrl: string;
  private readonly fetcher: typeof fetch;
  /**
   * The short-lived token that may only enrol TOTP: kept apart from the token store, so the UI
   * does not count as signed in and it does not survive a reload.
   */
  private enrolmentToken?: string;
  private singleSignOnFailure?: string;

  constructor(private readonly options: ApiClientOptions) {
    this.baseUrl = options.baseUrl ?? '';
    this.fetcher = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  get signedIn(): boolean {
    return Boolean(this.options.tokens.get());
  }

  /**
   * POST /api/v1/auth/login. Keeps the token, unless it only allows enrolling an authenticator:
   * then `beginTotpEnrolment` and `confirmTotpEnrolment` finish the sign-in. A missing or wrong
   * code rejects with an ApiError whose `field` is `totpCode`.
   */
  async signIn(username: string, password: string, totpCode?: string): Promise<SignInOutcome> {
    this.singleSignOnFailure = undefined;
    const answer = await this.post<{ accessToken: string; totpEnrolmentRequired?: boolean }>('/api/v1/auth/login', { username, password, ...(totpCode ? { totpCode } : {}) });
    if (answer.totpEnrolmentRequired) {
      this.enrolmentToken = answer.accessToken;
      return 'totp-enrolment-required';
    }
    this.enrolmentToken = undefined;
    this.options.tokens.set(answer.accessToken);
    return 'signed-in';
  }

  /** POST /api/v1/auth/totp/enroll with the enrolment token: a new secret each call, shown this once. */
  async beginTotpEnrolment(): Promise<TotpEnrolment> {
    return this.json<TotpEnrolment>('/api/v1/auth/totp/enroll', { method: 'POST', body: '{}' }, this.pendingEnrolmentToken());
  }

  /** POST /api/v1/auth/totp/confirm: the app's first code activates it and signs in for real. */
  async confirmTotpEnrolment(code: string): Promise<void> {
    const { accessToken } = await this.json<{ accessToken: string }>('/api/v1/auth/totp/confirm', { method: 'POST', body: JSON.stringify({ code }) }, this.pendingEnrolmentToken());
    this.enrolmentToken = undefined;
    this.options.tokens.set(accessToken);
  }

  cancelTotpEnrolment(): void {
    this.enrolmentToken = undefined;
  }

  /** GET /api/v1/auth/options; a server without the route offers no single sign-on. */
  async signInOptions(): Promise<SignInOptions> {
    try {
      const options = await this.get<Partial<SignInOptions>>('/api/v1/auth/options');
      return { oidc: options?.oidc === true };
    } catch (error) {
      if (error instanceof ApiError && error.isMissingRoute) return { oidc: false };
      throw error;
    }
  }

  /** Where the single sign-on button goes: the service sends the browser back to `returnTo` (a path here) with the token. */
  singleSignOnUrl(returnTo: string): string {
    return `${this.baseUrl}/api/v1/auth/oidc/login${queryString({ returnTo })}`;
  }

  /**
   * Takes the token (or the failure) single sign-on left in the fragment (`#/signed-in?token=…`),
   * and returns the fragment to show instead, so the token leaves the address bar and history at
   * once. Undefined when the fragment is not a sign-in's.
   */
  acceptSingleSignOn(hash: string, landing: string): string | undefined {
    if (!SINGLE_SIGN_ON_FRAGMENT.test(hash)) return undefined;
    const answer = new URLSearchParams(hash.slice(hash.indexOf('?') + 1));
    const token = answer.get('token');
    if (token) {
      this.options.tokens.set(token);
      this.singleSignOnFailure = undefined;
    } else {
      this.singleSignOnFailure = answer.get('error') || 'the identity provider did not sign you in';
    }
    return landing;
  }

  /** Why the last single sign-on failed (the sign-in page shows it until the next attempt). */
  get lastSingleSignOnFailure(): string | undefined {
    return this.singleSignOnFailure;
  }

  signOut(): void {
    this.enrolmentToken = undefined;
    this.singleSignOnFailure = undefined;
    this.options.tokens.set(undefined);
  }

  private pendingEnrolmentToken(): string {
    if (!this.enrolmentToken) throw new ApiError(401, 'sign in again: the authenticator enrolment has expired or was not started');
    return this.enrolmentToken;
  }

  /** The signed-in person as the token says (for display only; the server checks the token). */
  currentUser(): { username: string; displayName: string; roles: string[] } | undefined {
    const token = this.options.tokens.get();
    const payload = token?.split('.')[1];
    if (!payload) return undefined;
    try {
      const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: string; name?: string; roles?: string[] };
      return { username: claims.sub ?? '', displayName: claims.name ?? claims.sub ?? '', roles: claims.roles ?? [] };
    } catch {
      return undefined;
    }
  }

  /** GET /api/v1/staff-accounts (admin): this service's accounts. */
  staffAccounts(): Promise<StaffAccount[]> {
    return this.get<StaffAccount[]>('/api/v1/staff-accounts');
  }

  /** GET /api/v1/staff-accounts/roles (admin): the roles this service grants, the only ones an account here can hold. */
  async staffRoles(): Promise<string[]> {
    return (await this.get<{ roles: string[] }>('/api/v1/staff-accounts/roles')).roles;
  }

  /** POST /api/v1/staff-accounts; a refusal names its field (`username`, `roles`, `password`) when the server does. */
  createStaffAccount(account: NewStaffAccount): Promise<StaffAccount> {
    return this.post<StaffAccount>('/api/v1/staff-accounts', account);
  }

  /** PUT /api/v1/staff-accounts/:username/roles; refused (400) for a single sign-on account, whose provider grants its roles. */
  setStaffRoles(username: string, roles: string[]): Promise<StaffAccount> {
    return this.put<StaffAccount>(`${staffAccountPath(username)}/roles`, { roles });
  }

  /** POST …/disable: its tokens stop at once. The server refuses an administrator's own account. */
  disableStaffAccount(username: string): Promise<StaffAccount> {
    return this.post<StaffAccount>(`${staffAccountPath(username)}/disable`);
  }

  /** POST …/enable: also lifts a lockout. */
  enableStaffAccount(username: string): Promise<StaffAccount> {
    return this.post<StaffAccount>(`${staffAccountPath(username)}/enable`);
  }

  /** POST …/reset-password (and lift a lockout); local accounts only. */
  resetStaffPassword(username: string, password: string): Promise<StaffAccount> {
    return this.post<StaffAccount>(`${staffAccountPath(username)}/reset-password`, { password });
  }

  /** POST …/reset-totp: forget the authenticator; the account enrols a new one at its next sign-in. Local accounts only. */
  resetStaffTotp(username: string): Promise<StaffAccount> {
    return this.post<StaffAccount>(`${staffAccountPath(username)}/reset-totp`);
  }

  get<T>(path: string, query?: Record<string, QueryValue>): Promise<T> {
    return this.json<T>(`${path}${queryString(query)}`, { method: 'GET' });
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.json<T>(path, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) });
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.json<T>(path, { method: 'PATCH', body: JSON.stringify(body) });
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.json<T>(path, { method: 'PUT', body: JSON.stringify(body) });
  }

  /** multipart/form-data (file uploads); the browser sets the boundary. */
  upload<T>(path: string, form: FormData): Promise<T> {
    return this.json<T>(path, { method: 'POST', body: form });
  }

  /** Binary answers (images, exports), fetched with the token, e.g. for an object URL. */
  async blob(path: string, init: RequestInit = {}): Promise<Blob> {
    const response = await this.send(path, init);
    return response.blob();
  }

  /** A download: the bytes and the file name the server suggests (Content-Disposition), if any. */
  async file(path: string, init: RequestInit = {}): Promise<{ blob: Blob; filename?: string }> {
    const response = await this.send(path, init);
    return { blob: await response.blob(), filename: filenameFrom(response.headers.get('content-disposition')) };
  }

  private async json<T>(path: string, init: RequestInit, tokenOverride?: string): Promise<T> {
    const response = await this.send(path, init, tokenOverride);
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private async send(path: string, init: RequestInit, tokenOverride?: string): Promise<Response> {
    const headers = new Headers(init.headers);
    const token = tokenOverride ?? this.options.tokens.get();
    if (token) headers.set('authorization', `Bearer ${token}`);
    if (typeof init.body === 'string') headers.set('content-type', 'application/json');
    headers.set('accept', headers.get('accept') ?? 'application/json, */*');
    const response = await this.fetcher(`${this.baseUrl}${path}`, { ...init, headers });
    if (response.ok) return response;
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (a proxy's error page, say): the text itself is the message.
    }
    if (response.status === 401 && token && !tokenOverride && !path.endsWith('/auth/login')) {
      this.options.tokens.set(undefined);
      this.options.onUnauthorized?.();
    }
    throw new ApiError(response.status, errorMessageFrom(response.status, body), fieldFrom(body));
  }
}
