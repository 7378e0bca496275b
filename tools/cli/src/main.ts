// The hashes library's barrel also exports TypeORM entities, whose decorators need this.
import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { CliIo, registerHashCommand } from './hash.command';
import { registerBanksCommand } from './banks.command';
import { registerAuditCommand } from './audit.command';
import { registerRetentionCommand } from './retention.command';
import { registerKeysCommand } from './keys.command';
import { registerStaffCommand } from './staff.command';

const processIo: CliIo = { stdout: process.stdout, stderr: process.stderr };

/**
 * The `vigil` command line. Takes the arguments after the program name and resolves to the exit
 * code instead of exiting, so it can be embedded (the launcher) and tested.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let exitCode = 0;
  const program = new Command()
    .name('vigil')
    .description('Vigil command-line tools')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  registerHashCommand(program, io, (code) => {
    exitCode = code;
  }).exitOverride();
  registerBanksCommand(program, io, (code) => (exitCode = code));
  registerAuditCommand(program, io, (code) => (exitCode = code));
  registerRetentionCommand(program, io, (code) => (exitCode = code));
  registerKeysCommand(program, io, (code) => (exitCode = code));
  registerStaffCommand(program, io, (code) => (exitCode = code));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    // Usage errors, --help and --version come back as CommanderError with their exit code.
    if (error instanceof CommanderError) return error.exitCode;
    throw error;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`vigil: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
