import type { EventEnvelope } from '@vigil/contracts';
import { ConflictError } from '@vigil/kernel';
import { appendToOutbox } from '@vigil/messaging';
import type { TransactionRunner } from '@vigil/persistence';
import type { EntityManager } from 'typeorm';
import { sharedEntryView, type EntryChangeOp, type EntryChangePage } from '../../domain/banks/entry-change';
import { entryCursor, type EntrySearch, type EntrySearchPage } from '../../domain/banks/entry-search';
import type { HashBankProps, HashEntryProps, HashType } from '../../domain/banks/hash-bank';
import type { CandidateMatch } from '../../domain/banks/match-decision';
import type { BankCurationRepository, BankEntryCounts, EntryChangeResult } from '../../ports/hash-bank.repository';

interface BankRow {
  id: string;
  name: string;
  kind: HashBankProps['kind'];
  source: string;
  terms: string;
  owner: string;
  pdq_threshold: number;
  created_at: Date;
  entry_count?: string;
}

interface EntryRow {
  id: string;
  bank_id: string;
  hash_type: HashType;
  value: string;
  classification: string;
  series: string | null;
  victim_identified: boolean;
  added_by: string;
  added_at: Date;
  notes: string | null;
  disabled_at: Date | null;
  disabled_reason: string | null;
  disabled_by: string | null;
  disabled_until: Date | null;
}

/**
 * First key of the two-key advisory lock that orders a bank's change log (the second is a hash
 * of the bank id); a constant of our own so we never share a lock with other advisory-lock users.
 */
const CHANGE_LOG_LOCK = 0x76_48_42_4c; // "vHBL"

interface ChangeToRecord {
  op: EntryChangeOp;
  entry: HashEntryProps;
  actor: string;
  at: string;
}

/**
 * Banks and entries in Postgres, with the per-bank change log.
 *
 * Ordering of the change log: `seq` is a bigserial, and sequence values are handed out when a
 * row is inserted, not when its transaction commits. Left alone, a reader could see seq 12
 * committed while seq 11 is still in flight, move its cursor to 12 and never see 11. So every
 * transaction that writes a bank's entries first takes a transaction-scoped advisory lock for
 * that bank and holds it to commit: within a bank, the next writer draws its sequence numbers
 * only after the previous one has committed, so seq order is commit order and a cursor never
 * skips a row. (The feed is per bank, so ordering across banks does not matter.) The cost is
 * that writes to one bank are serialised, which curation and batched imports can afford.
 */
export class TypeOrmHashBankRepository implements BankCurationRepository {
  constructor(private readonly transactions: TransactionRunner, private readonly schema: string) {}

  private get s(): string {
    return `"${this.schema}"`;
  }

  async createBank(bank: HashBankProps): Promise<void> {
    try {
      await this.transactions.manager.query(
        `INSERT INTO ${this.s}.hash_banks (id, name, kind, source, terms, owner, pdq_threshold, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
        [bank.id, bank.name, bank.kind, bank.source, bank.terms, bank.owner, bank.pdqThreshold, bank.createdAt],
      );
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new ConflictError(`name: a bank named "${bank.name}" already exists`, 'name');
      throw error;
    }
  }

  async listBanks(): Promise<Array<HashBankProps & { entryCount: number }>> {
    const rows: BankRow[] = await this.transactions.manager.query(
      `SELECT b.*, (SELECT count(*) FROM ${this.s}.hash_entries e WHERE e.bank_id = b.id)::text AS entry_count
         FROM ${this.s}.hash_banks b ORDER BY b.name`,
    );
    return rows.map((row) => ({ ...toBank(row), entryCount: Number(row.entry_count ?? 0) }));
  }

  async findBank(id: string): Promise<HashBankProps | undefined> {
    const rows: BankRow[] = await this.transactions.manager.query(`SELECT * FROM ${this.s}.hash_banks WHERE id = $1`, [id]);
    return rows[0] ? toBank(rows[0]) : undefined;
  }

  async addEntry(entry: HashEntryProps): Promise<void> {
    try {
      await this.transactions.run(async (manager) => {
        await this.lockChangeLog(manager, entry.bankId);
        await manager.query(
          `INSERT INTO ${this.s}.hash_entries (id, bank_id, hash_type, value, classification, series, victim_identified, added_by, added_at, notes)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
          [entry.id, entry.bankId, entry.hashType, entry.value, entry.classification, entry.series ?? null, entry.victimIdentified, entry.addedBy, entry.addedAt, entry.notes ?? null],
        );
        await this.recordChanges(manager, entry.bankId, [{ op: 'add', entry, actor: entry.addedBy, at: entry.addedAt }]);
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new ConflictError(`value: this ${entry.hashType} is already in the bank`, 'value');
      throw error;
    }
  }

  async addEntries(bankId: string, entries: HashEntryProps[]): Promise<HashEntryProps[]> {
    if (entries.length === 0) return [];
    return this.transactions.run(async (manager) => {
      await this.lockChangeLog(manager, bankId);
      const inserted: Array<{ id: string }> = await manager.query(
        `INSERT INTO ${this.s}.hash_entries (id, bank_id, hash_type, value, classification, series, victim_identified, added_by, added_at, notes)
         SELECT n.id, $1::uuid, n.hash_type, n.value, n.classification, n.series, n.victim_identified, n.added_by, n.added_at, n.notes
           FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[], $8::text[], $9::timestamptz[], $10::text[])
                AS n(id, hash_type, value, classification, series, victim_identified, added_by, added_at, notes)
         ON CONFLICT (bank_id, hash_type, value) DO NOTHING
         RETURNING id`,
        [
          bankId,
          entries.map((entry) => entry.id),
          entries.map((entry) => entry.hashType),
          entries.map((entry) => entry.value),
          entries.map((entry) => entry.classification),
          entries.map((entry) => entry.series ?? null),
          entries.map((entry) => entry.victimIdentified),
          entries.map((entry) => entry.addedBy),
          entries.map((entry) => entry.addedAt),
          entries.map((entry) => entry.notes ?? null),
        ],
      );
      const ids = new Set(inserted.map((row) => row.id));
      const added = entries.filter((entry) => ids.has(entry.id));
      await this.recordChanges(manager, bankId, added.map((entry) => ({ op: 'add', entry, actor: entry.addedBy, at: entry.addedAt })));
      return added;
    });
  }

  async updateBank(bank: HashBankProps): Promise<void> {
    try {
      await this.transactions.manager.query(
        `UPDATE ${this.s}.hash_banks SET name = $2, source = $3, terms = $4, owner = $5, pdq_threshold = $6 WHERE id = $1`,
        [bank.id, bank.name, bank.source, bank.terms, bank.owner, bank.pdqThreshold],
      );
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new ConflictError(`name: a bank named "${bank.name}" already exists`, 'name');
      throw error;
    }
  }

  async countEntries(bankId: string): Promise<BankEntryCounts> {
    const rows: Array<{ hash_type: string; classification: string; disabled: boolean; n: number }> = await this.transactions.manager.query(
      `SELECT hash_type, classification, disabled_at IS NOT NULL AS disabled, count(*)::int AS n
         FROM ${this.s}.hash_entries WHERE bank_id = $1 GROUP BY 1, 2, 3`,
      [bankId],
    );
    const counts: BankEntryCounts = { total: 0, active: 0, disabled: 0, byHashType: {}, byClassification: {} };
    for (const row of rows) {
      counts.total += row.n;
      counts[row.disabled ? 'disabled' : 'active'] += row.n;
      counts.byHashType[row.hash_type] = (counts.byHashType[row.hash_type] ?? 0) + row.n;
      counts.byClassification[row.classification] = (counts.byClassification[row.classification] ?? 0) + row.n;
    }
    return counts;
  }

  async findEntry(bankId: string, entryId: string): Promise<HashEntryProps | undefined> {
    const rows: EntryRow[] = await this.transactions.manager.query(`SELECT * FROM ${this.s}.hash_entries WHERE bank_id = $1 AND id = $2`, [bankId, entryId]);
    return rows[0] ? toEntry(rows[0]) : undefined;
  }

  async changeEntry(
    bankId: string,
    entryId: string,
    op: EntryChangeOp,
    actor: string,
    at: Date,
    change: (entry: HashEntryProps) => HashEntryProps | undefined,
  ): Promise<EntryChangeResult | undefined> {
    return this.transactions.run(async (manager) => {
      await this.lockChangeLog(manager, bankId);
      const rows: EntryRow[] = await manager.query(`SELECT * FROM ${this.s}.hash_entries WHERE bank_id = $1 AND id = $2 FOR UPDATE`, [bankId, entryId]);
      if (!rows[0]) return undefined;
      const before = toEntry(rows[0]);
      const after = change(before);
      if (!after) return { before };
      await manager.query(
        `UPDATE ${this.s}.hash_entries
            SET classification = $2, series = $3, victim_identified = $4, notes = $5,
                disabled_at = $6, disabled_reason = $7, disabled_by = $8, disabled_until = $9
          WHERE id = $1`,
        [entryId, after.classification, after.series ?? null, after.victimIdentified, after.notes ?? null, after.disabledAt ?? null, after.disabledReason ?? null, after.disabledBy ?? null, after.disabledUntil ?? null],
      );
      await this.recordChanges(manager, bankId, [{ op, entry: after, actor, at: at.toISOString() }]);
      return { before, after };
    });
  }

  async listExpiredDisables(now: Date, limit: number): Promise<Array<{ bankId: string; entryId: string }>> {
    const rows: Array<{ bank_id: string; id: string }> = await this.transactions.manager.query(
      `SELECT bank_id, id FROM ${this.s}.hash_entries
        WHERE disabled_until IS NOT NULL AND disabled_at IS NOT NULL AND disabled_until <= $1
        ORDER BY disabled_until, id LIMIT $2`,
      [now.toISOString(), limit],
    );
    return rows.map((row) => ({ bankId: row.bank_id, entryId: row.id }));
  }

  async searchEntries(bankId: string, search: EntrySearch): Promise<EntrySearchPage> {
    const where = ['bank_id = $1'];
    const params: unknown[] = [bankId];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (search.status === 'active') where.push('disabled_at IS NULL');
    if (search.status === 'disabled') where.push('disabled_at IS NOT NULL');
    if (search.classification) where.push(`classification = ${param(search.classification)}`);
    if (search.q) {
      const pattern = search.q.replace(/[\\%_]/g, (character) => `\\${character}`);
      const prefix = param(`${pattern.toLowerCase()}%`);
      const contains = param(`%${pattern}%`);
      where.push(`(value LIKE ${prefix} OR series ILIKE ${contains} OR notes ILIKE ${contains})`);
    }
    if (search.after) where.push(`(added_at, id) < (${param(search.after.addedAt)}::timestamptz, ${param(search.after.id)}::uuid)`);
    const rows: EntryRow[] = await this.transactions.manager.query(
      `SELECT * FROM ${this.s}.hash_entries WHERE ${where.join(' AND ')} ORDER BY added_at DESC, id DESC LIMIT ${param(search.limit + 1)}`,
      params,
    );
    const entries = rows.slice(0, search.limit).map(toEntry);
    const last = entries[entries.length - 1];
    return { entries, nextCursor: rows.length > search.limit && last ? entryCursor(last) : undefined };
  }

  async changeLogHeads(): Promise<Map<string, string>> {
    // One index probe per bank (hash_entry_changes_by_bank), not a scan of the whole log.
    const rows: Array<{ bank_id: string; head: string }> = await this.transactions.manager.query(
      `SELECT b.id AS bank_id, COALESCE((SELECT max(c.seq) FROM ${this.s}.hash_entry_changes c WHERE c.bank_id = b.id), 0)::text AS head FROM ${this.s}.hash_banks b`,
    );
    return new Map(rows.map((row) => [row.bank_id, row.head]));
  }

  async listChanges(bankId: string, since: string, limit: number): Promise<EntryChangePage> {
    // The cursor is selected as text (a bigint may pass 2^53); ordering is on the bigint itself.
    const rows: Array<{ cursor: string; op: EntryChangeOp; at: Date; entry: HashEntryProps }> = await this.transactions.manager.query(
      `SELECT seq::text AS cursor, op, at, entry FROM ${this.s}.hash_entry_changes WHERE bank_id = $1 AND seq > $2::bigint ORDER BY seq LIMIT $3`,
      [bankId, since, limit + 1],
    );
    const changes = rows.slice(0, limit).map((row) => ({ cursor: row.cursor, op: row.op, at: new Date(row.at).toISOString(), entry: sharedEntryView(row.entry) }));
    return { changes, nextCursor: changes.length > 0 ? changes[changes.length - 1].cursor : since, hasMore: rows.length > limit };
  }

  async listActiveEntries(bankId: string, afterId: string | undefined, limit: number): Promise<HashEntryProps[]> {
    const rows: EntryRow[] = await this.transactions.manager.query(
      `SELECT * FROM ${this.s}.hash_entries
        WHERE bank_id = $1 AND disabled_at IS NULL AND ($2::uuid IS NULL OR id > $2::uuid)
        ORDER BY id LIMIT $3`,
      [bankId, afterId ?? null, limit],
    );
    return rows.map(toEntry);
  }

  async findEntriesToFlagVictimIdentified(series: string[], hashes: Array<{ type: HashType; value: string }>): Promise<Array<{ bankId: string; entryId: string }>> {
    if (series.length === 0 && hashes.length === 0) return [];
    const rows: Array<{ bank_id: string; id: string }> = await this.transactions.manager.query(
      `SELECT bank_id, id FROM ${this.s}.hash_entries
        WHERE NOT victim_identified
          AND (lower(series) = ANY($1::text[]) OR (hash_type, value) IN (SELECT * FROM unnest($2::text[], $3::text[])))
        ORDER BY bank_id, id`,
      [series.map((name) => name.trim().toLowerCase()), hashes.map((hash) => hash.type), hashes.map((hash) => hash.value)],
    );
    return rows.map((row) => ({ bankId: row.bank_id, entryId: row.id }));
  }

  /** Serialises a bank's writers until commit, so its change log's order is commit order (see the class comment). */
  private async lockChangeLog(manager: EntityManager, bankId: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [CHANGE_LOG_LOCK, bankId]);
  }

  private async recordChanges(manager: EntityManager, bankId: string, changes: ChangeToRecord[]): Promise<void> {
    if (changes.length === 0) return;
    await manager.query(
      `INSERT INTO ${this.s}.hash_entry_changes (bank_id, entry_id, op, at, actor, entry)
       SELECT $1::uuid, c.entry_id, c.op, c.at, c.actor, c.entry
         FROM unnest($2::uuid[], $3::text[], $4::timestamptz[], $5::text[], $6::jsonb[]) WITH ORDINALITY AS c(entry_id, op, at, actor, entry, n)
        ORDER BY c.n`,
      [
        bankId,
        changes.map((change) => change.entry.id),
        changes.map((change) => change.op),
        changes.map((change) => change.at),
        changes.map((change) => change.actor),
        changes.map((change) => JSON.stringify(change.entry)),
      ],
    );
  }

  async findExact(digests: Array<{ type: HashType; value: string }>): Promise<CandidateMatch[]> {
    if (digests.length === 0) return [];
    const found = await this.entriesWithBanks('(e.hash_type, e.value) IN (SELECT * FROM unnest($1::text[], $2::text[]))', [
      digests.map((digest) => digest.type),
      digests.map((digest) => digest.value),
    ]);
    return found.map((candidate) => ({ ...candidate, distance: 0 }));
  }

  async findEntries(ids: string[]): Promise<Array<Omit<CandidateMatch, 'distance'>>> {
    if (ids.length === 0) return [];
    return this.entriesWithBanks('e.id = ANY($1::uuid[])', [ids]);
  }

  async listPdqEntries(): Promise<Array<{ id: string; value: string }>> {
    return this.transactions.manager.query(`SELECT id, value FROM ${this.s}.hash_entries WHERE hash_type = 'pdq' AND disabled_at IS NULL`);
  }

  private async entriesWithBanks(where: string, params: unknown[]): Promise<Array<Omit<CandidateMatch, 'distance'>>> {
    const rows: Array<EntryRow & { b_name: string; b_kind: HashBankProps['kind']; b_source: string; b_terms: string; b_owner: string; b_pdq_threshold: number; b_created_at: Date }> =
      await this.transactions.manager.query(
        `SELECT e.*, b.name AS b_name, b.kind AS b_kind, b.source AS b_source, b.terms AS b_terms, b.owner AS b_owner,
                b.pdq_threshold AS b_pdq_threshold, b.created_at AS b_created_at
           FROM ${this.s}.hash_entries e JOIN ${this.s}.hash_banks b ON b.id = e.bank_id
          WHERE ${where}`,
        params,
      );
    return rows.map((row) => ({
      entry: toEntry(row),
      bank: toBank({ id: row.bank_id, name: row.b_name, kind: row.b_kind, source: row.b_source, terms: row.b_terms, owner: row.b_owner, pdq_threshold: row.b_pdq_threshold, created_at: row.b_created_at }),
    }));
  }

  async publish(events: readonly EventEnvelope[]): Promise<void> {
    await this.transactions.run((manager) => appendToOutbox(manager, this.schema, events));
  }
}

function toBank(row: BankRow): HashBankProps {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    source: row.source,
    terms: row.terms,
    owner: row.owner,
    pdqThreshold: row.pdq_threshold,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

function toEntry(row: EntryRow): HashEntryProps {
  return {
    id: row.id,
    bankId: row.bank_id,
    hashType: row.hash_type,
    value: row.value,
    classification: row.classification,
    series: row.series ?? undefined,
    victimIdentified: row.victim_identified,
    addedBy: row.added_by,
    addedAt: new Date(row.added_at).toISOString(),
    notes: row.notes ?? undefined,
    disabledAt: row.disabled_at ? new Date(row.disabled_at).toISOString() : undefined,
    disabledReason: row.disabled_reason ?? undefined,
    disabledBy: row.disabled_by ?? undefined,
    disabledUntil: row.disabled_until ? new Date(row.disabled_until).toISOString() : undefined,
  };
}
