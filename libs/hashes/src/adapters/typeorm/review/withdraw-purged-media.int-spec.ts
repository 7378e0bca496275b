import { ConflictError, FixedClock } from '@vigil/kernel';
import { platformTablesMigration } from '@vigil/persistence';
import { migratedTestDatabase, type MigratedTestDatabase } from '@vigil/test-fixtures';
import { randomBytes, randomUUID } from 'node:crypto';
import { WithdrawPurgedMediaUseCase } from '../../../application/review/withdraw-purged-media.use-case';
import { ConsensusRule } from '../../../domain/review/consensus';
import { ReviewItem } from '../../../domain/review/review-item';
import { CreateHashBanks1763900000001 } from '../migrations/1763900000001-create-hash-banks';
import { BankCuration1764000100000 } from '../migrations/1764000100000-bank-curation';
import { CreateReviewQueue1764000500000 } from '../migrations/1764000500000-create-review-queue';
import { ReviewKnownMatch1764001000100 } from '../migrations/1764001000100-review-known-match';
import { ReviewWithdrawn1764001000200 } from '../migrations/1764001000200-review-withdrawn';
import { TypeOrmReviewItemRepository } from './typeorm-review-item.repository';

const SCHEMA = 'hash_detection';
const LEASE = 10 * 60_000;
const t0 = new Date('2026-11-23T10:00:00Z');
const REASON = "the tipline's retention purged its evidence (rule closed-report-evidence) before review";

describe("review items whose evidence the tipline's retention purged (Postgres)", () => {
  let setup: MigratedTestDatabase;
  let items: TypeOrmReviewItemRepository;
  const clock = new FixedClock(new Date('2027-03-01T02:00:00Z'));

  beforeAll(async () => {
    setup = await migratedTestDatabase({
      schema: SCHEMA,
      migrations: [platformTablesMigration(), CreateHashBanks1763900000001, BankCuration1764000100000, CreateReviewQueue1764000500000, ReviewKnownMatch1764001000100, ReviewWithdrawn1764001000200],
    });
    items = new TypeOrmReviewItemRepository(setup.transactions, SCHEMA);
  });
  afterAll(() => setup.close());

  function waitingItem(reportId: string, enqueuedAt: Date): ReviewItem {
    return ReviewItem.enqueue({
      id: randomUUID(),
      mediaId: randomUUID(),
      reportId,
      reportReference: 'VGL-TEST-0003',
      incidentType: 'sextortion',
      urgency: 'normal',
      sha256: randomBytes(32).toString('hex'),
      md5: randomBytes(16).toString('hex'),
      contentType: 'image/png',
      bytes: 100,
      enqueuedAt: enqueuedAt.toISOString(),
    });
  }

  const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

  it('withdraws the waiting and held items of the purged files, once, and leaves decided items and other media alone', async () => {
    const closed = randomUUID();
    // Enqueued in this order, so the claims below are handed out in it.
    const decided = waitingItem(closed, minutes(-40));
    const held = waitingItem(closed, minutes(-30));
    const waiting = waitingItem(closed, minutes(-20));
    const otherReport = waitingItem(randomUUID(), minutes(-10));
    expect(await items.enqueue([decided, held, waiting, otherReport])).toBe(4);
    const rule = new ConsensusRule(2);
    for (const reviewer of ['r1', 'r2']) {
      const claimed = (await items.claimNext(reviewer, t0, LEASE))!;
      expect(claimed.id).toBe(decided.id);
      claimed.decide(reviewer, 'csam-b1', undefined, t0, rule);
      await items.save(claimed);
    }
    const decidedBefore = (await items.findById(decided.id))!.snapshot();
    expect(decidedBefore.status).toBe('decided');
    // r3 is looking at one of them when the purge lands.
    const inHand = (await items.claimNext('r3', t0, LEASE))!;
    expect(inHand.id).toBe(held.id);

    const withdraw = new WithdrawPurgedMediaUseCase(items, clock);
    const purged = { reportId: closed, mediaIds: [decided, held, waiting].map((item) => item.snapshot().mediaId), recordType: 'closed-report-evidence' };
    // As the consumer runs it: inside the inbox transaction.
    expect(await setup.transactions.run(() => withdraw.execute(purged))).toEqual({ withdrawn: 2 });

    for (const id of [held.id, waiting.id]) {
      const after = (await items.findById(id))!.snapshot();
      expect(after).toMatchObject({ status: 'withdrawn', withdrawal: { reason: REASON, recordType: 'closed-report-evidence', at: clock.now().toISOString() } });
      expect(after.claimedBy).toBeUndefined();
      expect(after.leaseExpiresAt).toBeUndefined();
    }
    const [stored]: Array<{ status: string; withdrawal: unknown; claimed_by: string | null }> = await setup.dataSource.query(
      `SELECT status, withdrawal, claimed_by FROM "${SCHEMA}".review_items WHERE id = $1`,
      [held.id],
    );
    expect(stored).toEqual({ status: 'withdrawn', withdrawal: { reason: REASON, recordType: 'closed-report-evidence', at: clock.now().toISOString() }, claimed_by: null });
    expect((await items.findById(decided.id))!.snapshot()).toEqual(decidedBefore);
    expect((await items.findById(otherReport.id))!.snapshot().status).toBe('pending');

    // The reviewer who held one can no longer decide it, and is told why; their stale copy is refused too.
    const reloaded = (await items.findById(held.id))!;
    expect(() => reloaded.decide('r3', 'csam-a1', undefined, t0, rule)).toThrow(ConflictError);
    expect(() => reloaded.decide('r3', 'csam-a1', undefined, t0, rule)).toThrow(/was withdrawn: the tipline's retention purged its evidence \(rule closed-report-evidence\) before review/);
    inHand.decide('r3', 'csam-a1', undefined, t0, rule);
    await expect(items.save(inHand)).rejects.toThrow(ConflictError);

    // Nobody is handed a withdrawn item, even once the lease it was held under has run out; the queue counts only the rest.
    const afterLease = minutes(LEASE / 60_000 + 1);
    expect((await items.claimNext('r3', afterLease, LEASE))?.id).toBe(otherReport.id);
    for (const reviewer of ['r4', 'r5']) expect(await items.claimNext(reviewer, afterLease, LEASE)).toBeUndefined();
    expect(await items.summary(afterLease)).toMatchObject({ waiting: { critical: 0, high: 0, normal: 0, low: 0 }, inReview: 1, awaitingSupervisor: 0 });
    expect((await items.listOpen(undefined, 100)).map((item) => item.id)).toEqual([otherReport.id]);

    // A redelivered event finds nothing open.
    expect(await withdraw.execute(purged)).toEqual({ withdrawn: 0 });
    expect(await items.findOpenByMediaIds(purged.mediaIds)).toEqual([]);
  });

  it('finds only open items, and none for no media', async () => {
    const open = waitingItem(randomUUID(), t0);
    await items.enqueue([open]);
    expect((await items.findOpenByMediaIds([open.snapshot().mediaId, randomUUID()])).map((item) => item.id)).toEqual([open.id]);
    expect(await items.findOpenByMediaIds([])).toEqual([]);
  });

  it('the migration down puts withdrawn items back in the queue under the old statuses, and up again accepts them', async () => {
    const purged = waitingItem(randomUUID(), t0);
    await items.enqueue([purged]);
    await new WithdrawPurgedMediaUseCase(items, clock).execute({ reportId: purged.snapshot().reportId, mediaIds: [purged.snapshot().mediaId], recordType: 'closed-report' });

    await setup.dataSource.undoLastMigration();
    const columns: Array<{ column_name: string }> = await setup.dataSource.query(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'review_items' AND column_name = 'withdrawal'`,
      [SCHEMA],
    );
    expect(columns).toEqual([]);
    const [row]: Array<{ status: string; claimed_by: string | null }> = await setup.dataSource.query(`SELECT status, claimed_by FROM "${SCHEMA}".review_items WHERE id = $1`, [purged.id]);
    expect(row).toEqual({ status: 'pending', claimed_by: null });
    await expect(setup.dataSource.query(`UPDATE "${SCHEMA}".review_items SET status = 'withdrawn' WHERE id = $1`, [purged.id])).rejects.toThrow(/review_items_status_check/);

    await setup.dataSource.runMigrations();
    await new WithdrawPurgedMediaUseCase(items, clock).execute({ reportId: purged.snapshot().reportId, mediaIds: [purged.snapshot().mediaId], recordType: 'closed-report' });
    expect((await items.findById(purged.id))!.snapshot()).toMatchObject({ status: 'withdrawn', withdrawal: { recordType: 'closed-report' } });
  });
});
