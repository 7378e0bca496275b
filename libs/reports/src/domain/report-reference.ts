/**
 * The reference a reporter keeps, e.g. VGL-7K3M-9QXD: short, unambiguous when read aloud
 * (Crockford base32: no I, L, O, U), and random so it reveals nothing about volume.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newReportReference(randomBytes: Uint8Array): string {
  if (randomBytes.length < 8) throw new Error('a report reference needs 8 random bytes');
  const chars = Array.from(randomBytes.slice(0, 8), (byte) => ALPHABET[byte & 31]);
  return `VGL-${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}`;
}

export function isReportReference(value: string): boolean {
  return /^VGL-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/.test(value);
}
