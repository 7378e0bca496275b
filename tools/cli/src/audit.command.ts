import { createServiceDataSource } from '@vigil/persistence';
import { describeAuditChainResult, SqlAuditLogReader, VerifyAuditChainUseCase } from '@vigil/security';
import type { Command } from 'commander';
import type { CliIo } from './hash.command';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/;

export interface AuditVerifyOptions {
  databaseUrl: string;
  schema: string;
}

/** Walks one service's audit chain straight from the database. 0 when intact, 1 when broken. */
export async function runAuditVerify(options: AuditVerifyOptions, io: CliIo): Promise<number> {
  if (!SCHEMA_NAME.test(options.schema)) {
    io.stderr.write(`vigil audit verify: --schema must be a plain schema name (tipline, hash_detection, referral_hub), not "${options.schema}"\n`);
    return 1;
  }
  const dataSource = createServiceDataSource({ url: options.databaseUrl, schema: options.schema, entities: [], migrations: [], poolSize: 1 });
  await dataSource.initialize();
  try {
    const result = await new VerifyAuditChainUseCase(new SqlAuditLogReader(options.schema, () => dataSource.manager)).execute();
    (result.ok ? io.stdout : io.stderr).write(`${describeAuditChainResult(result)}\n`);
    return result.ok ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

/** Adds `audit verify` to the CLI program. */
export function registerAuditCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): Command {
  const audit = program.command('audit').description("check a service's hash-chained audit log");
  audit
    .command('verify')
    .description('walk the chain in seq order; print "N rows verified" or the first broken seq and why')
    .requiredOption('--database-url <url>', 'Postgres URL', process.env.DATABASE_URL)
    .requiredOption('--schema <schema>', "the service's schema (tipline, hash_detection, referral_hub)")
    .addHelpText('after', '\nExit code 0 when the chain is intact, 1 when it is broken (gap, prev mismatch or hash mismatch) or cannot be read.')
    .action(async (options: AuditVerifyOptions) => setExitCode(await runAuditVerify(options, io)));
  return audit;
}
