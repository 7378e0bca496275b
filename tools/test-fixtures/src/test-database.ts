import { randomBytes } from 'node:crypto';
import { createServiceDataSource, initialiseServiceDatabase, TransactionRunner } from '@vigil/persistence';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';

/** The server integration tests use: the machine's Postgres (CI starts it if it is down). */
export const TEST_DATABASE_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh, uniquely named database per test file, so suites never see each other's rows. */
export async function createTestDatabase(prefix = 'vigil_test'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_DATABASE_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(TEST_DATABASE_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const client = new Client({ connectionString: TEST_DATABASE_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}

export interface MigratedTestDatabase {
  database: TestDatabase;
  dataSource: DataSource;
  transactions: TransactionRunner;
  /** Closes the pool and drops the database. */
  close(): Promise<void>;
}

/**
 * A fresh database with one service schema migrated as the service would at start: the
 * setup every repository integration test needs.
 */
export async function migratedTestDatabase(options: {
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Array<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: Array<Function>;
}): Promise<MigratedTestDatabase> {
  const database = await createTestDatabase();
  const dataSource = createServiceDataSource({ url: database.url, schema: options.schema, entities: options.entities ?? [], migrations: options.migrations });
  await initialiseServiceDatabase(dataSource, options.schema);
  return {
    database,
    dataSource,
    transactions: new TransactionRunner(dataSource),
    close: async () => {
      await dataSource.destroy();
      await database.drop();
    },
  };
}
