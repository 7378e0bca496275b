import { ConflictError } from '@vigil/kernel';
import type { TransactionRunner } from '@vigil/persistence';
import type { BlocklistEntry } from '../../domain/blocklist';
import type { NoticeProps } from '../../domain/notice';
import { ACTIVE_STATUSES, TrackedUrl, type UrlHistoryEntry, type UrlStatus } from '../../domain/tracked-url';
import { UrlChangedMeanwhile, type NoticeAttempt, type UrlListFilter, type UrlRepository } from '../../ports/url.repository';

interface UrlRow {
  id: string;
  url: string;
  host: string;
  provider_id: string | null;
  status: UrlStatus;
  classification: string | null;
  first_reported_at: Date;
  takedown_requested_at: Date | null;
  removed_at: Date | null;
  last_checked_at: Date | null;
  last_check_result: string | null;
  next_check_at: Date | null;
  version: number;
}

interface HistoryRow {
  at: Date;
  from_status: UrlStatus | null;
  to_status: UrlStatus;
  actor: string;
  reason: string;
}

interface NoticeRow {
  id: string;
  url_id: string;
  provider_id: string;
  issued_at: Date;
  issued_by: string;
  reason: string;
  attempts: number;
  first_sent_at: Date | null;
  last_sent_at: Date | null;
  last_outcome: string | null;
  next_due_at: Date | null;
  confirmed_removed_at: Date | null;
  closed_at: Date | null;
  closed_reason: string | null;
}

const ACTIVE = ACTIVE_STATUSES as readonly string[];

/** The URL list in Postgres (raw SQL like the hash banks' repository; no ORM entities). */
export class TypeOrmUrlRepository implements UrlRepository {
  constructor(private readonly transactions: TransactionRunner, private readonly schema: string) {}

  private t(table: string): string {
    return `"${this.schema}".takedown_${table}`;
  }

  private query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.transactions.manager.query(sql, params);
  }

  /** TypeORM's Postgres driver answers UPDATE … RETURNING with [rows, affected count], not the rows alone. */
  private async updateReturning<T>(sql: string, params: unknown[]): Promise<T[]> {
    const result: unknown[] = await this.transactions.manager.query(sql, params);
    return (Array.isArray(result[0]) ? result[0] : result) as T[];
  }

  async save(url: TrackedUrl): Promise<void> {
    await this.transactions.run(async () => {
      const p = url.props;
      const values = [p.id, p.url, p.host, p.providerId ?? null, p.status, p.classification ?? null, p.firstReportedAt, p.takedownRequestedAt ?? null, p.removedAt ?? null, p.lastCheckedAt ?? null, p.lastCheckResult ?? null, p.nextCheckAt ?? null];
      if (url.isNew) {
        const inserted = await this.query(
          `INSERT INTO ${this.t('urls')} (id, url, host, provider_id, status, classification, first_reported_at, takedown_requested_at, removed_at, last_checked_at, last_check_result, next_check_at, version)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,1) ON CONFLICT (url) DO NOTHING RETURNING id`,
          values,
        );
        if (inserted.length === 0) throw new UrlChangedMeanwhile(p.url);
      } else {
        const updated = await this.updateReturning(
          `UPDATE ${this.t('urls')} SET url = $2, host = $3, provider_id = $4, status = $5, classification = $6, first_reported_at = $7, takedown_requested_at = $8,
                  removed_at = $9, last_checked_at = $10, last_check_result = $11, next_check_at = $12, version = version + 1
            WHERE id = $1 AND version = $13 RETURNING id`,
          [...values, p.version],
        );
        if (updated.length === 0) throw new UrlChangedMeanwhile(p.url);
      }
      for (const entry of url.newHistory) {
        await this.query(`INSERT INTO ${this.t('url_history')} (url_id, at, from_status, to_status, actor, reason) VALUES ($1,$2,$3,$4,$5,$6)`, [
          p.id, entry.at, entry.from ?? null, entry.to, entry.actor, entry.reason,
        ]);
      }
      url.markSaved();
    });
  }

  async findById(id: string): Promise<TrackedUrl | undefined> {
    return this.loadOne('id = $1', [id]);
  }

  async findByUrl(normalisedUrl: string): Promise<TrackedUrl | undefined> {
    return this.loadOne('url = $1', [normalisedUrl]);
  }

  private async loadOne(where: string, params: unknown[]): Promise<TrackedUrl | undefined> {
    const [row] = await this.query<UrlRow>(`SELECT * FROM ${this.t('urls')} WHERE ${where}`, params);
    if (!row) return undefined;
    const history = await this.query<HistoryRow>(`SELECT at, from_status, to_status, actor, reason FROM ${this.t('url_history')} WHERE url_id = $1 ORDER BY seq`, [row.id]);
    return toUrl(row, history.map(toHistory));
  }

  /** Without history: lists show the current state; the detail view loads the history. */
  async list(filter: UrlListFilter): Promise<TrackedUrl[]> {
    const rows = await this.query<UrlRow>(
      `SELECT * FROM ${this.t('urls')} WHERE ($1::text IS NULL OR status = $1) AND ($2::uuid IS NULL OR provider_id = $2)
        ORDER BY first_reported_at DESC, id LIMIT $3`,
      [filter.status ?? null, filter.providerId ?? null, filter.limit ?? 200],
    );
    return rows.map((row) => toUrl(row, []));
  }

  async listWithoutProvider(): Promise<TrackedUrl[]> {
    const rows = await this.query<UrlRow>(`SELECT * FROM ${this.t('urls')} WHERE provider_id IS NULL ORDER BY first_reported_at`);
    return rows.map((row) => toUrl(row, []));
  }

  async claimDueChecks(now: Date, leaseUntil: Date, limit: number): Promise<TrackedUrl[]> {
    const rows = await this.updateReturning<UrlRow>(
      `UPDATE ${this.t('urls')} SET next_check_at = $2
        WHERE id IN (SELECT id FROM ${this.t('urls')} WHERE status = ANY($4::text[]) AND next_check_at <= $1
                      ORDER BY next_check_at LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      [now, leaseUntil, limit, ACTIVE],
    );
    return rows.map((row) => toUrl(row, []));
  }

  async addNotice(notice: NoticeProps): Promise<void> {
    try {
      await this.query(
        `INSERT INTO ${this.t('notices')} (id, url_id, provider_id, issued_at, issued_by, reason, attempts, next_due_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
        [notice.id, notice.urlId, notice.providerId, notice.issuedAt, notice.issuedBy, notice.reason, notice.attempts, notice.nextDueAt ?? null],
      );
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new ConflictError('url: a notice is already open for this URL', 'url');
      throw error;
    }
  }

  async openNoticeOf(urlId: string): Promise<NoticeProps | undefined> {
    const [row] = await this.query<NoticeRow>(`SELECT * FROM ${this.t('notices')} WHERE url_id = $1 AND closed_at IS NULL`, [urlId]);
    return row ? toNotice(row) : undefined;
  }

  async noticesOf(urlId: string): Promise<NoticeProps[]> {
    return (await this.query<NoticeRow>(`SELECT * FROM ${this.t('notices')} WHERE url_id = $1 ORDER BY issued_at`, [urlId])).map(toNotice);
  }

  async attemptsOf(noticeId: string): Promise<NoticeAttempt[]> {
    const rows = await this.query<{ notice_id: string; attempt: number; at: Date; delivered: boolean; channel: string; detail: string }>(
      `SELECT * FROM ${this.t('notice_attempts')} WHERE notice_id = $1 ORDER BY seq`,
      [noticeId],
    );
    return rows.map((row) => ({ noticeId: row.notice_id, attempt: row.attempt, at: row.at.toISOString(), delivered: row.delivered, channel: row.channel, detail: row.detail }));
  }

  async makeNoticeDue(noticeId: string, at: Date): Promise<void> {
    await this.query(`UPDATE ${this.t('notices')} SET next_due_at = $2 WHERE id = $1 AND closed_at IS NULL`, [noticeId, at]);
  }

  async claimDueNotices(now: Date, leaseUntil: Date, limit: number, onlyNoticeId?: string): Promise<NoticeProps[]> {
    const rows = await this.updateReturning<NoticeRow>(
      `UPDATE ${this.t('notices')} SET next_due_at = $2
        WHERE id IN (SELECT id FROM ${this.t('notices')} WHERE closed_at IS NULL AND next_due_at <= $1 AND ($4::uuid IS NULL OR id = $4)
                      ORDER BY next_due_at LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      [now, leaseUntil, limit, onlyNoticeId ?? null],
    );
    return rows.map(toNotice);
  }

  async recordAttempt(attempt: NoticeAttempt, nextDueAt: Date): Promise<void> {
    await this.transactions.run(async () => {
      await this.query(`INSERT INTO ${this.t('notice_attempts')} (notice_id, attempt, at, delivered, channel, detail) VALUES ($1,$2,$3,$4,$5,$6)`, [
        attempt.noticeId, attempt.attempt, attempt.at, attempt.delivered, attempt.channel, attempt.detail,
      ]);
      // A notice closed while it was being sent (removal confirmed meanwhile) stays closed.
      await this.query(
        `UPDATE ${this.t('notices')} SET attempts = attempts + 1,
                first_sent_at = CASE WHEN $3 THEN coalesce(first_sent_at, $2) ELSE first_sent_at END,
                last_sent_at = CASE WHEN $3 THEN $2 ELSE last_sent_at END,
                last_outcome = $4,
                next_due_at = CASE WHEN closed_at IS NULL THEN $5::timestamptz ELSE NULL END
          WHERE id = $1`,
        [attempt.noticeId, attempt.at, attempt.delivered, attempt.detail, nextDueAt],
      );
    });
  }

  async closeOpenNotice(urlId: string, at: Date, reason: string, removedAt?: Date): Promise<NoticeProps | undefined> {
    const [row] = await this.updateReturning<NoticeRow>(
      `UPDATE ${this.t('notices')} SET closed_at = $2, closed_reason = $3, confirmed_removed_at = $4, next_due_at = NULL
        WHERE url_id = $1 AND closed_at IS NULL RETURNING *`,
      [urlId, at, reason, removedAt ?? null],
    );
    return row ? toNotice(row) : undefined;
  }

  async allNotices(): Promise<NoticeProps[]> {
    return (await this.query<NoticeRow>(`SELECT * FROM ${this.t('notices')}`)).map(toNotice);
  }

  async countStillUpByProvider(): Promise<Map<string, number>> {
    const rows = await this.query<{ provider: string; n: number }>(
      `SELECT coalesce(provider_id::text, '') AS provider, count(*)::int AS n FROM ${this.t('urls')} WHERE status = ANY($1::text[]) GROUP BY 1`,
      [ACTIVE],
    );
    return new Map(rows.map((row) => [row.provider, row.n]));
  }

  async blocklist(): Promise<BlocklistEntry[]> {
    const rows = await this.query<{ url: string; host: string; first_reported_at: Date; classification: string | null }>(
      `SELECT url, host, first_reported_at, classification FROM ${this.t('urls')}
        WHERE takedown_requested_at IS NOT NULL AND status = ANY($1::text[]) ORDER BY url`,
      [ACTIVE],
    );
    return rows.map((row) => ({ url: row.url, host: row.host, firstReportedAt: row.first_reported_at.toISOString(), classification: row.classification ?? undefined }));
  }
}

const iso = (value: Date | null): string | undefined => (value ? value.toISOString() : undefined);

function toUrl(row: UrlRow, history: UrlHistoryEntry[]): TrackedUrl {
  return TrackedUrl.restore({
    id: row.id,
    url: row.url,
    host: row.host,
    providerId: row.provider_id ?? undefined,
    status: row.status,
    classification: row.classification ?? undefined,
    firstReportedAt: row.first_reported_at.toISOString(),
    takedownRequestedAt: iso(row.takedown_requested_at),
    removedAt: iso(row.removed_at),
    lastCheckedAt: iso(row.last_checked_at),
    lastCheckResult: row.last_check_result ?? undefined,
    nextCheckAt: iso(row.next_check_at),
    version: row.version,
    history,
  });
}

function toHistory(row: HistoryRow): UrlHistoryEntry {
  return { at: row.at.toISOString(), from: row.from_status ?? undefined, to: row.to_status, actor: row.actor, reason: row.reason };
}

function toNotice(row: NoticeRow): NoticeProps {
  return {
    id: row.id,
    urlId: row.url_id,
    providerId: row.provider_id,
    issuedAt: row.issued_at.toISOString(),
    issuedBy: row.issued_by,
    reason: row.reason,
    attempts: row.attempts,
    firstSentAt: iso(row.first_sent_at),
    lastSentAt: iso(row.last_sent_at),
    lastOutcome: row.last_outcome ?? undefined,
    nextDueAt: iso(row.next_due_at),
    confirmedRemovedAt: iso(row.confirmed_removed_at),
    closedAt: iso(row.closed_at),
    closedReason: row.closed_reason ?? undefined,
  };
}
