import type { HashType } from '../../domain/banks/hash-bank';
import { GroupedBankEntryFinder } from './grouped-bank-entry-finder';
import { flipBits, InMemoryBankEntries } from './in-memory-bank-entries.test-util';
import { KnownMediaLookup } from './known-media-lookup';
import { MatchHashesUseCase } from './match-hashes.use-case';

const KNOWN_PDQ = 'f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22';
const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);
const SHA_FP = 'f'.repeat(64);

/** The in-memory banks, counting and recording the queries that reach them; a query can be held open. */
class RecordingBanks extends InMemoryBankEntries {
  readonly exactCalls: Array<Array<{ type: HashType; value: string }>> = [];
  readonly entryCalls: string[][] = [];
  private held?: Promise<void>;
  private release?: () => void;
  failNext?: Error;

  hold(): void {
    this.held = new Promise((resolve) => (this.release = resolve));
  }

  releaseHeld(): void {
    this.release?.();
    this.held = undefined;
  }

  override async findExact(digests: Array<{ type: HashType; value: string }>) {
    this.exactCalls.push(digests);
    await this.held;
    if (this.failNext) throw this.failNext;
    return super.findExact(digests);
  }

  override async findEntries(ids: string[]) {
    this.entryCalls.push(ids);
    await this.held;
    return super.findEntries(ids);
  }
}

describe('GroupedBankEntryFinder', () => {
  let banks: RecordingBanks;
  let grouped: GroupedBankEntryFinder;

  beforeEach(() => {
    banks = new RecordingBanks();
    banks.bank('known', 'positive', 20);
    banks.bank('false-positives', 'negative', 10);
    banks.entry('e-a', 'known', 'sha256', SHA_A);
    banks.entry('e-b', 'known', 'sha256', SHA_B);
    banks.entry('e-fp', 'false-positives', 'sha256', SHA_FP);
    banks.entry('e-pdq', 'known', 'pdq', KNOWN_PDQ);
    grouped = new GroupedBankEntryFinder(banks);
  });

  it('sends the lookups started together as one query each, and gives each caller only its own rows', async () => {
    const [a, b, none, entries] = await Promise.all([
      grouped.findExact([{ type: 'sha256', value: SHA_A }]),
      grouped.findExact([{ type: 'sha256', value: SHA_B }, { type: 'sha256', value: SHA_A }]),
      grouped.findExact([{ type: 'md5', value: 'c'.repeat(32) }]),
      grouped.findEntries(['e-pdq']),
    ]);
    expect(banks.exactCalls).toHaveLength(1);
    expect(banks.exactCalls[0]).toHaveLength(3);
    expect(banks.entryCalls).toEqual([['e-pdq']]);
    expect(a.map((candidate) => candidate.entry.id)).toEqual(['e-a']);
    expect(b.map((candidate) => candidate.entry.id).sort()).toEqual(['e-a', 'e-b']);
    expect(none).toEqual([]);
    expect(entries.map((found) => found.entry.id)).toEqual(['e-pdq']);
  });

  it('gathers the lookups arriving while a query runs into the next round, which sees changes made meanwhile', async () => {
    banks.hold();
    const first = grouped.findExact([{ type: 'sha256', value: SHA_A }]);
    await flush();
    expect(banks.exactCalls).toHaveLength(1);
    // The entry is disabled while the first round is in flight: lookups after that must see it.
    const entry = banks.entries.get('e-b');
    if (entry) banks.entries.set('e-b', { ...entry, disabledAt: '2026-01-02T00:00:00Z' });
    const second = grouped.findExact([{ type: 'sha256', value: SHA_B }]);
    const third = grouped.findExact([{ type: 'sha256', value: SHA_A }]);
    await flush();
    expect(banks.exactCalls).toHaveLength(1);
    banks.releaseHeld();
    const [firstFound, secondFound, thirdFound] = await Promise.all([first, second, third]);
    expect(banks.exactCalls).toHaveLength(2);
    expect(firstFound.map((candidate) => candidate.entry.id)).toEqual(['e-a']);
    expect(secondFound[0].entry.disabledAt).toBe('2026-01-02T00:00:00Z');
    expect(thirdFound.map((candidate) => candidate.entry.id)).toEqual(['e-a']);
  });

  it('keeps a round within its key budget without splitting a lookup', async () => {
    grouped = new GroupedBankEntryFinder(banks, 2);
    const found = await Promise.all([
      grouped.findExact([{ type: 'sha256', value: SHA_A }]),
      grouped.findExact([{ type: 'sha256', value: SHA_B }]),
      grouped.findExact([{ type: 'sha256', value: SHA_A }, { type: 'sha256', value: SHA_B }, { type: 'sha256', value: SHA_FP }]),
    ]);
    expect(banks.exactCalls.map((call) => call.length)).toEqual([2, 3]);
    expect(found.map((candidates) => candidates.map((candidate) => candidate.entry.id).sort())).toEqual([['e-a'], ['e-b'], ['e-a', 'e-b', 'e-fp']]);
  });

  it('fails every lookup of a round whose query failed, and serves the next round', async () => {
    banks.failNext = new Error('connection lost');
    const failed = Promise.all([grouped.findExact([{ type: 'sha256', value: SHA_A }]), grouped.findExact([{ type: 'sha256', value: SHA_B }])]);
    await expect(failed).rejects.toThrow('connection lost');
    banks.failNext = undefined;
    await expect(grouped.findExact([{ type: 'sha256', value: SHA_A }])).resolves.toHaveLength(1);
  });

  it('answers the match use case exactly as the repository alone does, negative banks included', async () => {
    banks.entry('e-fp-a', 'false-positives', 'sha256', SHA_A);
    const queries = [
      { type: 'sha256' as const, value: SHA_A },
      { type: 'sha256' as const, value: SHA_B },
      { type: 'pdq' as const, value: flipBits(KNOWN_PDQ, 5) },
      { type: 'pdq' as const, value: flipBits(KNOWN_PDQ, 30) },
      { type: 'md5' as const, value: 'd'.repeat(32) },
    ];
    const direct = new MatchHashesUseCase(new KnownMediaLookup(banks, banks));
    const viaGroup = new MatchHashesUseCase(new KnownMediaLookup(grouped, banks));
    const expected = await Promise.all(queries.map((query) => direct.execute([query])));
    const actual = await Promise.all(queries.map((query) => viaGroup.execute([query])));
    expect(actual).toEqual(expected);
    expect(actual[0][0]).toMatchObject({ matched: false, reason: expect.stringContaining('suppressed') });
    expect(actual[2][0]).toMatchObject({ matched: true, distance: 5 });
  });
});

/** Lets pending promise callbacks run. */
async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}
