/**
 * The key port of envelope encryption. Each sealed value has its own random data key; a key
 * encryption key (KEK) held outside the database wraps it. Rotating the KEK means a new current
 * key id: values sealed under an older id still open as long as the provider still holds it.
 * A cloud KMS or HSM adapter implements the same port; the local key-file adapter serves
 * embedded mode and small installations.
 */
export interface WrappedDataKey {
  /** Which key encryption key wrapped it; stored beside the value. */
  keyId: string;
  wrapped: Buffer;
}

export interface KeyEncryptionKeyProvider {
  /** The key new values are sealed under. */
  readonly currentKeyId: string;
  wrap(dataKey: Buffer): Promise<WrappedDataKey>;
  /** Throws UnknownKeyEncryptionKey when the key id is not held, DecryptionFailed when the wrapped key was altered. */
  unwrap(key: WrappedDataKey): Promise<Buffer>;
}

export const KEY_ENCRYPTION_KEY_PROVIDER = Symbol('KeyEncryptionKeyProvider');

export class UnknownKeyEncryptionKey extends Error {
  constructor(readonly keyId: string) {
    super(`no key encryption key with id ${keyId}: was an old key removed from the key file before everything sealed under it was re-encrypted?`);
    this.name = 'UnknownKeyEncryptionKey';
  }
}

/** Authentication failed: wrong key, wrong associated data, or bytes changed after sealing. */
export class DecryptionFailed extends Error {
  constructor(what: string) {
    super(`${what} could not be decrypted: it was altered, belongs to another record, or was sealed under another key`);
    this.name = 'DecryptionFailed';
  }
}
