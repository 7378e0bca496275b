import type { Pool } from 'pg';
import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { QueryErrorLogger, type QueryErrorSink } from './query-error-logger';

export interface ServiceDataSourceOptions {
  url: string;
  /** The Postgres schema this service owns; no service reads another's tables. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
  /** Where failed statements are reported, without their parameters (stderr by default). */
  onQueryError?: QueryErrorSink;
}

export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error', 'warn'],
    logger: new QueryErrorLogger(options.onQueryError),
    extra: { max: options.poolSize ?? 10, application_name: `vigil-${options.schema}` },
  });
}

/**
 * Connects and brings the schema up to date. The schema itself must exist before TypeORM
 * can create its migrations table inside it.
 */
export async function initialiseServiceDatabase(dataSource: DataSource, schema: string): Promise<void> {
  await dataSource.initialize();
  await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  await dataSource.runMigrations({ transaction: 'each' });
}

/** How long a closing data source waits for Postgres to see its connections end. */
const CONNECTIONS_CLOSE_MS = 2000;

/**
 * Closes a data source and resolves once its connections are closed, not only let go of.
 * pg-pool's end() (under TypeORM's destroy()) resolves as soon as it has asked each client to end,
 * before Postgres has read their Terminate messages: an embedded Postgres stopped right after would
 * end those sessions itself, and each client would raise "terminating connection due to
 * administrator command". The pool says "remove" for a client once its connection has ended.
 */
export async function closeServiceDataSource(dataSource: DataSource, timeoutMs = CONNECTIONS_CLOSE_MS): Promise<void> {
  if (!dataSource.isInitialized) return;
  const pool = (dataSource.driver as PostgresDriver).master as Pool | undefined;
  const closed = pool ? removals(pool, pool.totalCount, timeoutMs) : Promise.resolve();
  await dataSource.destroy();
  await closed;
}

function removals(pool: Pool, expected: number, timeoutMs: number): Promise<void> {
  if (expected === 0) return Promise.resolve();
  return new Promise((resolve) => {
    let seen = 0;
    const done = () => {
      clearTimeout(timer);
      pool.off('remove', onRemove);
      resolve();
    };
    const onRemove = () => {
      seen += 1;
      if (seen >= expected) done();
    };
    // A connection Postgres never answers must not hold a shutdown for ever.
    const timer = setTimeout(done, timeoutMs);
    timer.unref();
    pool.on('remove', onRemove);
  });
}
