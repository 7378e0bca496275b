/**
 * The staff UIs' HTTP client: JSON in and out, the bearer token on every call, and the
 * server's own 4xx message (`{ message }`, a string or class-validator's list) surfaced as the
 * error, so a person sees "pdqThreshold: must be an integer from 0 to 256", not "HTTP 400".
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
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

  constructor(private readonly options: ApiClientOptions) {
    this.baseUrl = options.baseUrl ?? '';
    this.fetcher = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  get signedIn(): boolean {
    return Boolean(this.options.tokens.get());
  }

  /** POST /api/v1/auth/login; keeps the token. */
  async signIn(username: string, password: string): Promise<void> {
    const { accessToken } = await this.post<{ accessToken: string }>('/api/v1/auth/login', { username, password });
    this.options.tokens.set(accessToken);
  }

  signOut(): void {
    this.options.tokens.set(undefined);
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

  get<T>(path: string, query?: Record<string, QueryValue>): Promise<T> {
    return this.json<T>(`${path}${queryString(query)}`, { method: 'GET' });
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.json<T>(path, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body) });
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.json<T>(path, { method: 'PATCH', body: JSON.stringify(body) });
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

  private async json<T>(path: string, init: RequestInit): Promise<T> {
    const response = await this.send(path, init);
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private async send(path: string, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers);
    const token = this.options.tokens.get();
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
    if (response.status === 401 && token && !path.endsWith('/auth/login')) {
      this.options.tokens.set(undefined);
      this.options.onUnauthorized?.();
    }
    throw new ApiError(response.status, errorMessageFrom(response.status, body));
  }
}
