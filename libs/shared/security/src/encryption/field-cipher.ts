import type { RecordCipher, RecordCipherContext } from '@vigil/kernel';
import { randomBytes } from 'node:crypto';
import { AES_256_KEY_BYTES, aesGcmDecrypt, aesGcmEncrypt } from './aes-gcm';
import { DecryptionFailed, type KeyEncryptionKeyProvider } from './key-encryption-key';

/**
 * Where a sealed value belongs. Both parts are authenticated (GCM associated data), so a
 * ciphertext copied into another row, or into another column of the same row, fails to open.
 */
export interface SealContext extends RecordCipherContext {
  /** The column or kind of value, e.g. `tipline.reports.reporter_contact`, `staff.totp_secret`. */
  field: string;
  /** The id of the row the value belongs to. */
  recordId: string;
}

/**
 * Envelope encryption for one value (a sensitive column, an evidence file): a fresh AES-256
 * data key per value, wrapped by the key encryption key provider; AES-256-GCM for the value.
 * The result is one self-describing Buffer (store it in a `bytea` column):
 *
 *   'V' 0x01 ‖ u8 keyIdLength ‖ keyId ‖ u16be wrappedLength ‖ wrapped data key ‖ iv ‖ tag ‖ ciphertext
 *
 * The header (format, key id, wrapped key) is part of the associated data, so it cannot be
 * swapped either. Usage:
 *
 *   const sealed = await cipher.sealText('someone@example.org', { field: 'tipline.reports.reporter_contact', recordId: report.id });
 *   const contact = await cipher.openText(row.reporter_contact, { field: 'tipline.reports.reporter_contact', recordId: row.id });
 */
export class FieldCipher implements RecordCipher {
  constructor(private readonly keys: KeyEncryptionKeyProvider) {}

  async seal(plaintext: Uint8Array, context: SealContext): Promise<Buffer> {
    const dataKey = randomBytes(AES_256_KEY_BYTES);
    try {
      const wrapped = await this.keys.wrap(dataKey);
      const keyId = Buffer.from(wrapped.keyId, 'utf8');
      if (keyId.length === 0 || keyId.length > 255) throw new Error(`key id "${wrapped.keyId}" must be 1 to 255 bytes`);
      if (wrapped.wrapped.length > 0xffff) throw new Error('wrapped data key is longer than 65535 bytes');
      const header = Buffer.concat([FORMAT, Buffer.from([keyId.length]), keyId, u16(wrapped.wrapped.length), wrapped.wrapped]);
      return Buffer.concat([header, aesGcmEncrypt(dataKey, plaintext, associatedData(header, context))]);
    } finally {
      dataKey.fill(0);
    }
  }

  async open(sealed: Uint8Array, context: SealContext): Promise<Buffer> {
    const parsed = parseEnvelope(sealed, context);
    const dataKey = await this.keys.unwrap({ keyId: parsed.keyId, wrapped: parsed.wrapped });
    try {
      return aesGcmDecrypt(dataKey, parsed.body, associatedData(parsed.header, context), describe(context));
    } finally {
      dataKey.fill(0);
    }
  }

  sealText(plaintext: string, context: SealContext): Promise<Buffer> {
    return this.seal(Buffer.from(plaintext, 'utf8'), context);
  }

  async openText(sealed: Uint8Array, context: SealContext): Promise<string> {
    return (await this.open(sealed, context)).toString('utf8');
  }

  /** JSON documents (e.g. a record's sensitive part) sealed whole. */
  sealJson(value: unknown, context: SealContext): Promise<Buffer> {
    return this.sealText(JSON.stringify(value), context);
  }

  async openJson<T>(sealed: Uint8Array, context: SealContext): Promise<T> {
    return JSON.parse(await this.openText(sealed, context)) as T;
  }

  /**
   * Unwraps the value's data key and discards it: proves the key encryption key it was sealed
   * under is held and genuine, without the record's context (restore drills, key checks).
   */
  async checkKey(sealed: Uint8Array): Promise<string> {
    const parsed = parseEnvelope(sealed, { field: 'value', recordId: '?' });
    (await this.keys.unwrap({ keyId: parsed.keyId, wrapped: parsed.wrapped })).fill(0);
    return parsed.keyId;
  }

  /** The key id a value was sealed under (rotation: find values still under an old key). */
  static keyIdOf(sealed: Uint8Array): string {
    return parseEnvelope(sealed, { field: 'value', recordId: '?' }).keyId;
  }
}

const FORMAT = Buffer.from([0x56, 0x01]);

function u16(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16BE(value);
  return buffer;
}

function associatedData(header: Buffer, context: SealContext): Buffer {
  return Buffer.concat([header, Buffer.from(`\0vigil-field\0${context.field}\0${context.recordId}`, 'utf8')]);
}

function describe(context: SealContext): string {
  return `${context.field} of ${context.recordId}`;
}

function parseEnvelope(sealed: Uint8Array, context: SealContext): { header: Buffer; keyId: string; wrapped: Buffer; body: Buffer } {
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const fail = () => new DecryptionFailed(describe(context));
  if (bytes.length < 5 || bytes[0] !== FORMAT[0] || bytes[1] !== FORMAT[1]) throw fail();
  const keyIdLength = bytes[2];
  const wrappedAt = 3 + keyIdLength + 2;
  if (bytes.length < wrappedAt) throw fail();
  const wrappedLength = bytes.readUInt16BE(3 + keyIdLength);
  const bodyAt = wrappedAt + wrappedLength;
  if (bytes.length < bodyAt) throw fail();
  return {
    header: bytes.subarray(0, bodyAt),
    keyId: bytes.subarray(3, 3 + keyIdLength).toString('utf8'),
    wrapped: bytes.subarray(wrappedAt, bodyAt),
    body: bytes.subarray(bodyAt),
  };
}
