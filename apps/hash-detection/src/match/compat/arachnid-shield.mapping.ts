import type { HashMatchResult } from '@vigil/hashes';
import type { ArachnidClassification, ArachnidNearMatchDetails } from './arachnid-shield.dto';

/**
 * Vigil's classifications in Arachnid Shield's words: the CSAM scale (csam-a1 … csam-b2) is
 * `csam`; harmful-abusive-material and any custom label of a positive bank are
 * `harmful-abusive-material` (known material that is not graded CSAM).
 */
export function arachnidClassification(result: Pick<HashMatchResult, 'matched' | 'classification'>): ArachnidClassification {
  if (!result.matched || !result.classification) return 'no-known-match';
  return result.classification.startsWith('csam') ? 'csam' : 'harmful-abusive-material';
}

export function nearMatchDetails(result: HashMatchResult): ArachnidNearMatchDetails | null {
  if (!result.matched || result.matchKind !== 'near' || !result.entryId) return null;
  return {
    timestamp: 0,
    sha1_base32: '',
    sha256_hex: '',
    classification: arachnidClassification(result),
    distance: result.distance ?? 0,
    entry_id: result.entryId,
    reason: result.reason,
  };
}

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 (upper case, padded), as Arachnid Shield writes SHA-1 digests. */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  return out.padEnd(Math.ceil(out.length / 8) * 8, '=');
}
