import { MEDIA_MATCHED_V1, type MediaMatchedV1, type ReportSubmittedV1 } from '@vigil/contracts';
import { ConflictError, FixedClock } from '@vigil/kernel';
import { platformTablesMigration } from '@vigil/persistence';
import { migratedTestDatabase, syntheticImage, type MigratedTestDatabase } from '@vigil/test-fixtures';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { createLocalHashFileUseCase } from '../../local-hash-file.factory';
import { SnapshotablePdqCandidateFinder } from '../../match-index-snapshot/snapshotable-pdq-candidate-finder';
import { CurateBankEntriesUseCase } from '../../../application/curate-banks/curate-bank-entries.use-case';
import { CurateBanksUseCase } from '../../../application/curate-banks/curate-banks.use-case';
import { MatchReportMediaUseCase } from '../../../application/match-report-media/match-report-media.use-case';
import { EnqueueUnknownMediaUseCase } from '../../../application/review/enqueue-unknown-media.use-case';
import { ExposureCountsUseCase } from '../../../application/review/exposure-counts.use-case';
import { OverrideReviewUseCase } from '../../../application/review/override-review.use-case';
import { RecordDecisionUseCase } from '../../../application/review/record-decision.use-case';
import { REVIEWED_BANK_NAME, ReviewedBank } from '../../../application/review/reviewed-bank';
import { ConsensusRule } from '../../../domain/review/consensus';
import type { ReviewUrgency } from '../../../domain/review/review-classification';
import { ReviewItem } from '../../../domain/review/review-item';
import { CreateHashBanks1763900000001 } from '../migrations/1763900000001-create-hash-banks';
import { BankCuration1764000100000 } from '../migrations/1764000100000-bank-curation';
import { CreateReviewQueue1764000500000 } from '../migrations/1764000500000-create-review-queue';
import { ReviewKnownMatch1764001000100 } from '../migrations/1764001000100-review-known-match';
import { ReviewWithdrawn1764001000200 } from '../migrations/1764001000200-review-withdrawn';
import { TypeOrmHashBankRepository } from '../typeorm-hash-bank.repository';
import { TypeOrmReviewExposureLog } from './typeorm-review-exposure-log';
import { TypeOrmReviewItemRepository } from './typeorm-review-item.repository';

const SCHEMA = 'hash_detection';
const LEASE = 10 * 60_000;
const t0 = new Date('2026-11-23T10:00:00Z');

describe('the review queue on Postgres', () => {
  let setup: MigratedTestDatabase;
  let items: TypeOrmReviewItemRepository;

  beforeAll(async () => {
    setup = await migratedTestDatabase({ schema: SCHEMA, migrations: [platformTablesMigration(), CreateHashBanks1763900000001, BankCuration1764000100000, CreateReviewQueue1764000500000, ReviewKnownMatch1764001000100, ReviewWithdrawn1764001000200] });
    items = new TypeOrmReviewItemRepository(setup.transactions, SCHEMA);
  });
  afterAll(() => setup.close());

  beforeEach(async () => {
    await setup.dataSource.query(`TRUNCATE "${SCHEMA}".review_exposures, "${SCHEMA}".review_overrides, "${SCHEMA}".review_decisions, "${SCHEMA}".review_items`);
  });

  function item(urgency: ReviewUrgency, enqueuedAt: Date, digest = randomUUID().replace(/-/g, '')): ReviewItem {
    return ReviewItem.enqueue({
      id: randomUUID(),
      mediaId: randomUUID(),
      reportId: randomUUID(),
      reportReference: 'VGL-TEST-0001',
      incidentType: 'online-luring',
      urgency,
      sha256: digest.padEnd(64, '0'),
      md5: digest.slice(0, 32),
      contentType: 'image/png',
      bytes: 100,
      enqueuedAt: enqueuedAt.toISOString(),
    });
  }

  const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

  it('serves the most urgent item first, then the oldest', async () => {
    const oldNormal = item('normal', at(-60));
    const newNormal = item('normal', at(-5));
    const high = item('high', at(-10));
    const critical = item('critical', at(-1));
    const low = item('low', at(-120));
    expect(await items.enqueue([oldNormal, newNormal, high, critical, low])).toBe(5);
    const served = [];
    for (const reviewer of ['r1', 'r2', 'r3', 'r4', 'r5']) served.push((await items.claimNext(reviewer, t0, LEASE))?.id);
    expect(served).toEqual([critical.id, high.id, oldNormal.id, newNormal.id, low.id]);
    expect(await items.claimNext('r6', t0, LEASE)).toBeUndefined();
  });

  it('queues a media item once, however often its report is redelivered', async () => {
    const first = item('normal', t0);
    const again = ReviewItem.enqueue({ ...first.snapshot(), id: randomUUID() });
    expect(await items.enqueue([first])).toBe(1);
    expect(await items.enqueue([again])).toBe(0);
  });

  it('gives reviewers claiming at the same moment different items', async () => {
    const queued = Array.from({ length: 6 }, (_, index) => item('normal', at(-index)));
    await items.enqueue(queued);
    const reviewers = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const claimed = await Promise.all(reviewers.map((reviewer) => items.claimNext(reviewer, t0, LEASE)));
    const ids = claimed.filter((claim) => claim !== undefined).map((claim) => claim.id);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
    expect(claimed.filter((claim) => claim === undefined)).toHaveLength(1);
  });

  it('hands one reviewer one item at a time, even when they ask twice at once', async () => {
    await items.enqueue([item('normal', at(-2)), item('normal', at(-1))]);
    const [first, second] = await Promise.all([items.claimNext('r1', t0, LEASE), items.claimNext('r1', t0, LEASE)]);
    expect(first?.id).toBeDefined();
    expect(second?.id).toBe(first?.id);
  });

  it('returns an abandoned item to the queue when the lease runs out, and refuses the late decision', async () => {
    const only = item('normal', t0);
    await items.enqueue([only]);
    expect((await items.claimNext('r1', t0, LEASE))?.id).toBe(only.id);
    expect(await items.claimNext('r2', at(9), LEASE)).toBeUndefined();
    const retaken = await items.claimNext('r2', at(11), LEASE);
    expect(retaken?.id).toBe(only.id);
    expect(retaken?.snapshot().claimedBy).toBe('r2');
    const late = (await items.findById(only.id))!;
    expect(() => late.decide('r1', 'csam-a1', undefined, at(12), new ConsensusRule(2))).toThrow(/not held by you/);
  });

  it('refuses a stale write', async () => {
    const only = item('normal', t0);
    await items.enqueue([only]);
    const a = (await items.findById(only.id))!;
    const b = (await items.findById(only.id))!;
    a.claim('r1', t0, LEASE);
    await items.save(a);
    b.claim('r2', t0, LEASE);
    await expect(items.save(b)).rejects.toThrow(ConflictError);
  });

  it('never serves an item to a reviewer who has decided on it', async () => {
    const only = item('normal', t0);
    await items.enqueue([only]);
    const claimed = (await items.claimNext('r1', t0, LEASE))!;
    claimed.decide('r1', 'csam-a1', 'clear', t0, new ConsensusRule(2));
    await items.save(claimed);
    expect(await items.claimNext('r1', at(1), LEASE)).toBeUndefined();
    const loaded = (await items.findById(only.id))!.snapshot();
    expect(loaded.decisions).toEqual([{ reviewer: 'r1', classification: 'csam-a1', note: 'clear', at: t0.toISOString() }]);
    expect((await items.claimNext('r2', at(1), LEASE))?.id).toBe(only.id);
  });

  it('summarises the queue by urgency with the oldest waiting item', async () => {
    await items.enqueue([item('high', at(-30)), item('normal', at(-50)), item('normal', at(-10))]);
    await items.claimNext('r1', t0, LEASE);
    expect(await items.summary(t0)).toEqual({ waiting: { critical: 0, high: 0, normal: 2, low: 0 }, inReview: 1, awaitingSupervisor: 0, oldestWaitingSince: at(-50).toISOString() });
  });

  it('counts each reviewer’s exposures today, this week and in total, and their decisions', async () => {
    const log = new TypeOrmReviewExposureLog(setup.transactions, SCHEMA);
    const only = item('normal', t0);
    await items.enqueue([only]);
    const thursday = new Date('2026-11-26T15:00:00Z');
    for (const when of ['2026-11-26T09:00:00Z', '2026-11-26T14:00:00Z', '2026-11-24T09:00:00Z', '2026-11-10T09:00:00Z']) {
      await log.recordReveal({ reviewer: 'r1', itemId: only.id, mediaId: only.snapshot().mediaId, colour: false, at: when });
    }
    await log.recordReveal({ reviewer: 'r2', itemId: only.id, mediaId: only.snapshot().mediaId, colour: true, at: '2026-11-26T10:00:00Z' });
    const claimed = (await items.claimNext('r3', thursday, LEASE))!;
    claimed.decide('r3', 'not-csam', undefined, thursday, new ConsensusRule(2));
    await items.save(claimed);
    const counts = new ExposureCountsUseCase(log, new FixedClock(thursday));
    expect(await counts.forReviewer('r1')).toEqual({ reviewer: 'r1', revealsToday: 2, revealsThisWeek: 3, revealsTotal: 4, itemsDecided: 0 });
    expect(await counts.forReviewer('nobody')).toEqual({ reviewer: 'nobody', revealsToday: 0, revealsThisWeek: 0, revealsTotal: 0, itemsDecided: 0 });
    expect((await counts.forEveryone()).map((row) => [row.reviewer, row.revealsTotal, row.itemsDecided])).toEqual([['r1', 4, 0], ['r2', 1, 0], ['r3', 0, 1]]);
  });

  describe('consensus into the reviewed bank', () => {
    const clock = new FixedClock(t0);
    let banks: TypeOrmHashBankRepository;
    let finder: SnapshotablePdqCandidateFinder;
    let matcher: MatchReportMediaUseCase;
    let enqueue: EnqueueUnknownMediaUseCase;
    let decide: RecordDecisionUseCase;
    let override: OverrideReviewUseCase;

    beforeAll(async () => {
      banks = new TypeOrmHashBankRepository(setup.transactions, SCHEMA);
      finder = new SnapshotablePdqCandidateFinder(() => banks.listPdqEntries());
      await finder.rebuild();
      const curate = new CurateBanksUseCase(banks, clock, randomUUID, finder);
      const reviewedBank = new ReviewedBank(banks, curate, undefined, new CurateBankEntriesUseCase(banks, clock, finder));
      const atomically = <T>(work: () => Promise<T>) => setup.transactions.run(work);
      matcher = new MatchReportMediaUseCase(banks, clock, finder);
      enqueue = new EnqueueUnknownMediaUseCase(items, clock, randomUUID);
      decide = new RecordDecisionUseCase(items, new ConsensusRule(2), reviewedBank, clock, atomically);
      override = new OverrideReviewUseCase(items, reviewedBank, clock, atomically);
    });

    async function report(bytes: Buffer, priority: ReportSubmittedV1['priority'] = 'normal'): Promise<ReportSubmittedV1> {
      const hashed = await createLocalHashFileUseCase().execute(bytes);
      return {
        reportId: randomUUID(),
        reference: 'VGL-TEST-0002',
        incidentType: 'sextortion-sexual',
        source: 'public',
        urls: [],
        media: [{ mediaId: randomUUID(), sha256: hashed.sha256!, md5: hashed.md5!, pdq: hashed.pdq?.toHex(), pdqQuality: hashed.quality, bytes: bytes.length, contentType: 'image/png' }],
        priority,
      };
    }

    async function decideAs(reviewer: string, classification: string) {
      const claimed = await items.claimNext(reviewer, clock.now(), LEASE);
      return decide.execute({ itemId: claimed!.id, reviewer, classification });
    }

    it('banks SHA-256, MD5 and PDQ on a positive consensus, so a later altered copy matches through the index', async () => {
      const image = await syntheticImage({ pattern: 'checker', seed: 5, width: 320, height: 240 });
      const first = await report(image, 'high');
      const answered = await matcher.execute(first, first.reportId);
      expect(answered.map((event) => event.type)).toEqual(['media.unknown.v1']);
      const [queued] = await enqueue.execute(first, answered);
      expect(queued.snapshot()).toMatchObject({ urgency: 'high', mediaId: first.media[0].mediaId, status: 'pending' });

      const one = await decideAs('r1', 'csam-b2');
      expect(one.verdict.kind).toBe('needs-more-reviews');
      expect(one.bankEntries).toEqual([]);
      const two = await decideAs('r2', 'csam-b2');
      expect(two.verdict).toMatchObject({ kind: 'final', classification: 'csam-b2' });
      expect(two.item.status).toBe('decided');
      expect(two.bankEntries.map((entry) => entry.hashType).sort()).toEqual(['md5', 'pdq', 'sha256']);
      const bank = (await banks.listBanks()).find((candidate) => candidate.name === REVIEWED_BANK_NAME);
      expect(bank?.entryCount).toBe(3);
      expect(two.bankEntries[0]).toMatchObject({ bankId: bank?.id, classification: 'csam-b2', addedBy: 'r1, r2' });

      // A re-encoded copy: different bytes, so only the PDQ index can find it.
      const copy = await sharp(image).jpeg({ quality: 80 }).toBuffer();
      const later = await report(copy);
      expect(later.media[0].sha256).not.toBe(first.media[0].sha256);
      const [verdict] = await matcher.execute(later, later.reportId);
      expect(verdict.type).toBe(MEDIA_MATCHED_V1);
      expect(verdict.payload as MediaMatchedV1).toMatchObject({ bankName: REVIEWED_BANK_NAME, matchKind: 'near', classification: 'csam-b2' });
      // …and the known copy never enters the queue.
      expect(await enqueue.execute(later, [verdict])).toEqual([]);
    });

    it('banks nothing when reviewers agree it is not CSAM, and a supervisor settles a split', async () => {
      const image = await syntheticImage({ pattern: 'gradient', seed: 9, width: 300, height: 200 });
      const submitted = await report(image);
      const [queued] = await enqueue.execute(submitted, await matcher.execute(submitted, submitted.reportId));
      await decideAs('r1', 'csam-a1');
      await decideAs('r2', 'not-csam');
      await decideAs('r3', 'csam-b1');
      const split = await decideAs('r4', 'harmful-abusive-material');
      expect(split.verdict.kind).toBe('needs-supervisor');
      expect(split.bankEntries).toEqual([]);
      expect(await items.claimNext('r5', clock.now(), LEASE)).toBeUndefined();
      expect((await items.summary(clock.now())).awaitingSupervisor).toBe(1);
      const awaiting = await items.listAwaitingSupervisor(10);
      expect(awaiting.map((item) => item.id)).toEqual([queued.id]);
      expect(awaiting[0].snapshot().decisions).toHaveLength(4);

      const settled = await override.execute({ itemId: queued.id, supervisor: 'sup', classification: 'not-csam', reason: 'a gradient: nothing here' });
      expect(settled.item.status).toBe('overridden');
      expect(settled.bankEntries).toEqual([]);
      expect(await items.listAwaitingSupervisor(10)).toEqual([]);
      const reloaded = (await items.findById(queued.id))!.snapshot();
      expect(reloaded.overrides).toEqual([{ by: 'sup', classification: 'not-csam', reason: 'a gradient: nothing here', at: t0.toISOString() }]);
      expect(reloaded.decisions.map((decision) => decision.reviewer)).toEqual(['r1', 'r2', 'r3', 'r4']);
      expect(reloaded.outcome).toMatchObject({ rule: 'override', by: ['sup'] });
      const [again] = await matcher.execute(submitted, submitted.reportId);
      expect(again.type).toBe('media.unknown.v1');
    });

    it('follows a supervisor’s override: disabled when not CSAM after all, re-enabled and re-classed when positive again', async () => {
      const image = await syntheticImage({ pattern: 'rings', seed: 4, width: 300, height: 220 });
      const submitted = await report(image);
      const [queued] = await enqueue.execute(submitted, await matcher.execute(submitted, submitted.reportId));
      await decideAs('r1', 'csam-a2');
      expect((await decideAs('r2', 'csam-a2')).bankEntries).toHaveLength(3);
      expect((await matcher.execute(submitted, submitted.reportId))[0].type).toBe(MEDIA_MATCHED_V1);

      const withdrawn = await override.execute({ itemId: queued.id, supervisor: 'sup', classification: 'not-csam', reason: 'a synthetic ring pattern' });
      expect(withdrawn.changedEntries.map((entry) => [entry.hashType, Boolean(entry.disabledAt), entry.disabledReason?.startsWith('not CSAM after review item')])).toEqual(
        expect.arrayContaining([['sha256', true, true], ['md5', true, true], ['pdq', true, true]]),
      );
      expect((await matcher.execute(submitted, submitted.reportId))[0].type).toBe('media.unknown.v1');

      const restored = await override.execute({ itemId: queued.id, supervisor: 'sup2', classification: 'harmful-abusive-material', reason: 'on second look' });
      expect(restored.bankEntries).toEqual([]);
      const [back] = await matcher.execute(submitted, submitted.reportId);
      expect(back.payload as MediaMatchedV1).toMatchObject({ bankName: REVIEWED_BANK_NAME, classification: 'harmful-abusive-material' });
      expect((await items.findById(queued.id))!.snapshot().overrides.map((entry) => [entry.by, entry.previous])).toEqual([['sup', 'csam-a2'], ['sup2', 'not-csam']]);
    });
  });
});
