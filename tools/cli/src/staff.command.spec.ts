import { verifyPassword } from '@vigil/security';
import { Readable, Writable } from 'node:stream';
import { runHashPassword } from './staff.command';

function capture(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({ write: (chunk, _encoding, done) => ((text += chunk.toString()), done()) });
  return { stream, text: () => text };
}

describe('vigil staff hash-password', () => {
  it('prints an argon2id hash of the first line of standard input that verifies the password', async () => {
    const stdout = capture();
    const stderr = capture();
    expect(await runHashPassword(Readable.from(['a first admin passphrase\nignored second line\n']), { stdout: stdout.stream, stderr: stderr.stream })).toBe(0);
    const hash = stdout.text().trim();
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(hash).not.toContain('passphrase');
    expect(await verifyPassword('a first admin passphrase', hash)).toBe(true);
    expect(stderr.text()).toBe('');
  });

  it('refuses a password shorter than 12 characters, saying why', async () => {
    const stdout = capture();
    const stderr = capture();
    expect(await runHashPassword(Readable.from(['short\n']), { stdout: stdout.stream, stderr: stderr.stream })).toBe(1);
    expect(stdout.text()).toBe('');
    expect(stderr.text()).toMatch(/must be 12 to 200 characters/);
  });
});
