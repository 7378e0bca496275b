import { ValidationError } from '@vigil/kernel';
import { pageSize } from './entry-change';
import { parseClassification, type HashEntryProps } from './hash-bank';

/** Browsing a bank: newest first, filtered, one keyset page at a time. */
export interface EntrySearch {
  /** A hash prefix (hex), or words found in the series or the notes. */
  q?: string;
  classification?: string;
  status: 'active' | 'disabled' | 'all';
  limit: number;
  /** Entries older than this one (the previous page's last). */
  after?: { addedAt: string; id: string };
}

export interface EntrySearchPage {
  entries: HashEntryProps[];
  /** Pass back as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}

const ENTRY_CURSOR = /^(\d{1,15})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const MAX_QUERY_LENGTH = 200;

export function entryCursor(entry: Pick<HashEntryProps, 'addedAt' | 'id'>): string {
  return `${Date.parse(entry.addedAt)}.${entry.id}`;
}

export function entrySearch(input: { q?: string; classification?: string; status?: string; limit?: number; cursor?: string }): EntrySearch {
  const status = input.status ?? 'all';
  if (status !== 'active' && status !== 'disabled' && status !== 'all') throw new ValidationError('status: one of active, disabled, all', 'status');
  const q = input.q?.trim() || undefined;
  if (q && q.length > MAX_QUERY_LENGTH) throw new ValidationError(`q: at most ${MAX_QUERY_LENGTH} characters`, 'q');
  let classification: string | undefined;
  if (input.classification) {
    classification = parseClassification(input.classification);
    if (!classification) throw new ValidationError(`classification: "${input.classification}" is not a classification`, 'classification');
  }
  let after: EntrySearch['after'];
  if (input.cursor) {
    const match = ENTRY_CURSOR.exec(input.cursor);
    if (!match) throw new ValidationError('cursor: use the nextCursor of a previous page', 'cursor');
    after = { addedAt: new Date(Number(match[1])).toISOString(), id: match[2] };
  }
  return { q, classification, status, limit: pageSize(input.limit), after };
}
