import { ConflictError } from '@vigil/kernel';
import type { TransactionRunner } from '@vigil/persistence';
import type { EntityManager } from 'typeorm';
import { REVIEW_URGENCIES, urgencyRank, type ReviewClassification, type ReviewUrgency } from '../../../domain/review/review-classification';
import { ReviewItem, type ReviewItemSnapshot } from '../../../domain/review/review-item';
import type { ReviewItemRepository, ReviewQueueSummary } from '../../../ports/review-item.repository';

interface ItemRow {
  id: string;
  media_id: string;
  report_id: string;
  report_reference: string;
  incident_type: string;
  urgency: ReviewUrgency;
  sha256: string;
  md5: string;
  pdq: string | null;
  pdq_quality: number | null;
  content_type: string;
  bytes: string;
  status: ReviewItemSnapshot['status'];
  claimed_by: string | null;
  lease_expires_at: Date | null;
  outcome: ReviewItemSnapshot['outcome'] | null;
  supervisor_flag: ReviewItemSnapshot['supervisorFlag'] | null;
  known_match: ReviewItemSnapshot['knownMatch'] | null;
  withdrawal: ReviewItemSnapshot['withdrawal'] | null;
  enqueued_at: Date;
  version: number;
}

/** Same-reviewer claims are serialised on this advisory-lock class so one person never holds two items. */
const CLAIM_LOCK_CLASS = 'vigil.review.claim';

/**
 * The review queue in Postgres. Claims lock the chosen row with FOR UPDATE SKIP LOCKED, so
 * reviewers claiming at the same moment each get a different item without waiting on each
 * other; other changes use optimistic locking on the row's version.
 */
export class TypeOrmReviewItemRepository implements ReviewItemRepository {
  constructor(private readonly transactions: TransactionRunner, private readonly schema: string) {}

  private get s(): string {
    return `"${this.schema}"`;
  }

  async enqueue(items: readonly ReviewItem[]): Promise<number> {
    let added = 0;
    await this.transactions.run(async (manager) => {
      for (const item of items) {
        const state = item.snapshot();
        const inserted: unknown[] = await manager.query(
          `INSERT INTO ${this.s}.review_items (id, media_id, report_id, report_reference, incident_type, urgency, urgency_rank, sha256, md5, pdq, pdq_quality,
                                              content_type, bytes, status, enqueued_at, version)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,1) ON CONFLICT (media_id) DO NOTHING RETURNING id`,
          [state.id, state.mediaId, state.reportId, state.reportReference, state.incidentType, state.urgency, urgencyRank(state.urgency), state.sha256, state.md5,
            state.pdq ?? null, state.pdqQuality ?? null, state.contentType, state.bytes, state.status, state.enqueuedAt],
        );
        added += inserted.length;
      }
    });
    return added;
  }

  async findById(id: string): Promise<ReviewItem | undefined> {
    const rows: ItemRow[] = await this.transactions.manager.query(`SELECT * FROM ${this.s}.review_items WHERE id = $1`, [id]);
    return rows[0] ? this.restore(this.transactions.manager, rows[0]) : undefined;
  }

  async claimNext(reviewer: string, now: Date, leaseMs: number): Promise<ReviewItem | undefined> {
    return this.transactions.run(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [CLAIM_LOCK_CLASS, reviewer]);
      const held: ItemRow[] = await manager.query(
        `SELECT * FROM ${this.s}.review_items WHERE status = 'in-review' AND claimed_by = $1 AND lease_expires_at > $2 ORDER BY enqueued_at LIMIT 1`,
        [reviewer, now],
      );
      if (held[0]) return this.restore(manager, held[0]);
      // The SQL twin of ReviewItem.isClaimableBy; the domain check below guards the rest.
      const rows: ItemRow[] = await manager.query(
        `SELECT * FROM ${this.s}.review_items i
          WHERE i.supervisor_flag IS NULL
            AND (i.status = 'pending' OR (i.status = 'in-review' AND i.lease_expires_at <= $2))
            AND NOT EXISTS (SELECT 1 FROM ${this.s}.review_decisions d WHERE d.item_id = i.id AND d.reviewer = $1)
          ORDER BY i.urgency_rank, i.enqueued_at, i.id
          LIMIT 1
          FOR UPDATE SKIP LOCKED`,
        [reviewer, now],
      );
      if (!rows[0]) return undefined;
      const item = await this.restore(manager, rows[0]);
      item.claim(reviewer, now, leaseMs);
      await this.write(manager, item);
      return ReviewItem.restore({ ...item.snapshot(), version: item.snapshot().version + 1 });
    });
  }

  async listOpen(afterId: string | undefined, limit: number): Promise<ReviewItem[]> {
    const rows: ItemRow[] = await this.transactions.manager.query(
      `SELECT * FROM ${this.s}.review_items WHERE status IN ('pending', 'in-review') AND ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
      [afterId ?? null, limit],
    );
    return Promise.all(rows.map((row) => this.restore(this.transactions.manager, row)));
  }

  async listAwaitingSupervisor(limit: number): Promise<ReviewItem[]> {
    const rows: ItemRow[] = await this.transactions.manager.query(
      `SELECT * FROM ${this.s}.review_items
        WHERE status IN ('pending', 'in-review') AND supervisor_flag IS NOT NULL
        ORDER BY urgency_rank, (supervisor_flag->>'at')::timestamptz, id LIMIT $1`,
      [limit],
    );
    return Promise.all(rows.map((row) => this.restore(this.transactions.manager, row)));
  }

  async findOpenByMediaIds(mediaIds: readonly string[]): Promise<ReviewItem[]> {
    if (mediaIds.length === 0) return [];
    const rows: ItemRow[] = await this.transactions.manager.query(
      `SELECT * FROM ${this.s}.review_items WHERE status IN ('pending', 'in-review') AND media_id = ANY($1::text[]) ORDER BY id`,
      [[...mediaIds]],
    );
    return Promise.all(rows.map((row) => this.restore(this.transactions.manager, row)));
  }

  async save(item: ReviewItem): Promise<void> {
    await this.transactions.run((manager) => this.write(manager, item));
  }

  async summary(now: Date): Promise<ReviewQueueSummary> {
    const rows: Array<{ urgency: ReviewUrgency; waiting: number; in_review: number; flagged: number; oldest: Date | null }> = await this.transactions.manager.query(
      `WITH open AS (
         SELECT urgency, enqueued_at, supervisor_flag IS NOT NULL AS flagged, (status = 'in-review' AND lease_expires_at > $1) AS held
           FROM ${this.s}.review_items WHERE status IN ('pending', 'in-review'))
       SELECT urgency,
              count(*) FILTER (WHERE NOT flagged AND NOT held)::int AS waiting,
              count(*) FILTER (WHERE held)::int AS in_review,
              count(*) FILTER (WHERE flagged)::int AS flagged,
              min(enqueued_at) FILTER (WHERE NOT flagged AND NOT held) AS oldest
         FROM open GROUP BY urgency`,
      [now],
    );
    const waiting = Object.fromEntries(REVIEW_URGENCIES.map((urgency) => [urgency, 0])) as Record<ReviewUrgency, number>;
    let inReview = 0;
    let awaitingSupervisor = 0;
    let oldest: Date | undefined;
    for (const row of rows) {
      waiting[row.urgency] = row.waiting;
      inReview += row.in_review;
      awaitingSupervisor += row.flagged;
      if (row.oldest && (!oldest || new Date(row.oldest) < oldest)) oldest = new Date(row.oldest);
    }
    return { waiting, inReview, awaitingSupervisor, oldestWaitingSince: oldest?.toISOString() };
  }

  /** Updates the row if nobody changed it since it was read, then appends new decisions and overrides. */
  private async write(manager: EntityManager, item: ReviewItem): Promise<void> {
    const state = item.snapshot();
    const [, affected] = (await manager.query(
      `UPDATE ${this.s}.review_items
          SET status = $3, claimed_by = $4, lease_expires_at = $5, outcome = $6, supervisor_flag = $7, known_match = $8, withdrawal = $9, version = version + 1
        WHERE id = $1 AND version = $2`,
      [state.id, state.version, state.status, state.claimedBy ?? null, state.leaseExpiresAt ?? null, state.outcome ? JSON.stringify(state.outcome) : null,
        state.supervisorFlag ? JSON.stringify(state.supervisorFlag) : null, state.knownMatch ? JSON.stringify(state.knownMatch) : null,
        state.withdrawal ? JSON.stringify(state.withdrawal) : null],
    )) as [unknown, number];
    if (affected !== 1) throw new ConflictError(`review item ${state.id} was changed by someone else; reload it`);
    for (const [position, decision] of state.decisions.entries()) {
      await manager.query(
        `INSERT INTO ${this.s}.review_decisions (item_id, reviewer, position, classification, note, decided_at) VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT DO NOTHING`,
        [state.id, decision.reviewer, position, decision.classification, decision.note ?? null, decision.at],
      );
    }
    for (const [position, override] of state.overrides.entries()) {
      await manager.query(
        `INSERT INTO ${this.s}.review_overrides (item_id, position, supervisor, classification, reason, previous, overridden_at) VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT DO NOTHING`,
        [state.id, position, override.by, override.classification, override.reason, override.previous ?? null, override.at],
      );
    }
  }

  private async restore(manager: EntityManager, row: ItemRow): Promise<ReviewItem> {
    const decisions: Array<{ reviewer: string; classification: ReviewClassification; note: string | null; decided_at: Date }> = await manager.query(
      `SELECT reviewer, classification, note, decided_at FROM ${this.s}.review_decisions WHERE item_id = $1 ORDER BY position`,
      [row.id],
    );
    const overrides: Array<{ supervisor: string; classification: ReviewClassification; reason: string; previous: ReviewClassification | null; overridden_at: Date }> =
      await manager.query(`SELECT supervisor, classification, reason, previous, overridden_at FROM ${this.s}.review_overrides WHERE item_id = $1 ORDER BY position`, [row.id]);
    return ReviewItem.restore({
      id: row.id,
      mediaId: row.media_id,
      reportId: row.report_id,
      reportReference: row.report_reference,
      incidentType: row.incident_type,
      urgency: row.urgency,
      sha256: row.sha256,
      md5: row.md5,
      pdq: row.pdq ?? undefined,
      pdqQuality: row.pdq_quality ?? undefined,
      contentType: row.content_type,
      bytes: Number(row.bytes),
      status: row.status,
      claimedBy: row.claimed_by ?? undefined,
      leaseExpiresAt: row.lease_expires_at ? new Date(row.lease_expires_at).toISOString() : undefined,
      decisions: decisions.map((decision) => ({ reviewer: decision.reviewer, classification: decision.classification, note: decision.note ?? undefined, at: new Date(decision.decided_at).toISOString() })),
      overrides: overrides.map((override) => ({
        by: override.supervisor,
        classification: override.classification,
        reason: override.reason,
        at: new Date(override.overridden_at).toISOString(),
        previous: override.previous ?? undefined,
      })),
      outcome: row.outcome ?? undefined,
      supervisorFlag: row.supervisor_flag ?? undefined,
      knownMatch: row.known_match ?? undefined,
      withdrawal: row.withdrawal ?? undefined,
      enqueuedAt: new Date(row.enqueued_at).toISOString(),
      version: row.version,
    });
  }
}
