import { ValidationError } from '@vigil/kernel';
import { HASH_TYPES, type HashType } from '../../domain/banks/hash-bank';
import { PdqHash } from '../../domain/pdq/pdq-hash';

/** A hash a partner asks about: hex (any case) or standard base64 of its bytes. */
export interface HashQuery {
  type: HashType;
  value: string;
  /** PDQ quality (0–100) when the partner knows it; below 50 the hash is not matched on. */
  quality?: number;
}

const BYTES: Record<HashType, number> = { md5: 16, sha1: 20, sha256: 32, pdq: 32 };
const HEX = /^[0-9a-fA-F]+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The lowercase hex of a queried hash, or a ValidationError naming `field` and what was wrong.
 * PDQ goes through PdqHash so its checks (canonical base64, 32 bytes) are the hasher's own.
 */
export function decodeHashQuery(type: string, value: unknown, field: string): string {
  if (!(HASH_TYPES as readonly string[]).includes(type)) {
    throw new ValidationError(`${field}.type: must be one of ${HASH_TYPES.join(', ')}`, `${field}.type`);
  }
  const hashType = type as HashType;
  const bytes = BYTES[hashType];
  const hexLength = bytes * 2;
  const base64Length = Math.ceil(bytes / 3) * 4;
  const expected = `a ${hashType} hash is ${hexLength} hexadecimal characters or ${base64Length} characters of base64 (${bytes} bytes)`;
  if (typeof value !== 'string' || value.length === 0) throw new ValidationError(`${field}.value: ${expected}`, `${field}.value`);
  const text = value.trim();
  if (text.length === hexLength && HEX.test(text)) return text.toLowerCase();
  if (text.length === base64Length && BASE64.test(text)) {
    if (hashType === 'pdq') {
      try {
        return PdqHash.fromBase64(text).toHex();
      } catch (error) {
        throw new ValidationError(`${field}.value: ${(error as Error).message}`, `${field}.value`);
      }
    }
    const decoded = Buffer.from(text, 'base64');
    // Buffer.from is lenient; re-encoding proves the text was canonical base64 of exactly `bytes` bytes.
    if (decoded.length === bytes && decoded.toString('base64') === text) return decoded.toString('hex');
  }
  throw new ValidationError(`${field}.value: ${expected}`, `${field}.value`);
}

const QUERY_KEYS = new Set(['type', 'value', 'quality']);

/**
 * The `hashes` of a match request, checked field by field with errors naming `hashes[i].…`.
 * Written out rather than left to a class-validator DTO: this is the match API's hot path, and
 * validating nested DTOs cost more CPU per request than the lookup itself (see the benchmark).
 * Values are only shape-checked here; decodeHashQuery checks them when the request is matched.
 */
export function parseHashQueries(body: unknown, maxHashes: number): HashQuery[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ValidationError('body: must be a JSON object with "hashes"', 'body');
  const unknown = Object.keys(body).filter((key) => key !== 'hashes');
  if (unknown.length > 0) throw new ValidationError(`${unknown[0]}: unknown property (a match request has only "hashes")`, unknown[0]);
  const hashes = (body as { hashes?: unknown }).hashes;
  if (hashes === undefined) throw new ValidationError('hashes: send hashes as JSON ({"hashes": [{"type": "pdq", "value": "…"}]}) or one image as multipart field "file"', 'hashes');
  if (!Array.isArray(hashes) || hashes.length === 0 || hashes.length > maxHashes) {
    throw new ValidationError(`hashes: must be an array of 1 to ${maxHashes} hashes`, 'hashes');
  }
  return hashes.map((item: unknown, index) => {
    const field = `hashes[${index}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new ValidationError(`${field}: must be an object {type, value}`, field);
    const extra = Object.keys(item).find((key) => !QUERY_KEYS.has(key));
    if (extra) throw new ValidationError(`${field}.${extra}: unknown property (a hash has type, value and optionally quality)`, `${field}.${extra}`);
    const { type, value, quality } = item as { type?: unknown; value?: unknown; quality?: unknown };
    if (typeof type !== 'string' || !(HASH_TYPES as readonly string[]).includes(type)) {
      throw new ValidationError(`${field}.type: must be one of ${HASH_TYPES.join(', ')}`, `${field}.type`);
    }
    if (typeof value !== 'string' || value.length > 200) throw new ValidationError(`${field}.value: must be a string of hex or base64`, `${field}.value`);
    if (quality !== undefined && (typeof quality !== 'number' || !Number.isInteger(quality) || quality < 0 || quality > 100)) {
      throw new ValidationError(`${field}.quality: must be an integer from 0 to 100`, `${field}.quality`);
    }
    return { type: type as HashType, value, quality: quality as number | undefined };
  });
}
