import { randomBytes, scryptSync } from 'node:crypto';
import { hashPassword, passwordNeedsRehash, verifyPassword } from './password';

/** A hash in the format accounts had before argon2 (scrypt N=16384, r=8, p=1). */
function legacyScryptHash(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 32, { N: 16384, r: 8, p: 1 });
  return ['scrypt', 16384, 8, 1, salt.toString('base64'), hash.toString('base64')].join('$');
}

describe('staff password hashing', () => {
  it('hashes with argon2id at the configured cost, salted, and verifies only the right password', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await hashPassword('correct horse battery')).not.toBe(stored);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(passwordNeedsRehash(stored)).toBe(false);
  });

  it('still verifies a scrypt hash from before argon2, and flags it for a rehash', async () => {
    const legacy = legacyScryptHash('an older passphrase');
    expect(await verifyPassword('an older passphrase', legacy)).toBe(true);
    expect(await verifyPassword('another passphrase', legacy)).toBe(false);
    expect(passwordNeedsRehash(legacy)).toBe(true);
  });

  it('flags argon2 hashes of weaker parameters or another variant for a rehash', () => {
    expect(passwordNeedsRehash('$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2g')).toBe(true);
    expect(passwordNeedsRehash('$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g')).toBe(true);
  });

  it('never verifies against a malformed or unknown stored hash', async () => {
    for (const stored of ['', 'plain-text', '$argon2id$garbage', 'scrypt$16384$8$1$', 'scrypt$3$8$1$AAAA$AAAA', 'md5$abc']) {
      expect(await verifyPassword('anything at all', stored)).toBe(false);
    }
  });
});
