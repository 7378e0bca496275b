import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which service the current request or event delivery belongs to. Embedded mode runs the three
 * services in one process, and Nest's static Logger (the one `new Logger(context)` writes to) is
 * process-wide: it would name whichever service started last. Framework lines take the service
 * from here instead.
 */
const storage = new AsyncLocalStorage<string>();

export function currentService(): string | undefined {
  return storage.getStore();
}

export function withService<T>(service: string, work: () => T): T {
  return storage.run(service, work);
}
