import type { EventEnvelope } from '@vigil/contracts';
import { ConflictError } from '@vigil/kernel';
import { appendToOutbox } from '@vigil/messaging';
import type { TransactionRunner } from '@vigil/persistence';
import type { HashBankProps, HashEntryProps, HashType } from '../../domain/banks/hash-bank';
import type { CandidateMatch } from '../../domain/banks/match-decision';
import type { HashBankRepository } from '../../ports/hash-bank.repository';

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
}

export class TypeOrmHashBankRepository implements HashBankRepository {
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
      await this.transactions.manager.query(
        `INSERT INTO ${this.s}.hash_entries (id, bank_id, hash_type, value, classification, series, victim_identified, added_by, added_at, notes)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
        [entry.id, entry.bankId, entry.hashType, entry.value, entry.classification, entry.series ?? null, entry.victimIdentified, entry.addedBy, entry.addedAt, entry.notes ?? null],
      );
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new ConflictError(`value: this ${entry.hashType} is already in the bank`, 'value');
      throw error;
    }
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
  };
}
