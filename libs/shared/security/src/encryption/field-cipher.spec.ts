import { randomBytes } from 'node:crypto';
import { FieldCipher } from './field-cipher';
import { DecryptionFailed, UnknownKeyEncryptionKey } from './key-encryption-key';
import { LocalKeyRing } from './local-key-ring';

const CONTACT = { field: 'tipline.reports.reporter_contact', recordId: '6f1f3c2e-0000-4000-8000-000000000001' };

describe('FieldCipher (AES-256-GCM envelope encryption)', () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  const cipher = new FieldCipher(new LocalKeyRing([oldKey]));

  it('round-trips text, bytes and JSON, and the sealed bytes do not contain the plaintext', async () => {
    const sealed = await cipher.sealText('someone@example.org', CONTACT);
    expect(sealed.includes(Buffer.from('someone@example.org'))).toBe(false);
    expect(await cipher.openText(sealed, CONTACT)).toBe('someone@example.org');
    const bytes = randomBytes(5000);
    expect((await cipher.open(await cipher.seal(bytes, CONTACT), CONTACT)).equals(bytes)).toBe(true);
    expect(await cipher.openJson(await cipher.sealJson({ series: ['synthetic-series'] }, CONTACT), CONTACT)).toEqual({ series: ['synthetic-series'] });
  });

  it('seals the same value differently each time (fresh data key and IV)', async () => {
    const [a, b] = [await cipher.sealText('same', CONTACT), await cipher.sealText('same', CONTACT)];
    expect(a.equals(b)).toBe(false);
  });

  it('refuses a value with any single byte changed (header, wrapped key, tag or ciphertext)', async () => {
    const sealed = await cipher.sealText('someone@example.org', CONTACT);
    for (let at = 0; at < sealed.length; at++) {
      const tampered = Buffer.from(sealed);
      tampered[at] ^= 0x01;
      await expect(cipher.openText(tampered, CONTACT)).rejects.toThrow(Error);
    }
    const truncated = sealed.subarray(0, sealed.length - 1);
    await expect(cipher.openText(truncated, CONTACT)).rejects.toBeInstanceOf(DecryptionFailed);
  });

  it('refuses a value moved to another record or another field (associated data)', async () => {
    const sealed = await cipher.sealText('someone@example.org', CONTACT);
    await expect(cipher.openText(sealed, { ...CONTACT, recordId: '6f1f3c2e-0000-4000-8000-000000000002' })).rejects.toBeInstanceOf(DecryptionFailed);
    await expect(cipher.openText(sealed, { ...CONTACT, field: 'staff.totp_secret' })).rejects.toBeInstanceOf(DecryptionFailed);
  });

  it('after a rotation, seals under the new key and still opens values sealed under the old one', async () => {
    const before = await cipher.sealText('sealed before rotation', CONTACT);
    const rotated = new FieldCipher(new LocalKeyRing([newKey, oldKey]));
    const after = await rotated.sealText('sealed after rotation', CONTACT);
    expect(FieldCipher.keyIdOf(before)).not.toBe(FieldCipher.keyIdOf(after));
    expect(await rotated.openText(before, CONTACT)).toBe('sealed before rotation');
    expect(await rotated.openText(after, CONTACT)).toBe('sealed after rotation');
    // Dropping the old key makes old values unreadable: the error names the missing key.
    await expect(new FieldCipher(new LocalKeyRing([newKey])).openText(before, CONTACT)).rejects.toBeInstanceOf(UnknownKeyEncryptionKey);
  });

  it('checks that the key a value was sealed under is held, without the record context', async () => {
    const sealed = await cipher.sealText('someone@example.org', CONTACT);
    expect(await cipher.checkKey(sealed)).toBe(new LocalKeyRing([oldKey]).currentKeyId);
    await expect(new FieldCipher(new LocalKeyRing([newKey])).checkKey(sealed)).rejects.toBeInstanceOf(UnknownKeyEncryptionKey);
  });

  it('does not open a value under a different key that claims the same id', async () => {
    const sealed = await cipher.sealText('someone@example.org', CONTACT);
    const impostor: LocalKeyRing = Object.assign(new LocalKeyRing([newKey]), {});
    const forged = { currentKeyId: FieldCipher.keyIdOf(sealed), wrap: impostor.wrap.bind(impostor), unwrap: ({ wrapped }: { wrapped: Buffer }) => impostor.unwrap({ keyId: impostor.currentKeyId, wrapped }) };
    await expect(new FieldCipher(forged).openText(sealed, CONTACT)).rejects.toBeInstanceOf(DecryptionFailed);
  });
});
