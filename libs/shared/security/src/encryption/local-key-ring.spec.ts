import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultKeyFilePath, ensureKeyFile, keyEncryptionKeyId, keyRingFromEnvironment, parseKeyFile } from './local-key-ring';

describe('local key file adapter', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'vigil-kek-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates a 256-bit key file readable by its owner only, once, and keeps it on the next start', () => {
    const first = keyRingFromEnvironment({}, { allowGeneratedKey: true, dataDir: dir });
    const path = defaultKeyFilePath(dir);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(parseKeyFile(readFileSync(path, 'utf8'), path)[0]).toHaveLength(32);
    const second = ensureKeyFile(path);
    expect(second.created).toBe(false);
    expect(second.ring.currentKeyId).toBe(first.currentKeyId);
  });

  it('refuses to start in services mode without a configured key', () => {
    expect(() => keyRingFromEnvironment({}, { allowGeneratedKey: false, dataDir: dir })).toThrow(/VIGIL_KEK_FILE .* or VIGIL_KEK .* is required/);
  });

  it('reads VIGIL_KEK (current first, older keys after a comma) and VIGIL_KEK_FILE, but not both', () => {
    const [current, older] = [randomBytes(32), randomBytes(32)];
    const ring = keyRingFromEnvironment({ VIGIL_KEK: `${current.toString('base64')},${older.toString('base64')}` }, { allowGeneratedKey: false, dataDir: dir });
    expect(ring.currentKeyId).toBe(keyEncryptionKeyId(current));
    expect(ring.keyIds).toEqual([keyEncryptionKeyId(current), keyEncryptionKeyId(older)]);
    const file = join(dir, 'kek');
    writeFileSync(file, `# rotated 2026-11\n${current.toString('hex')}\n\n${older.toString('base64')}\n`);
    expect(keyRingFromEnvironment({ VIGIL_KEK_FILE: file }, { allowGeneratedKey: false, dataDir: dir }).keyIds).toEqual(ring.keyIds);
    expect(() => keyRingFromEnvironment({ VIGIL_KEK_FILE: file, VIGIL_KEK: current.toString('base64') }, { allowGeneratedKey: true, dataDir: dir })).toThrow(/not both/);
  });

  it('names the line of a malformed key', () => {
    expect(() => parseKeyFile('# comment\nnot-a-key\n', 'keys.txt')).toThrow(/keys.txt line 2: a key is 32 bytes/);
    expect(() => parseKeyFile('# only a comment\n', 'keys.txt')).toThrow(/holds no key/);
  });
});
