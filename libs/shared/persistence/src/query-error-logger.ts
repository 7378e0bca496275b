import type { Logger as TypeOrmLogger, QueryRunner } from 'typeorm';

/** Where a failed statement is reported: a message that holds no parameter value. */
export type QueryErrorSink = (message: string) => void;

/** How much of a failed statement's text is kept: enough to recognise it. */
const STATEMENT_CHARACTERS = 300;

/**
 * TypeORM's logger for failed statements, without their parameters, and for its warnings.
 * TypeORM's own console logger prints a failed statement's parameters, which are the data being
 * written: a public report's description, a suspect's e-mail address, a reporter's contact. Logs
 * are read more widely than the database and kept elsewhere, so they get the error and the
 * statement only.
 */
export class QueryErrorLogger implements TypeOrmLogger {
  constructor(private readonly sink: QueryErrorSink = (message) => process.stderr.write(`${message}\n`)) {}

  logQueryError(error: string | Error, query: string, _parameters?: unknown[], _queryRunner?: QueryRunner): void {
    const reason = typeof error === 'string' ? error : error.message;
    const statement = query.replace(/\s+/g, ' ').trim();
    const shown = statement.length > STATEMENT_CHARACTERS ? `${statement.slice(0, STATEMENT_CHARACTERS)}…` : statement;
    this.sink(`query failed: ${reason} (statement: ${shown}; parameters not logged)`);
  }

  logQuery(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  // TypeORM's warnings are pool errors, e.g. idle connections ended by a Postgres restart.
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.sink(`typeorm: ${String(message)}`);
  }
}
