import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpRemovalChecker } from './http-removal-checker';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** A local HTTP server whose answer each test scripts by path. */
describe('HttpRemovalChecker against a local server', () => {
  let server: Server;
  let base: string;
  const routes = new Map<string, Handler>();
  const seen: Array<{ method?: string; url?: string; range?: string }> = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push({ method: request.method, url: request.url, range: request.headers.range });
      const handler = routes.get(request.url ?? '');
      if (handler) handler(request, response);
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    routes.clear();
    seen.length = 0;
  });

  const checker = new HttpRemovalChecker({ allowPrivateAddresses: true, timeoutMs: 1000, maxRedirects: 3 });

  it('200 → up, with one HEAD request', async () => {
    routes.set('/up', (_request, response) => response.writeHead(200, { 'content-type': 'image/jpeg' }).end());
    expect(await checker.check(`${base}/up`)).toEqual({ state: 'up', detail: 'HTTP 200' });
    expect(seen).toEqual([{ method: 'HEAD', url: '/up', range: undefined }]);
  });

  it('404 and 410 → removed', async () => {
    routes.set('/gone', (_request, response) => response.writeHead(410).end());
    expect(await checker.check(`${base}/missing`)).toEqual({ state: 'removed', detail: 'HTTP 404' });
    expect(await checker.check(`${base}/gone`)).toEqual({ state: 'removed', detail: 'HTTP 410' });
  });

  it('asks again with a ranged GET when HEAD is refused, and never reads the body', async () => {
    let bytesWritten = 0;
    let finished = false;
    routes.set('/no-head', (request, response) => {
      if (request.method === 'HEAD') return void response.writeHead(405).end();
      // Ignores the Range header and streams 64 MB: the checker must hang up long before the end.
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024);
      const write = () => {
        while (bytesWritten < 64 * 1024 * 1024) {
          bytesWritten += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', write);
        }
        finished = true;
        response.end();
      };
      write();
    });
    expect(await checker.check(`${base}/no-head`)).toEqual({ state: 'up', detail: 'HTTP 200' });
    expect(seen.map((request) => [request.method, request.range])).toEqual([['HEAD', undefined], ['GET', 'bytes=0-0']]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(finished).toBe(false);
    expect(bytesWritten).toBeLessThan(8 * 1024 * 1024);
  });

  it('follows a redirect chain to its end, and gives up after too many', async () => {
    routes.set('/r1', (_request, response) => response.writeHead(301, { location: '/r2' }).end());
    routes.set('/r2', (_request, response) => response.writeHead(302, { location: `${base}/final` }).end());
    routes.set('/final', (_request, response) => response.writeHead(200).end());
    expect(await checker.check(`${base}/r1`)).toEqual({ state: 'up', detail: `HTTP 200 after 2 redirect(s) to ${base}/final` });
    routes.set('/to-gone', (_request, response) => response.writeHead(307, { location: '/gone-now' }).end());
    expect(await checker.check(`${base}/to-gone`)).toEqual({ state: 'removed', detail: `HTTP 404 after 1 redirect(s) to ${base}/gone-now` });
    routes.set('/loop', (_request, response) => response.writeHead(302, { location: '/loop' }).end());
    expect(await checker.check(`${base}/loop`)).toEqual({ state: 'unknown', detail: 'more than 3 redirects' });
  });

  it('a server that does not answer in time → unknown, asked once', async () => {
    routes.set('/slow', () => undefined); // never answers
    const started = Date.now();
    expect(await checker.check(`${base}/slow`)).toEqual({ state: 'unknown', detail: 'HEAD: no answer within 1000 ms' });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(seen.filter((request) => request.url === '/slow')).toHaveLength(1);
  });

  it('5xx → unknown (look again later), a host name that does not exist → removed', async () => {
    routes.set('/error', (_request, response) => response.writeHead(503).end());
    expect(await checker.check(`${base}/error`)).toEqual({ state: 'unknown', detail: 'HTTP 503' });
    // .invalid never resolves (RFC 6761): the one host name guaranteed not to exist.
    const probing = new HttpRemovalChecker({ allowPrivateAddresses: true, skipReservedNames: false, timeoutMs: 1000 });
    expect(await probing.check('http://no-such-host.vigil-test.invalid/a')).toEqual({ state: 'removed', detail: 'DNS: the host name no longer exists' });
  });

  it('by default probes neither private addresses nor reserved example domains', async () => {
    const strict = new HttpRemovalChecker({ timeoutMs: 1000 });
    expect(await strict.check(`${base}/up`)).toEqual({ state: 'unknown', detail: '127.0.0.1 is a private address: not checked' });
    expect(await strict.check('https://example.org/demo')).toEqual({ state: 'unknown', detail: 'example.org is a reserved name: not checked' });
    expect(await strict.check('http://[::1]/x')).toEqual({ state: 'unknown', detail: '::1 is a private address: not checked' });
    expect(await strict.check('http://10.1.2.3/x')).toMatchObject({ detail: '10.1.2.3 is a private address: not checked' });
    expect(await strict.check('http://localhost:1/x')).toMatchObject({ detail: 'localhost is a private address: not checked' });
    expect(await checker.check('https://files.example.net/x')).toEqual({ state: 'unknown', detail: 'files.example.net is a reserved name: not checked' });
    expect(seen).toEqual([]);
  });
});
