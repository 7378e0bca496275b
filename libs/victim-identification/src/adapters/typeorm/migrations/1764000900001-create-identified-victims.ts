import { migrationSchema } from '@vigil/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The victim-identification log: one row per identified child, under a pseudonym (there is no
 * column for a name, on purpose). The record itself (ICSE state, history, series, hashes) is a
 * JSON document; the columns beside it are what queries filter and count on.
 */
export class CreateIdentifiedVictims1764000900001 implements MigrationInterface {
  name = 'CreateIdentifiedVictims1764000900001';

  async up(runner: QueryRunner): Promise<void> {
    const s = migrationSchema(runner);
    await runner.query(`CREATE TABLE "${s}".identified_victims (
      id uuid PRIMARY KEY,
      pseudonym text NOT NULL UNIQUE,
      identified_on date NOT NULL,
      age_band text NOT NULL,
      gender text NOT NULL,
      case_id uuid NULL,
      icse_state text NOT NULL,
      version int NOT NULL,
      record jsonb NOT NULL
    )`);
    await runner.query(`CREATE INDEX identified_victims_identified_on ON "${s}".identified_victims (identified_on)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = migrationSchema(runner);
    await runner.query(`DROP TABLE "${s}".identified_victims`);
  }
}
