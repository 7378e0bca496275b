import type { HashType } from '../../domain/banks/hash-bank';
import type { CandidateMatch } from '../../domain/banks/match-decision';
import type { BankEntryFinder } from './known-media-lookup';

type FoundEntry = Omit<CandidateMatch, 'distance'>;

interface Waiting<T> {
  keys: string[];
  resolve: (found: T[]) => void;
  reject: (error: unknown) => void;
}

/** Digests and entry ids asked for by the lookups gathered into one round. */
interface Round {
  exact: Array<Waiting<CandidateMatch>>;
  entries: Array<Waiting<FoundEntry>>;
}

/** Up to this many digests plus ids per round; a lookup is never split across rounds. */
const DEFAULT_MAX_KEYS_PER_ROUND = 5000;

/**
 * Group lookup for the match API: while one round of queries runs, the digests and entry ids
 * asked for by lookups arriving meanwhile gather, and go to the repository together in the next
 * round (one query for every digest, one for every id). Under load that is a couple of queries
 * per few dozen requests instead of two per request; when idle a lookup costs one round trip,
 * with no timer to wait for.
 *
 * Answers are as fresh as without grouping: a lookup only joins a round that starts after it
 * arrived, so a change committed before the request (an entry disabled, a threshold changed)
 * is always seen. Each caller gets exactly what the repository returns for its own keys.
 */
export class GroupedBankEntryFinder implements BankEntryFinder {
  private pending: Round = { exact: [], entries: [] };
  private draining?: Promise<void>;

  constructor(private readonly banks: BankEntryFinder, private readonly maxKeysPerRound = DEFAULT_MAX_KEYS_PER_ROUND) {}

  findExact(digests: Array<{ type: HashType; value: string }>): Promise<CandidateMatch[]> {
    if (digests.length === 0) return Promise.resolve([]);
    return this.enqueue(this.pending.exact, digests.map((digest) => digestKey(digest.type, digest.value)));
  }

  findEntries(ids: string[]): Promise<FoundEntry[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.enqueue(this.pending.entries, ids);
  }

  private enqueue<T>(queue: Array<Waiting<T>>, keys: string[]): Promise<T[]> {
    return new Promise<T[]>((resolve, reject) => {
      queue.push({ keys, resolve, reject });
      this.draining ??= this.drain().finally(() => (this.draining = undefined));
    });
  }

  private async drain(): Promise<void> {
    // Let the lookups started in this same tick (a request's digests and its PDQ ids) join.
    await Promise.resolve();
    while (this.pending.exact.length > 0 || this.pending.entries.length > 0) {
      const round = this.takeRound();
      await Promise.all([this.runExact(round.exact), this.runEntries(round.entries)]);
    }
  }

  /** Takes waiting lookups, oldest first, up to the key budget (always at least one). */
  private takeRound(): Round {
    let budget = this.maxKeysPerRound;
    const take = <T>(queue: Array<Waiting<T>>): Array<Waiting<T>> => {
      let count = 0;
      while (count < queue.length && (count === 0 || budget >= queue[count].keys.length)) {
        budget -= queue[count].keys.length;
        count++;
      }
      return queue.splice(0, count);
    };
    return { exact: take(this.pending.exact), entries: take(this.pending.entries) };
  }

  private async runExact(waiting: Array<Waiting<CandidateMatch>>): Promise<void> {
    if (waiting.length === 0) return;
    const digests = new Map<string, { type: HashType; value: string }>();
    for (const item of waiting) for (const key of item.keys) if (!digests.has(key)) digests.set(key, parseDigestKey(key));
    await settle(waiting, () => this.banks.findExact([...digests.values()]), (candidate) => digestKey(candidate.entry.hashType, candidate.entry.value));
  }

  private async runEntries(waiting: Array<Waiting<FoundEntry>>): Promise<void> {
    if (waiting.length === 0) return;
    const ids = [...new Set(waiting.flatMap((item) => item.keys))];
    await settle(waiting, () => this.banks.findEntries(ids), (found) => found.entry.id);
  }
}

/** Runs one shared query and hands each waiting lookup the rows for its own keys (or the error). */
async function settle<T>(waiting: Array<Waiting<T>>, query: () => Promise<T[]>, keyOf: (row: T) => string): Promise<void> {
  let rows: T[];
  try {
    rows = await query();
  } catch (error) {
    for (const item of waiting) item.reject(error);
    return;
  }
  const byKey = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = byKey.get(key);
    if (list) list.push(row);
    else byKey.set(key, [row]);
  }
  for (const item of waiting) {
    const found: T[] = [];
    // A lookup asking twice for one key gets its rows once, as a single query would return them.
    for (const key of new Set(item.keys)) found.push(...(byKey.get(key) ?? []));
    item.resolve(found);
  }
}

function digestKey(type: string, value: string): string {
  return `${type}:${value}`;
}

function parseDigestKey(key: string): { type: HashType; value: string } {
  const colon = key.indexOf(':');
  return { type: key.slice(0, colon) as HashType, value: key.slice(colon + 1) };
}
