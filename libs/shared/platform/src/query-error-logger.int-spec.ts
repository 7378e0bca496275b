import { createServiceDataSource } from '@vigil/persistence';
import { createTestDatabase, type TestDatabase } from '@vigil/test-fixtures';

/** Services build their data sources with createServiceDataSource: a failed statement is logged with its error and text, never with the values it was writing (real Postgres). */
describe('QueryErrorLogger', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('vigil_int_query_error_log');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('reports the error and the statement, not the parameters (TypeORM’s console logger printed them)', async () => {
    const logged: string[] = [];
    const dataSource = createServiceDataSource({ url: database.url, schema: 'public', entities: [], migrations: [], poolSize: 1, onQueryError: (message) => logged.push(message) });
    await dataSource.initialize();
    try {
      await dataSource.query(`CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)`);
      await dataSource.query(`INSERT INTO notes (id, body) VALUES ($1, $2)`, [1, 'first']);
      await expect(dataSource.query(`INSERT INTO notes (id, body) VALUES ($1, $2)`, [1, 'suspect.name@example.org said the child is 12'])).rejects.toThrow(/duplicate key/);
      await expect(dataSource.query(`SELECT $1::text AS body`, ['a description\u0000with a NUL'])).rejects.toThrow(/invalid byte sequence/);
    } finally {
      await dataSource.destroy();
    }
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatch(/^query failed: duplicate key value violates unique constraint "notes_pkey" \(statement: INSERT INTO notes \(id, body\) VALUES \(\$1, \$2\); parameters not logged\)$/);
    expect(logged[1]).toMatch(/^query failed: invalid byte sequence/);
    expect(logged.join('\n')).not.toMatch(/suspect|child|description|first/);
  });
});
