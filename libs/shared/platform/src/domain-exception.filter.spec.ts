import { Logger, type ArgumentsHost } from '@nestjs/common';
import type { Writable } from 'node:stream';
import { DomainExceptionFilter } from './domain-exception.filter';

// busboy (multer's parser) ships no types: this is the part of it the test uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const busboy = require('busboy') as (config: { headers: Record<string, string> }) => Writable;

/** What the filter answered: status and JSON body, captured from a stand-in response. */
function answer(error: unknown): { status: number; body: Record<string, unknown>; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  const sent = { status: 0, body: {} as Record<string, unknown>, headers };
  const response = {
    headersSent: false,
    setHeader(name: string, value: string) {
      headers[name] = value;
    },
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
      return this;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => response, getRequest: () => ({ method: 'POST', url: '/api/v1/match' }) }) } as unknown as ArgumentsHost;
  new DomainExceptionFilter().catch(error, host);
  return sent;
}

/** The error busboy itself raises for this multipart request (multer passes it on unchanged). */
function busboyError(contentType: string, body: string): Promise<Error> {
  return new Promise((resolve, reject) => {
    try {
      const parser = busboy({ headers: { 'content-type': contentType } });
      parser.on('error', (error: Error) => resolve(error));
      parser.on('close', () => reject(new Error('busboy read the body without an error')));
      parser.end(Buffer.from(body));
    } catch (error) {
      resolve(error as Error);
    }
  });
}

describe('DomainExceptionFilter', () => {
  it('answers a multipart body without a boundary with 400 naming the body, not 500 (found by the fuzz suite on POST /api/v1/match)', async () => {
    const error = await busboyError('multipart/form-data', '{}');
    expect(error.message).toBe('Multipart: Boundary not found');
    expect(answer(error)).toEqual({ status: 400, headers: {}, body: expect.objectContaining({ field: 'body', message: expect.stringContaining('multipart/form-data body cannot be read') }) });
  });

  it('answers a truncated multipart body with 400', async () => {
    const error = await busboyError('multipart/form-data; boundary=----x', '------x\r\nContent-Disposition: form-data; name="a"\r\n\r\n');
    expect(error.message).toBe('Unexpected end of form');
    expect(answer(error).status).toBe(400);
  });

  it('answers a database outage with 503 and Retry-After, not a 500: restarting, cut, shutting down (found by the chaos test)', () => {
    const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const shutdown = Object.assign(new Error('QueryFailedError'), { driverError: Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }) });
    const aggregate = new AggregateError([refused], 'connect failed');
    for (const outage of [refused, shutdown, aggregate, new Error('Connection terminated unexpectedly')]) {
      expect(answer(outage)).toEqual({
        status: 503,
        body: { statusCode: 503, error: 'Service Unavailable', message: 'the database is unavailable; nothing was saved; try again shortly' },
        headers: { 'Retry-After': '5' },
      });
    }
    expect(warned).toHaveBeenCalledTimes(4);
    warned.mockRestore();
  });

  it('still answers an unexpected error with a bare 500 that carries no detail, and logs it', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    expect(answer(new Error('connection terminated: SELECT secret FROM x'))).toEqual({ status: 500, headers: {}, body: { statusCode: 500, error: 'Internal Server Error', message: 'an unexpected error occurred; it has been logged' } });
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('SELECT secret'));
    logged.mockRestore();
  });
});
