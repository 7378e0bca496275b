import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The id of the request (or of the event delivery) the current code runs for. HTTP middleware
 * opens it, the outbox stamps it into every event written meanwhile, and a consumer reopens it
 * from the event, so one report's log lines can be followed from the tipline to the referral hub.
 */
const storage = new AsyncLocalStorage<{ requestId: string }>();

/** Ids we accept from outside (a header, an event): short, and nothing that could forge a log field. */
const WELL_FORMED_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,99}$/;

export function isWellFormedRequestId(value: unknown): value is string {
  return typeof value === 'string' && WELL_FORMED_REQUEST_ID.test(value);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/**
 * Runs `work` with `requestId` as the current one. A missing or malformed id runs it with none, so
 * an event that names no request is never logged under whichever request happened to wake the relay.
 */
export function withRequestId<T>(requestId: string | undefined, work: () => T): T {
  return isWellFormedRequestId(requestId) ? storage.run({ requestId }, work) : storage.exit(work);
}
