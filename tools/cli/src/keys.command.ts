import { RECORD_ENCRYPTION_SCHEME } from '@vigil/kernel';
import { createServiceDataSource } from '@vigil/persistence';
import { FieldCipher, keyRingFromEnvironment, readKeyFile } from '@vigil/security';
import type { Command } from 'commander';
import type { CliIo } from './hash.command';

/**
 * The columns Vigil seals, with the column saying how each row is stored. A table or column a
 * database does not have (an older version, a service not deployed) is skipped.
 */
export const SEALED_COLUMNS = [
  { table: 'tipline.evidence_files', value: 'content', scheme: 'encryption' },
  { table: 'tipline.reporter_channels', value: 'contact', scheme: 'contact_encryption' },
  { table: 'referral_hub.identified_victims', value: 'record_sealed', scheme: 'encryption' },
] as const;

export interface KeysCheckOptions {
  databaseUrl: string;
  keyFile?: string;
}

/**
 * Proves the key (a key file, or VIGIL_KEK/VIGIL_KEK_FILE) opens what the database holds: every
 * sealed value's data key is unwrapped. A backup restored with the wrong key fails here, not on
 * the day the evidence is needed.
 */
export async function runKeysCheck(options: KeysCheckOptions, io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let cipher: FieldCipher;
  try {
    cipher = new FieldCipher(options.keyFile ? readKeyFile(options.keyFile) : keyRingFromEnvironment(env, { allowGeneratedKey: false, dataDir: '.' }));
  } catch (error) {
    io.stderr.write(`vigil keys check: ${(error as Error).message}\n`);
    return 1;
  }
  const dataSource = createServiceDataSource({ url: options.databaseUrl, schema: 'public', entities: [], migrations: [], poolSize: 1 });
  await dataSource.initialize();
  let failed = 0;
  try {
    for (const column of SEALED_COLUMNS) {
      const [{ present }] = (await dataSource.query(
        `SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema || '.' || table_name = $1 AND column_name = $2) AS present`,
        [column.table, column.scheme],
      )) as { present: boolean }[];
      if (!present) continue;
      const [schema, table] = column.table.split('.');
      const rows = (await dataSource.query(`SELECT ${column.value} AS value FROM "${schema}"."${table}" WHERE ${column.scheme} = $1`, [RECORD_ENCRYPTION_SCHEME])) as { value: Buffer }[];
      const keyIds = new Map<string, number>();
      let bad = 0;
      for (const row of rows) {
        try {
          const keyId = await cipher.checkKey(row.value);
          keyIds.set(keyId, (keyIds.get(keyId) ?? 0) + 1);
        } catch {
          bad++;
        }
      }
      failed += bad;
      const byKey = [...keyIds].map(([keyId, count]) => `${keyId}: ${count}`).join(', ');
      (bad ? io.stderr : io.stdout).write(`${column.table}.${column.value}: ${rows.length - bad} of ${rows.length} sealed values open${byKey ? ` (${byKey})` : ''}\n`);
    }
  } finally {
    await dataSource.destroy();
  }
  if (failed) io.stderr.write(`vigil keys check: ${failed} sealed values cannot be opened with this key\n`);
  return failed ? 1 : 0;
}

export function registerKeysCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): Command {
  const keys = program.command('keys').description('the key encryption key of encrypted evidence and fields');
  keys
    .command('check')
    .description('unwrap the data key of every sealed value in the database with this key; exit 1 if any fails')
    .requiredOption('--database-url <url>', 'Postgres URL', process.env.DATABASE_URL)
    .option('--key-file <file>', 'a key file (default: VIGIL_KEK_FILE or VIGIL_KEK)')
    .action(async (options: KeysCheckOptions) => setExitCode(await runKeysCheck(options, io)));
  return keys;
}
