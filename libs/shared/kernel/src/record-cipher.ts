/**
 * The port through which bounded contexts keep values encrypted at rest without knowing how:
 * the platform binds it to @vigil/security's FieldCipher (AES-256-GCM envelope encryption).
 * `field` and `recordId` are authenticated with the value, so a ciphertext moved to another
 * row or column fails to open.
 */
export interface RecordCipherContext {
  field: string;
  recordId: string;
}

export interface RecordCipher {
  seal(plaintext: Uint8Array, context: RecordCipherContext): Promise<Uint8Array>;
  open(sealed: Uint8Array, context: RecordCipherContext): Promise<Uint8Array>;
  sealJson(value: unknown, context: RecordCipherContext): Promise<Uint8Array>;
  openJson<T>(sealed: Uint8Array, context: RecordCipherContext): Promise<T>;
}

/** How a row's sealed values are encrypted, stored beside them so schemes can change row by row. */
export const RECORD_ENCRYPTION_SCHEME = 'aes-256-gcm-envelope-v1';
