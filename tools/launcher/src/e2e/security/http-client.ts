/** What a test needs of an HTTP answer: the status and the body, parsed when it is JSON. */
export interface Answer<T = unknown> {
  status: number;
  body: T;
  text: string;
}

export interface Call {
  method?: string;
  token?: string;
  apiKey?: string;
  /** A JSON value (sent as application/json) or raw bytes/text/form with `type`. */
  json?: unknown;
  body?: string | Buffer | FormData;
  type?: string;
  headers?: Record<string, string>;
}

export async function call<T = unknown>(url: string, init: Call = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.apiKey) headers['x-api-key'] = init.apiKey;
  let body: string | Uint8Array | FormData | undefined;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  } else if (init.body !== undefined) {
    if (init.type) headers['content-type'] = init.type;
    body = Buffer.isBuffer(init.body) ? new Uint8Array(init.body) : init.body;
  }
  const response = await fetch(url, { method: init.method ?? 'GET', headers, body, redirect: 'manual' });
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').includes('json');
  let parsed: unknown = text;
  if (isJson && text.length > 0) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: response.status, body: parsed as T, text };
}

/** Runs tasks with at most `limit` in flight, keeping their order in the result. */
export async function inBatches<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
