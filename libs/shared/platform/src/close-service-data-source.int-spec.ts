import { closeServiceDataSource, createServiceDataSource } from '@vigil/persistence';
import { createTestDatabase, type TestDatabase } from '@vigil/test-fixtures';
import type { Pool } from 'pg';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** A service's data source is closed when its connections are, so Postgres can stop right after (real Postgres). */
describe('closeServiceDataSource', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('vigil_int_data_source_close');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('resolves only once every connection of the pool has ended (TypeORM’s destroy resolved before: embedded Postgres then ended them itself)', async () => {
    const dataSource = createServiceDataSource({ url: database.url, schema: 'public', entities: [], migrations: [], poolSize: 3 });
    await dataSource.initialize();
    // Three connections at once, so the pool holds three idle clients.
    await Promise.all([1, 2, 3].map(() => dataSource.query('SELECT pg_sleep(0.05)')));
    const pool = (dataSource.driver as PostgresDriver).master as Pool;
    expect(pool.totalCount).toBe(3);
    let ended = 0;
    pool.on('remove', () => (ended += 1));

    await closeServiceDataSource(dataSource);

    expect(ended).toBe(3);
    expect(dataSource.isInitialized).toBe(false);
  });

  it('does nothing for a data source that is not connected', async () => {
    const dataSource = createServiceDataSource({ url: database.url, schema: 'public', entities: [], migrations: [] });
    await expect(closeServiceDataSource(dataSource)).resolves.toBeUndefined();
  });
});
