import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
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
    logging: ['error'],
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
