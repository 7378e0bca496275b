/** Letters and digits that cannot be misread for one another on paper (no 0/O, 1/I). */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A fresh pseudonymous victim id in the form the API takes (`VIC-` then 8 capitals or digits),
 * drawn from the browser's cryptographic generator so it says nothing about the child.
 */
export function newPseudonym(random: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes)): string {
  const bytes = random(new Uint8Array(8));
  return `VIC-${[...bytes].map((byte) => ALPHABET[byte % ALPHABET.length]).join('')}`;
}

export const PSEUDONYM_PATTERN = /^VIC-[0-9A-Z]{6,}$/;
