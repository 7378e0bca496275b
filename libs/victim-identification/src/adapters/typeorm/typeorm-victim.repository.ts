import type { EventEnvelope } from '@vigil/contracts';
import { ConflictError, RECORD_ENCRYPTION_SCHEME, type RecordCipher } from '@vigil/kernel';
import { appendToOutbox } from '@vigil/messaging';
import type { TransactionRunner } from '@vigil/persistence';
import type { IdentifiedVictim } from '../../domain/identified-victim';
import type { VictimRepository } from '../../ports/victim.repository';

const RECORD_FIELD = 'referral_hub.identified_victims.record';

interface VictimRow {
  id: string;
  record: IdentifiedVictim | null;
  record_sealed: Buffer | null;
  encryption: string;
}

/**
 * The victim-identification log in Postgres, with its events written to the outbox in the same
 * transaction. The record document is encrypted at rest (bound to the row's id); only the
 * pseudonym and the coarse columns the figures count on are stored in clear.
 */
export class TypeOrmVictimRepository implements VictimRepository {
  constructor(private readonly transactions: TransactionRunner, private readonly schema: string, private readonly cipher: RecordCipher) {}

  private get table(): string {
    return `"${this.schema}".identified_victims`;
  }

  private seal(victim: IdentifiedVictim): Promise<Uint8Array> {
    return this.cipher.sealJson(victim, { field: RECORD_FIELD, recordId: victim.id });
  }

  private async open(row: VictimRow): Promise<IdentifiedVictim> {
    if (row.encryption === RECORD_ENCRYPTION_SCHEME && row.record_sealed) return this.cipher.openJson<IdentifiedVictim>(row.record_sealed, { field: RECORD_FIELD, recordId: row.id });
    if (row.encryption === 'none' && row.record) return row.record;
    throw new Error(`identified victim ${row.id} is stored with encryption "${row.encryption}", which this repository cannot read`);
  }

  async add(victim: IdentifiedVictim, events: readonly EventEnvelope[]): Promise<void> {
    const sealed = Buffer.from(await this.seal(victim));
    try {
      await this.transactions.run(async (manager) => {
        await manager.query(
          `INSERT INTO ${this.table} (id, pseudonym, identified_on, age_band, gender, case_id, icse_state, version, record, record_sealed, encryption)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,NULL,$9,$10)`,
          [victim.id, victim.pseudonym, victim.identifiedOn, victim.ageBand, victim.gender, victim.caseId ?? null, victim.icse.state, victim.version, sealed, RECORD_ENCRYPTION_SCHEME],
        );
        await appendToOutbox(manager, this.schema, events);
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new ConflictError(`pseudonym: ${victim.pseudonym} is already in the log`, 'pseudonym');
      throw error;
    }
  }

  async update(victim: IdentifiedVictim, events: readonly EventEnvelope[]): Promise<void> {
    const sealed = Buffer.from(await this.seal(victim));
    await this.transactions.run(async (manager) => {
      // A CTE so query() returns plain rows (a bare UPDATE … RETURNING comes back as [rows, count]).
      const updated: unknown[] = await manager.query(
        `WITH updated AS (UPDATE ${this.table} SET icse_state = $2, version = $3, record = NULL, record_sealed = $4, encryption = $7, case_id = $5 WHERE id = $1 AND version = $6 RETURNING id)
         SELECT id FROM updated`,
        [victim.id, victim.icse.state, victim.version, sealed, victim.caseId ?? null, victim.version - 1, RECORD_ENCRYPTION_SCHEME],
      );
      if (updated.length === 0) throw new ConflictError(`identified victim ${victim.pseudonym} was changed by someone else meanwhile: reload and try again`, 'version');
      await appendToOutbox(manager, this.schema, events);
    });
  }

  /** Seals records written in clear before encryption arrived, a batch per transaction. Returns how many were sealed. */
  async sealPlaintextRecords(batchSize = 100): Promise<number> {
    let sealed = 0;
    for (;;) {
      const count = await this.transactions.run(async (manager) => {
        const rows: VictimRow[] = await manager.query(
          `SELECT id, record, record_sealed, encryption FROM ${this.table} WHERE encryption = 'none' ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [batchSize],
        );
        for (const row of rows) {
          const record = Buffer.from(await this.seal(await this.open(row)));
          await manager.query(`UPDATE ${this.table} SET record = NULL, record_sealed = $2, encryption = $3 WHERE id = $1`, [row.id, record, RECORD_ENCRYPTION_SCHEME]);
        }
        return rows.length;
      });
      sealed += count;
      if (count < batchSize) return sealed;
    }
  }

  async findById(id: string): Promise<IdentifiedVictim | undefined> {
    const rows: VictimRow[] = await this.transactions.manager.query(`SELECT id, record, record_sealed, encryption FROM ${this.table} WHERE id = $1`, [id]);
    return rows[0] ? this.open(rows[0]) : undefined;
  }

  async list(limit: number): Promise<IdentifiedVictim[]> {
    const rows: VictimRow[] = await this.transactions.manager.query(
      `SELECT id, record, record_sealed, encryption FROM ${this.table} ORDER BY identified_on DESC, pseudonym LIMIT $1`,
      [limit],
    );
    return Promise.all(rows.map((row) => this.open(row)));
  }

  async listForFigures(year: number): Promise<Array<Pick<IdentifiedVictim, 'ageBand' | 'gender' | 'identifiedOn'>>> {
    const rows: Array<{ age_band: IdentifiedVictim['ageBand']; gender: IdentifiedVictim['gender']; identified_on: string }> = await this.transactions.manager.query(
      `SELECT age_band, gender, to_char(identified_on, 'YYYY-MM-DD') AS identified_on FROM ${this.table}
        WHERE identified_on >= make_date($1, 1, 1) AND identified_on < make_date($1 + 1, 1, 1)`,
      [year],
    );
    return rows.map((row) => ({ ageBand: row.age_band, gender: row.gender, identifiedOn: row.identified_on }));
  }
}
