import express from 'express';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { requestLoggingMiddleware } from './http-observability';
import { createLogger } from './logger';

/** A log destination that keeps each JSON line it is given, parsed. */
function logSink(): { lines: Array<Record<string, unknown>>; sink: Writable } {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, sink };
}

describe('the request log line', () => {
  it('logs successes at info, except on the service’s high-volume paths (debug); their failures are still logged', async () => {
    const { lines, sink } = logSink();
    const app = express();
    app.use(requestLoggingMiddleware(createLogger({ level: 'info', format: 'json' }, sink), ['/api/v1/match']));
    app.post('/api/v1/match', (request, response) => void response.status(request.query.fail ? 400 : 200).json({}));
    app.get('/api/v1/reports', (_request, response) => void response.json([]));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await fetch(`${base}/api/v1/match`, { method: 'POST' });
      await fetch(`${base}/api/v1/reports`);
      await fetch(`${base}/api/v1/match?fail=1`, { method: 'POST' });
      await new Promise((resolve) => setImmediate(resolve));
      expect(lines.map((line) => [line.msg, line.level])).toEqual([
        ['GET /api/v1/reports 200', 30],
        ['POST /api/v1/match 400', 40],
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('writes method, path, route, status, duration and request id; never the query string; a request the client gave up on is a warning', async () => {
    const { lines, sink } = logSink();
    const app = express();
    app.use((request, _response, next) => {
      (request as express.Request & { id: string }).id = 'request-0001';
      next();
    });
    app.use(requestLoggingMiddleware(createLogger({ level: 'info', format: 'json' }, sink)));
    app.get('/api/v1/reports/:reference', (_request, response) => void response.status(404).json({}));
    app.get('/api/v1/slow', () => undefined);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await fetch(`${base}/api/v1/reports/VGL-1?name=someone`);
      const giveUp = new AbortController();
      const slow = fetch(`${base}/api/v1/slow`, { signal: giveUp.signal }).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 100));
      giveUp.abort();
      await slow;
      for (let waited = 0; lines.length < 2 && waited < 2000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(lines[0]).toMatchObject({
        level: 40,
        msg: 'GET /api/v1/reports/VGL-1 404',
        req: { method: 'GET', path: '/api/v1/reports/VGL-1' },
        res: { statusCode: 404 },
        requestId: 'request-0001',
        route: '/api/v1/reports/:reference',
        responseTime: expect.any(Number),
      });
      expect(JSON.stringify(lines)).not.toContain('someone');
      expect(lines[1]).toMatchObject({ level: 40, msg: 'GET /api/v1/slow closed by the client before the answer' });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
