import type { RecordCipher, RecordCipherContext } from '@vigil/kernel';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * A RecordCipher for adapter tests in libraries that may not import @vigil/security (which
 * depends on these fixtures): AES-256-GCM under a throwaway key, with the field and record id
 * as associated data like the platform's FieldCipher, so moved or altered ciphertext fails to
 * open here too. The envelope format itself is tested in @vigil/security.
 */
export function testRecordCipher(): RecordCipher {
  const key = randomBytes(32);
  const aad = (context: RecordCipherContext) => Buffer.from(`${context.field}\0${context.recordId}`);
  const seal = async (plaintext: Uint8Array, context: RecordCipherContext) => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad(context));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  };
  const open = async (sealed: Uint8Array, context: RecordCipherContext) => {
    const bytes = Buffer.from(sealed);
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12)).setAAD(aad(context));
    decipher.setAuthTag(bytes.subarray(12, 28));
    try {
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]);
    } catch {
      throw new Error(`${context.field} of ${context.recordId} could not be decrypted`);
    }
  };
  return {
    seal,
    open,
    sealJson: (value, context) => seal(Buffer.from(JSON.stringify(value)), context),
    openJson: async <T>(sealed: Uint8Array, context: RecordCipherContext) => JSON.parse((await open(sealed, context)).toString('utf8')) as T,
  };
}
