import type { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxInboxDownSql, outboxInboxUpSql } from './outbox-inbox.sql';

/**
 * Every service's first migration: outbox, inbox and audit log in its own schema. Extra DDL
 * (the audit log lives in the security library) is passed in to keep this library independent.
 */
export function platformTablesMigration(extraUp: (schema: string) => string[] = () => []): new () => MigrationInterface {
  return class PlatformTables1763800000000 implements MigrationInterface {
    name = 'PlatformTables1763800000000';
    async up(runner: QueryRunner): Promise<void> {
      const schema = migrationSchema(runner);
      for (const sql of [...outboxInboxUpSql(schema), ...extraUp(schema)]) await runner.query(sql);
    }
    async down(runner: QueryRunner): Promise<void> {
      const schema = migrationSchema(runner);
      for (const sql of outboxInboxDownSql(schema)) await runner.query(sql);
    }
  };
}

/** The schema the running service's migrations apply to (set on its DataSource). */
export function migrationSchema(runner: QueryRunner): string {
  const schema = (runner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('a Vigil service DataSource must name its schema');
  return schema;
}
