import type { EventEnvelope } from '@vigil/contracts';
import { ConflictError } from '@vigil/kernel';
import { appendToOutbox } from '@vigil/messaging';
import type { TransactionRunner } from '@vigil/persistence';
import type { IdentifiedVictim } from '../../domain/identified-victim';
import type { VictimRepository } from '../../ports/victim.repository';

/** The victim-identification log in Postgres, with its events written to the outbox in the same transaction. */
export class TypeOrmVictimRepository implements VictimRepository {
  constructor(private readonly transactions: TransactionRunner, private readonly schema: string) {}

  private get table(): string {
    return `"${this.schema}".identified_victims`;
  }

  async add(victim: IdentifiedVictim, events: readonly EventEnvelope[]): Promise<void> {
    try {
      await this.transactions.run(async (manager) => {
        await manager.query(
          `INSERT INTO ${this.table} (id, pseudonym, identified_on, age_band, gender, case_id, icse_state, version, record) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
          [victim.id, victim.pseudonym, victim.identifiedOn, victim.ageBand, victim.gender, victim.caseId ?? null, victim.icse.state, victim.version, JSON.stringify(victim)],
        );
        await appendToOutbox(manager, this.schema, events);
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new ConflictError(`pseudonym: ${victim.pseudonym} is already in the log`, 'pseudonym');
      throw error;
    }
  }

  async update(victim: IdentifiedVictim, events: readonly EventEnvelope[]): Promise<void> {
    await this.transactions.run(async (manager) => {
      // A CTE so query() returns plain rows (a bare UPDATE … RETURNING comes back as [rows, count]).
      const updated: unknown[] = await manager.query(
        `WITH updated AS (UPDATE ${this.table} SET icse_state = $2, version = $3, record = $4, case_id = $5 WHERE id = $1 AND version = $6 RETURNING id) SELECT id FROM updated`,
        [victim.id, victim.icse.state, victim.version, JSON.stringify(victim), victim.caseId ?? null, victim.version - 1],
      );
      if (updated.length === 0) throw new ConflictError(`identified victim ${victim.pseudonym} was changed by someone else meanwhile: reload and try again`, 'version');
      await appendToOutbox(manager, this.schema, events);
    });
  }

  async findById(id: string): Promise<IdentifiedVictim | undefined> {
    const rows: Array<{ record: IdentifiedVictim }> = await this.transactions.manager.query(`SELECT record FROM ${this.table} WHERE id = $1`, [id]);
    return rows[0]?.record;
  }

  async list(limit: number): Promise<IdentifiedVictim[]> {
    const rows: Array<{ record: IdentifiedVictim }> = await this.transactions.manager.query(
      `SELECT record FROM ${this.table} ORDER BY identified_on DESC, pseudonym LIMIT $1`,
      [limit],
    );
    return rows.map((row) => row.record);
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
