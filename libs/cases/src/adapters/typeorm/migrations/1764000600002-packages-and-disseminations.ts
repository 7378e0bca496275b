import { migrationSchema } from '@vigil/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Package versions (never overwritten) and disseminations to police services. */
export class PackagesAndDisseminations1764000600002 implements MigrationInterface {
  name = 'PackagesAndDisseminations1764000600002';

  async up(runner: QueryRunner): Promise<void> {
    const s = migrationSchema(runner);
    await runner.query(`CREATE TABLE "${s}".case_packages (
      case_id uuid NOT NULL REFERENCES "${s}".cases(id),
      version int NOT NULL,
      kind text NOT NULL,
      json text NOT NULL,
      pdf bytea NOT NULL,
      manifest jsonb NOT NULL,
      built_at timestamptz NOT NULL,
      built_by text NOT NULL,
      PRIMARY KEY (case_id, version)
    )`);
    await runner.query(`CREATE TABLE "${s}".disseminations (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES "${s}".cases(id),
      police_service_id text NOT NULL,
      disseminated_at timestamptz NOT NULL,
      acknowledged_at timestamptz NULL,
      state jsonb NOT NULL
    )`);
    await runner.query(`CREATE INDEX disseminations_police_service ON "${s}".disseminations (police_service_id, disseminated_at DESC)`);
    await runner.query(`CREATE INDEX disseminations_unacknowledged ON "${s}".disseminations (disseminated_at) WHERE acknowledged_at IS NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = migrationSchema(runner);
    await runner.query(`DROP TABLE "${s}".disseminations`);
    await runner.query(`DROP TABLE "${s}".case_packages`);
  }
}
