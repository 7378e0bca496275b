import { createServiceDataSource, OUTBOX_RETENTION_RULE, RelayedOutboxRetention, TransactionRunner } from '@vigil/persistence';
import { purgeUseCaseFor, type ServiceRetention } from '@vigil/platform';
import { REPORT_RETENTION_RULES, reportRetentionTargets } from '@vigil/reports';
import { describePurgeOutcome, SqlAuditTrail } from '@vigil/security';
import { RemovedTakedownUrlRetention, TAKEDOWN_RETENTION_RULES } from '@vigil/takedown';
import type { Command } from 'commander';
import type { CliIo } from './hash.command';

/**
 * What each service purges, by schema: the same rules and targets as the services' own
 * definitions (apps/<app>/src/main.ts), which the CLI cannot import (tools never import apps).
 */
export const SERVICE_RETENTION: Record<string, ServiceRetention> = {
  tipline: {
    rules: [...REPORT_RETENTION_RULES, OUTBOX_RETENTION_RULE],
    targets: (infra) => [...reportRetentionTargets(infra.transactions, infra.schema), new RelayedOutboxRetention(infra.transactions, infra.schema)],
  },
  hash_detection: {
    rules: [...TAKEDOWN_RETENTION_RULES, OUTBOX_RETENTION_RULE],
    targets: (infra) => [new RemovedTakedownUrlRetention(infra.transactions, infra.schema), new RelayedOutboxRetention(infra.transactions, infra.schema)],
  },
  referral_hub: { rules: [OUTBOX_RETENTION_RULE], targets: (infra) => [new RelayedOutboxRetention(infra.transactions, infra.schema)] },
};

export interface RetentionPurgeOptions {
  databaseUrl: string;
  schema?: string;
  dryRun?: boolean;
}

/** Purges (or with --dry-run lists) what is due in each service schema present in the database. */
export async function runRetentionPurge(options: RetentionPurgeOptions, io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const schemas = options.schema ? [options.schema] : Object.keys(SERVICE_RETENTION);
  for (const schema of schemas) {
    if (!SERVICE_RETENTION[schema]) {
      io.stderr.write(`vigil retention purge: --schema must be one of ${Object.keys(SERVICE_RETENTION).join(', ')}, not "${schema}"\n`);
      return 1;
    }
  }
  const dataSource = createServiceDataSource({ url: options.databaseUrl, schema: schemas[0], entities: [], migrations: [], poolSize: 2 });
  await dataSource.initialize();
  try {
    for (const schema of schemas) {
      const [{ present }] = (await dataSource.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [`"${schema}".audit_log`])) as { present: boolean }[];
      if (!present) {
        if (options.schema) {
          io.stderr.write(`vigil retention purge: schema ${schema} has no Vigil tables in this database\n`);
          return 1;
        }
        continue;
      }
      const transactions = new TransactionRunner(dataSource);
      const infra = { schema, transactions, audit: new SqlAuditTrail(schema, () => transactions.manager) };
      const outcomes = await purgeUseCaseFor(SERVICE_RETENTION[schema], infra, env).execute({ dryRun: options.dryRun });
      for (const outcome of outcomes) io.stdout.write(`${schema} ${describePurgeOutcome(outcome)}\n`);
    }
    return 0;
  } catch (error) {
    io.stderr.write(`vigil retention purge: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await dataSource.destroy();
  }
}

/** Adds `retention purge` to the CLI program. */
export function registerRetentionCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): Command {
  const retention = program.command('retention').description('retention periods and the purge of expired records');
  retention
    .command('purge')
    .description('delete what the retention policy says is due, one audit entry per record type; periods from RETENTION_<TYPE>_DAYS')
    .requiredOption('--database-url <url>', 'Postgres URL', process.env.DATABASE_URL)
    .option('--schema <schema>', `one service's schema (${Object.keys(SERVICE_RETENTION).join(', ')}); default: every one present`)
    .option('--dry-run', 'list what is due and change nothing')
    .action(async (options: RetentionPurgeOptions) => setExitCode(await runRetentionPurge(options, io)));
  return retention;
}
