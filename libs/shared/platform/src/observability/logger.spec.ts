import { withRequestId } from '@vigil/messaging';
import { Writable } from 'node:stream';
import { createLogger, loggingOptionsFromEnv, prettyLine } from './logger';
import { PinoNestLogger } from './nest-logger';
import { withService } from './service-context';

function capturingLogger(level = 'info') {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger({ level, format: 'json' }, sink), entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>), text: () => lines.join('\n') };
}

describe('the platform logger', () => {
  it('writes JSON lines stamped with the current request id, and none outside a request', () => {
    const { logger, entries } = capturingLogger();
    withRequestId('req-0123456789', () => logger.info('inside'));
    logger.info('outside');
    const [inside, outside] = entries();
    expect(inside).toMatchObject({ msg: 'inside', requestId: 'req-0123456789', level: 30 });
    expect(typeof inside.time).toBe('string');
    expect(outside.requestId).toBeUndefined();
  });

  it('ignores a malformed request id rather than logging it', () => {
    const { logger, entries } = capturingLogger();
    withRequestId('bad id\n{"forged":true}', () => logger.info('line'));
    // An event naming no request is not logged under the request that happened to be running.
    withRequestId('req-0123456789', () => withRequestId(undefined, () => logger.info('event without a request')));
    expect(entries().map((entry) => entry.requestId)).toEqual([undefined, undefined]);
  });

  it('censors credentials and bodies wherever a careless call puts them', () => {
    const { logger, text } = capturingLogger();
    logger.info({ req: { headers: { authorization: 'Bearer sekrit-token-1', cookie: 'vigil_queue_board=sekrit-cookie-2', 'x-api-key': 'vgl_sekrit-key-3' } } }, 'request');
    logger.info({ password: 'sekrit-password-4', user: { password: 'sekrit-password-5', token: 'sekrit-token-6' }, body: { email: 'someone@example.org' } }, 'careless');
    expect(text()).not.toMatch(/sekrit|someone@example\.org/);
    expect(text()).toContain('[redacted]');
  });

  it('respects LOG_LEVEL and refuses an unknown level or format by name', () => {
    const { logger, entries } = capturingLogger('warn');
    logger.info('dropped');
    logger.warn('kept');
    expect(entries().map((entry) => entry.msg)).toEqual(['kept']);
    expect(loggingOptionsFromEnv({})).toEqual({ level: 'info', format: 'json' });
    expect(() => loggingOptionsFromEnv({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loggingOptionsFromEnv({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
  });

  it('formats a line for people when LOG_FORMAT=pretty', () => {
    const line = prettyLine(JSON.stringify({ level: 40, time: '2026-11-23T12:00:01.123Z', service: 'tipline', msg: 'slow', requestId: 'abc12345' }));
    expect(line).toBe('12:00:01.123 WARN  [tipline] slow requestId=abc12345');
  });

  it('carries Nest framework logs as JSON, its start-up chatter at debug level', () => {
    const { logger, entries } = capturingLogger('info');
    const nest = new PinoNestLogger(logger);
    nest.log('Mapped {/api, GET} route', 'RouterExplorer');
    nest.log('bank imported', 'bank-import');
    nest.error('boom', 'Error: boom\n    at somewhere', 'http');
    expect(entries()).toEqual([
      expect.objectContaining({ msg: 'bank imported', context: 'bank-import', level: 30 }),
      expect.objectContaining({ msg: 'boom', context: 'http', level: 50, stack: expect.stringContaining('at somewhere') }),
    ]);
  });

  it('names the service of the request a Nest line was written for, which embedded mode’s shared static Logger cannot know', () => {
    const { logger, entries } = capturingLogger('info');
    const lastStarted = new PinoNestLogger(logger, 'referral-hub');
    withService('tipline', () => lastStarted.error('tipline request failed', undefined, 'http'));
    lastStarted.log('outside any request', 'bank-import');
    expect(entries().map((entry) => entry.service)).toEqual(['tipline', 'referral-hub']);
  });
});
