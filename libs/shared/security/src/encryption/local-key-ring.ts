import { createHash, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AES_256_KEY_BYTES, aesGcmDecrypt, aesGcmEncrypt } from './aes-gcm';
import { UnknownKeyEncryptionKey, type KeyEncryptionKeyProvider, type WrappedDataKey } from './key-encryption-key';

/** A key's id is derived from the key itself, so a key file needs no metadata and ids never collide by mistake. */
export function keyEncryptionKeyId(key: Buffer): string {
  return `kek-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

/**
 * Key encryption keys held in this process: the first is current (wraps new data keys), the
 * others are older keys kept so that values sealed under them still open after a rotation.
 */
export class LocalKeyRing implements KeyEncryptionKeyProvider {
  private readonly keys = new Map<string, Buffer>();
  readonly currentKeyId: string;

  constructor(keys: readonly Buffer[]) {
    if (keys.length === 0) throw new Error('a key ring needs at least one key encryption key');
    for (const key of keys) {
      if (key.length !== AES_256_KEY_BYTES) throw new Error(`a key encryption key is ${AES_256_KEY_BYTES} bytes (256 bits), got ${key.length}`);
      this.keys.set(keyEncryptionKeyId(key), Buffer.from(key));
    }
    this.currentKeyId = keyEncryptionKeyId(keys[0]);
  }

  /** A random key that lives only as long as this process (tests, throwaway runs). */
  static ephemeral(): LocalKeyRing {
    return new LocalKeyRing([randomBytes(AES_256_KEY_BYTES)]);
  }

  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  async wrap(dataKey: Buffer): Promise<WrappedDataKey> {
    const keyId = this.currentKeyId;
    return { keyId, wrapped: aesGcmEncrypt(this.keys.get(keyId)!, dataKey, wrapAad(keyId)) };
  }

  async unwrap(key: WrappedDataKey): Promise<Buffer> {
    const kek = this.keys.get(key.keyId);
    if (!kek) throw new UnknownKeyEncryptionKey(key.keyId);
    return aesGcmDecrypt(kek, key.wrapped, wrapAad(key.keyId), 'the wrapped data key');
  }
}

function wrapAad(keyId: string): Buffer {
  return Buffer.from(`vigil-data-key\0${keyId}`, 'utf8');
}

/**
 * Key file format: one base64 (or 64-hex-digit) 256-bit key per line, current key first, older
 * keys after it; blank lines and `#` comments ignored. Rotating = putting a new key on top.
 */
export function parseKeyFile(text: string, source: string): Buffer[] {
  const keys: Buffer[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const key = /^[0-9a-f]{64}$/i.test(line) ? Buffer.from(line, 'hex') : /^[A-Za-z0-9+/]{43}=$/.test(line) ? Buffer.from(line, 'base64') : undefined;
    if (!key || key.length !== AES_256_KEY_BYTES) throw new Error(`${source} line ${index + 1}: a key is 32 bytes written as base64 (44 characters) or hex (64 digits)`);
    keys.push(key);
  }
  if (keys.length === 0) throw new Error(`${source} holds no key`);
  return keys;
}

export function readKeyFile(path: string): LocalKeyRing {
  return new LocalKeyRing(parseKeyFile(readFileSync(path, 'utf8'), path));
}

/**
 * Creates the key file with a new random key unless it exists, readable by this user only.
 * Written to a temporary name and hard-linked into place, so several processes starting at
 * once (services mode on one host) never see a half-written file and all end up with one key.
 */
export function ensureKeyFile(path: string): { ring: LocalKeyRing; created: boolean } {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, `# Vigil key encryption key (current first). Back it up with the database: without it, encrypted data cannot be read.\n${randomBytes(AES_256_KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  let created = false;
  try {
    linkSync(temporary, path);
    created = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  return { ring: readKeyFile(path), created };
}

export interface KeyRingSettings {
  /** Embedded mode, or services mode with demo users: a key file is generated under the data dir when none is configured. */
  allowGeneratedKey: boolean;
  dataDir: string;
  log?: (message: string) => void;
}

/** Where embedded mode keeps its generated key file. */
export function defaultKeyFilePath(dataDir: string): string {
  return join(dataDir, 'keys', 'kek');
}

/**
 * The key ring from the environment: VIGIL_KEK (base64 keys, comma-separated, current first)
 * or VIGIL_KEK_FILE (a key file); otherwise a generated key file under the data directory when
 * allowed, or an error: a production service never starts without its key.
 */
export function keyRingFromEnvironment(env: NodeJS.ProcessEnv, settings: KeyRingSettings): LocalKeyRing {
  const inline = env.VIGIL_KEK?.trim();
  const file = env.VIGIL_KEK_FILE?.trim();
  if (inline && file) throw new Error('set VIGIL_KEK or VIGIL_KEK_FILE, not both');
  if (inline) return new LocalKeyRing(parseKeyFile(inline.split(',').join('\n'), 'VIGIL_KEK'));
  if (file) return readKeyFile(file);
  if (!settings.allowGeneratedKey) {
    throw new Error('VIGIL_KEK_FILE (a key file) or VIGIL_KEK (a base64 256-bit key) is required in services mode: evidence and sensitive fields are encrypted with it');
  }
  const path = defaultKeyFilePath(settings.dataDir);
  const { ring, created } = ensureKeyFile(path);
  settings.log?.(created ? `generated a new key encryption key in ${path} (back it up with the database)` : `using the key encryption key in ${path}`);
  return ring;
}
