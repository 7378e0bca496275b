import { ValidationError } from '@vigil/kernel';
import { entryStatus, type EntryStatus } from './entry-lifecycle';
import type { HashEntryProps, HashType } from './hash-bank';

/**
 * The per-bank change log partners pull to keep a local copy of a bank: every add, disable,
 * enable and correction of an entry, in order, each with the entry as it stood after it.
 */
export const ENTRY_CHANGE_OPS = ['add', 'disable', 'enable', 'update'] as const;
export type EntryChangeOp = (typeof ENTRY_CHANGE_OPS)[number];

/** What a partner sees of an entry: enough to match locally, nothing about who curated it or why. */
export interface SharedEntryView {
  id: string;
  hashType: HashType;
  value: string;
  classification: string;
  series?: string;
  victimIdentified: boolean;
  status: EntryStatus;
  disabledUntil?: string;
}

export interface EntryChange {
  /** Opaque to clients: pass it back as `since` to get the changes after this one. */
  cursor: string;
  op: EntryChangeOp;
  at: string;
  entry: SharedEntryView;
}

export interface EntryChangePage {
  changes: EntryChange[];
  /** Where to continue from; the `since` given when there was nothing new. */
  nextCursor: string;
  hasMore: boolean;
}

export function sharedEntryView(entry: HashEntryProps): SharedEntryView {
  return {
    id: entry.id,
    hashType: entry.hashType,
    value: entry.value,
    classification: entry.classification,
    series: entry.series,
    victimIdentified: entry.victimIdentified,
    status: entryStatus(entry),
    disabledUntil: entry.disabledUntil,
  };
}

/** Cursors are the change log's sequence numbers, in decimal; `0` is before the first change. */
export function parseChangeCursor(raw: string | undefined): string {
  if (raw === undefined || raw === '') return '0';
  if (!/^\d{1,18}$/.test(raw)) throw new ValidationError('since: a cursor from a previous page (digits), or nothing to start from the beginning', 'since');
  return String(Number.parseInt(raw, 10));
}

export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 100;

export function pageSize(raw: number | undefined, field = 'limit'): number {
  if (raw === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(raw) || raw < 1 || raw > MAX_PAGE_SIZE) throw new ValidationError(`${field}: an integer from 1 to ${MAX_PAGE_SIZE}`, field);
  return raw;
}
