import { currentRequestId } from '@vigil/messaging';
import pino, { type DestinationStream, type Logger } from 'pino';
import { Writable } from 'node:stream';

export type LogFormat = 'json' | 'pretty';

export interface LoggingOptions {
  level: string;
  format: LogFormat;
}

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** LOG_LEVEL (info by default) and LOG_FORMAT (json by default; `pretty` for a terminal). */
export function loggingOptionsFromEnv(env: NodeJS.ProcessEnv): LoggingOptions {
  const level = (env.LOG_LEVEL || 'info').toLowerCase();
  if (!LEVELS.includes(level)) throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(', ')}; got "${env.LOG_LEVEL}"`);
  const format = (env.LOG_FORMAT || 'json').toLowerCase();
  if (format !== 'json' && format !== 'pretty') throw new Error(`LOG_FORMAT must be json or pretty; got "${env.LOG_FORMAT}"`);
  return { level, format };
}

/**
 * Fields that must never reach a log, wherever a careless call puts them. Bodies are never
 * logged in the first place (the request serializer keeps method, path and status only); this
 * is the second line of defence.
 */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'token',
  '*.token',
  'apiKey',
  '*.apiKey',
  'body',
  '*.body',
];

/**
 * The process's root logger: JSON lines on stdout (written synchronously, so the last lines
 * before an exit are not lost; a hotline's volume does not need more), each stamped with the current request id
 * (see withRequestId), with sensitive fields censored.
 */
export function createLogger(options: LoggingOptions, destination?: DestinationStream): Logger {
  const target = destination ?? (options.format === 'pretty' ? prettyLogStream(process.stdout) : pino.destination({ dest: 1, sync: true }));
  return pino(
    {
      level: options.level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
    },
    target,
  );
}

let processLogger: Logger | undefined;

/** One root logger per process, configured from the environment on first use. */
export function rootLogger(): Logger {
  return (processLogger ??= createLogger(loggingOptionsFromEnv(process.env)));
}

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const SHOWN_APART = new Set(['time', 'level', 'msg', 'pid', 'hostname', 'service', 'context']);

/**
 * LOG_FORMAT=pretty: one readable line per entry for a developer's terminal
 * (`12:00:01.123 INFO  [tipline] message key=value`). Deliberately tiny; production keeps JSON.
 */
export function prettyLogStream(out: NodeJS.WritableStream): Writable {
  let pending = '';
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line) out.write(`${prettyLine(line)}\n`);
      done();
    },
  });
}

export function prettyLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 23) : '';
  const level = (LEVEL_NAMES[Number(entry.level)] ?? String(entry.level)).padEnd(5);
  const where = [entry.service, entry.context].filter(Boolean).join(' ');
  const rest = Object.entries(entry)
    .filter(([key]) => !SHOWN_APART.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  return [time, level, where ? `[${where}]` : '', String(entry.msg ?? ''), rest].filter(Boolean).join(' ');
}
