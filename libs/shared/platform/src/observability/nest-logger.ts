import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';
import { currentService } from './service-context';

/** Nest's start-up chatter (module loaded, route mapped): debug, so the info log stays about work done. */
const FRAMEWORK_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/**
 * Nest's logger over pino, so framework and `new Logger(...)` lines are JSON like the rest. Each
 * line names the service of the request or event it was written for, else `service`: see
 * service-context.ts for why `logger` must not be bound to a service itself.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger, private readonly service?: string) {}

  log(message: unknown, ...params: unknown[]): void {
    const context = contextOf(params);
    this.write(context && FRAMEWORK_CONTEXTS.has(context) ? 'debug' : 'info', message, context);
  }

  error(message: unknown, ...params: unknown[]): void {
    const context = contextOf(params);
    const stack = params.length >= 2 && typeof params[0] === 'string' ? params[0] : undefined;
    if (message instanceof Error) this.logger.error({ ...this.origin(), context, err: message }, message.message);
    else this.logger.error({ ...this.origin(), context, ...(stack ? { stack } : {}) }, String(message));
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, contextOf(params));
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, contextOf(params));
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, contextOf(params));
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, contextOf(params));
  }

  private write(level: 'fatal' | 'warn' | 'info' | 'debug' | 'trace', message: unknown, context: string | undefined): void {
    if (typeof message === 'object' && message !== null) this.logger[level]({ ...this.origin(), context, ...(message as object) });
    else this.logger[level]({ ...this.origin(), context }, String(message));
  }

  private origin(): { service?: string } {
    const service = currentService() ?? this.service;
    return service ? { service } : {};
  }
}

/** Nest passes the logger's context as the last string argument. */
function contextOf(params: unknown[]): string | undefined {
  const last = params[params.length - 1];
  return typeof last === 'string' ? last : undefined;
}
