import { hashPassword, STAFF_PASSWORD_MAX_LENGTH, STAFF_PASSWORD_MIN_LENGTH } from '@vigil/security';
import type { Command } from 'commander';
import type { Readable } from 'node:stream';
import type { CliIo } from './hash.command';

/**
 * Prints the argon2id hash of a password read from standard input (its first line), for the
 * `passwordHash` of a VIGIL_STAFF_FILE account: how the first administrator of a new deployment
 * gets in. Read from stdin, not an argument, so the password stays out of shell history and `ps`.
 */
export async function runHashPassword(stdin: Readable, io: CliIo): Promise<number> {
  let text = '';
  for await (const chunk of stdin) {
    text += chunk.toString();
    if (text.includes('\n')) break;
  }
  const password = text.split(/\r?\n/)[0];
  if (password.length < STAFF_PASSWORD_MIN_LENGTH || password.length > STAFF_PASSWORD_MAX_LENGTH) {
    io.stderr.write(`vigil staff hash-password: the password must be ${STAFF_PASSWORD_MIN_LENGTH} to ${STAFF_PASSWORD_MAX_LENGTH} characters (read from the first line of standard input)\n`);
    return 1;
  }
  io.stdout.write(`${await hashPassword(password)}\n`);
  return 0;
}

/** Adds `staff hash-password` to the CLI program. */
export function registerStaffCommand(program: Command, io: CliIo, setExitCode: (code: number) => void, stdin: Readable = process.stdin): Command {
  const staff = program.command('staff').description('staff accounts');
  staff
    .command('hash-password')
    .description('print the argon2id hash of the password on standard input, for a VIGIL_STAFF_FILE account')
    .addHelpText('after', "\nExample: read -rs PW && printf '%s\\n' \"$PW\" | npm run -s vigil -- staff hash-password")
    .action(async () => setExitCode(await runHashPassword(stdin, io)));
  return staff;
}
