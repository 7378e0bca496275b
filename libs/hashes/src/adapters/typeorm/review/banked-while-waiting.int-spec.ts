import { ConflictError, FixedClock } from '@vigil/kernel';
import { platformTablesMigration } from '@vigil/persistence';
import { migratedTestDatabase, type MigratedTestDatabase } from '@vigil/test-fixtures';
import { randomBytes, randomUUID } from 'node:crypto';
import { CurateBankEntriesUseCase } from '../../../application/curate-banks/curate-bank-entries.use-case';
import { CurateBanksUseCase } from '../../../application/curate-banks/curate-banks.use-case';
import { BankChangeFollower } from '../../../application/follow-bank-changes/bank-change-follower';
import { KnownMediaLookup } from '../../../application/match-hashes/known-media-lookup';
import { ResolveKnownReviewItemsUseCase } from '../../../application/review/resolve-known-review-items.use-case';
import { ConsensusRule } from '../../../domain/review/consensus';
import { ReviewItem } from '../../../domain/review/review-item';
import { SnapshotablePdqCandidateFinder } from '../../match-index-snapshot/snapshotable-pdq-candidate-finder';
import { CreateHashBanks1763900000001 } from '../migrations/1763900000001-create-hash-banks';
import { BankCuration1764000100000 } from '../migrations/1764000100000-bank-curation';
import { CreateReviewQueue1764000500000 } from '../migrations/1764000500000-create-review-queue';
import { ReviewKnownMatch1764001000100 } from '../migrations/1764001000100-review-known-match';
import { ReviewWithdrawn1764001000200 } from '../migrations/1764001000200-review-withdrawn';
import { TypeOrmHashBankRepository } from '../typeorm-hash-bank.repository';
import { TypeOrmReviewItemRepository } from './typeorm-review-item.repository';

const SCHEMA = 'hash_detection';
const t0 = new Date('2026-11-23T10:00:00Z');
const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** One hash-detection process: its own in-memory index, following the shared Postgres. */
interface Replica {
  finder: SnapshotablePdqCandidateFinder;
  follower: BankChangeFollower;
  curate: CurateBanksUseCase;
  entries: CurateBankEntriesUseCase;
}

describe('banks changed through another replica, and review items whose hash was banked while they waited (Postgres)', () => {
  let setup: MigratedTestDatabase;
  let banks: TypeOrmHashBankRepository;
  let items: TypeOrmReviewItemRepository;
  const clock = new FixedClock(t0);

  async function startReplica(): Promise<Replica> {
    const follower = new BankChangeFollower(banks);
    await follower.positionAtHeads();
    const finder = new SnapshotablePdqCandidateFinder(() => banks.listPdqEntries());
    await finder.rebuild();
    follower.follow(finder);
    return { finder, follower, curate: new CurateBanksUseCase(banks, clock, randomUUID, finder), entries: new CurateBankEntriesUseCase(banks, clock, finder) };
  }

  function waitingItem(hashes: { sha256?: string; pdq?: string } = {}, enqueuedAt = t0): ReviewItem {
    return ReviewItem.enqueue({
      id: randomUUID(),
      mediaId: randomUUID(),
      reportId: randomUUID(),
      reportReference: 'VGL-TEST-0002',
      incidentType: 'sextortion',
      urgency: 'high',
      sha256: hashes.sha256 ?? hex(32),
      md5: hex(16),
      pdq: hashes.pdq,
      pdqQuality: hashes.pdq ? 100 : undefined,
      contentType: 'image/png',
      bytes: 100,
      enqueuedAt: enqueuedAt.toISOString(),
    });
  }

  beforeAll(async () => {
    setup = await migratedTestDatabase({
      schema: SCHEMA,
      migrations: [platformTablesMigration(), CreateHashBanks1763900000001, BankCuration1764000100000, CreateReviewQueue1764000500000, ReviewKnownMatch1764001000100, ReviewWithdrawn1764001000200],
    });
    banks = new TypeOrmHashBankRepository(setup.transactions, SCHEMA);
    items = new TypeOrmReviewItemRepository(setup.transactions, SCHEMA);
  });
  afterAll(() => setup.close());

  it('a PDQ entry added, disabled and enabled through one replica reaches the other replica’s index on its next poll', async () => {
    const a = await startReplica();
    const b = await startReplica();
    const bank = await a.curate.createBank({ name: `replicas ${randomUUID()}`, kind: 'positive', source: 'synthetic', terms: 'test only', owner: 'tests' });
    const value = hex(32);
    const entry = await a.curate.addEntry({ bankId: bank.id, hashType: 'pdq', value, classification: 'csam-b1', addedBy: 'curator' });

    expect(await a.finder.findNear(value, 0)).toEqual([{ entryId: entry.id, distance: 0 }]);
    expect(await b.finder.findNear(value, 0)).toEqual([]);
    expect(await b.follower.poll()).toEqual({ changes: 1, entriesNowMatching: 1 });
    expect(await b.finder.findNear(value, 0)).toEqual([{ entryId: entry.id, distance: 0 }]);

    await a.entries.disableEntry({ bankId: bank.id, entryId: entry.id, reason: 'false positive', by: 'curator' });
    await b.follower.poll();
    expect(await b.finder.findNear(value, 0)).toEqual([]);

    await a.entries.enableEntry({ bankId: bank.id, entryId: entry.id, by: 'curator' });
    await b.follower.poll();
    expect(await b.finder.findNear(value, 0)).toEqual([{ entryId: entry.id, distance: 0 }]);

    // Replaying its own changes leaves a replica's index as it was, and a quiet poll reads nothing.
    await a.follower.poll();
    expect(a.finder.status().fingerprint).toEqual(b.finder.status().fingerprint);
    expect(await b.follower.poll()).toEqual({ changes: 0, entriesNowMatching: 0 });
  });

  it('a replica started after the changes builds them from Postgres and does not replay them', async () => {
    const a = await startReplica();
    const bank = await a.curate.createBank({ name: `late ${randomUUID()}`, kind: 'positive', source: 'synthetic', terms: 'test only', owner: 'tests' });
    const value = hex(32);
    await a.curate.addEntry({ bankId: bank.id, hashType: 'pdq', value, classification: 'csam-a2', addedBy: 'curator' });
    const late = await startReplica();
    expect(await late.finder.findNear(value, 0)).toHaveLength(1);
    expect(await late.follower.poll()).toEqual({ changes: 0, entriesNowMatching: 0 });
  });

  it('takes out of the queue the waiting and the held items whose hash was banked meanwhile, once, and leaves the rest', async () => {
    const replica = await startReplica();
    const lookup = new KnownMediaLookup(banks, replica.finder);
    const resolve = new ResolveKnownReviewItemsUseCase(items, lookup, clock);
    await resolve.execute(); // items from earlier tests in this database are not this test's business
    // The oldest, so the reviewer below is handed this one.
    const exactOne = waitingItem({}, new Date(t0.getTime() - 60_000));
    const pdqValue = hex(32);
    const nearOne = waitingItem({ pdq: pdqValue });
    const unrelated = waitingItem({ pdq: hex(32) });
    await items.enqueue([exactOne, nearOne, unrelated]);
    // A reviewer is looking at one of them right now.
    const held = await items.claimNext('reviewer-1', t0, 600_000);
    expect(held?.id).toBe(exactOne.id);

    const bank = await replica.curate.createBank({ name: `meanwhile ${randomUUID()}`, kind: 'positive', source: 'synthetic', terms: 'test only', owner: 'tests', pdqThreshold: 20 });
    const exactEntry = await replica.curate.addEntry({ bankId: bank.id, hashType: 'sha256', value: exactOne.snapshot().sha256, classification: 'csam', addedBy: 'import' });
    // 5 bits away from the item's PDQ: within the bank's threshold of 20.
    const near = Buffer.from(pdqValue, 'hex');
    near[0] ^= 0b11111;
    const nearEntry = await replica.curate.addEntry({ bankId: bank.id, hashType: 'pdq', value: near.toString('hex'), classification: 'csam-b2', addedBy: 'curator' });

    expect(await resolve.execute()).toEqual({ checked: 3, resolved: 2 });
    const exactAfter = (await items.findById(exactOne.id))!.snapshot();
    expect(exactAfter.status).toBe('known');
    expect(exactAfter.knownMatch).toMatchObject({ entryId: exactEntry.id, bankId: bank.id, classification: 'csam', matchKind: 'exact', distance: 0 });
    expect(exactAfter.knownMatch?.reason).toContain('banked while it waited: sha256 equal to entry');
    const nearAfter = (await items.findById(nearOne.id))!.snapshot();
    expect(nearAfter.knownMatch).toMatchObject({ entryId: nearEntry.id, matchKind: 'near', distance: 5 });
    expect((await items.findById(unrelated.id))!.snapshot().status).toBe('pending');

    // The reviewer who held one of them cannot decide on it any more, and is told why.
    const heldNow = (await items.findById(exactOne.id))!;
    expect(heldNow.snapshot().claimedBy).toBeUndefined();
    expect(() => heldNow.decide('reviewer-1', 'csam-b1', undefined, t0, new ConsensusRule(2))).toThrow(ConflictError);
    expect(() => heldNow.decide('reviewer-1', 'csam-b1', undefined, t0, new ConsensusRule(2))).toThrow(/needs no review any more: banked while it waited/);
    // Known items leave the queue: nobody is handed them, and a second run changes nothing.
    expect((await items.summary(t0)).waiting.high).toBe(1);
    expect(await resolve.execute()).toEqual({ checked: 1, resolved: 0 });
  });
});
