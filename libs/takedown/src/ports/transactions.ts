/**
 * Runs work in one database transaction that the repositories join, so a URL's status and its
 * notice commit together (and, inside an event handler, together with the inbox row).
 */
export interface Transactions {
  run<T>(work: () => Promise<T>): Promise<T>;
}

export const TAKEDOWN_TRANSACTIONS = Symbol('TakedownTransactions');
