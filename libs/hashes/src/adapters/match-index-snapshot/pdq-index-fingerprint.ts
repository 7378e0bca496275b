import { createHash } from 'node:crypto';

/**
 * Identifies a set of (entry id, PDQ value) pairs without listing it: how many there are and
 * the sum of a 64-bit hash of each pair. A sum does not depend on order and can be kept up to
 * date as entries come and go, and Postgres computes the same figure server-side (see
 * PDQ_FINGERPRINT_SQL), so a snapshot is checked against the database without reading the
 * entries back. It guards against staleness, not against tampering.
 */
export interface PdqIndexFingerprint {
  entries: number;
  /** Decimal sum of the signed 64-bit pair hashes. */
  checksum: string;
}

export function pairHash(id: string, value: string): bigint {
  const hex = createHash('md5').update(`${id}:${value}`).digest('hex').slice(0, 16);
  return BigInt.asIntN(64, BigInt(`0x${hex}`));
}

/** A fingerprint kept current as entries are added and removed. */
export class RunningPdqFingerprint {
  private entries = 0;
  private sum = 0n;

  add(id: string, value: string): void {
    this.entries++;
    this.sum += pairHash(id, value);
  }

  remove(id: string, value: string): void {
    this.entries--;
    this.sum -= pairHash(id, value);
  }

  /** Starts again from a known fingerprint (an empty index's by default). */
  reset(from: PdqIndexFingerprint = { entries: 0, checksum: '0' }): void {
    this.entries = from.entries;
    this.sum = BigInt(from.checksum);
  }

  current(): PdqIndexFingerprint {
    return { entries: this.entries, checksum: this.sum.toString() };
  }
}

/**
 * The same fingerprint over the entries the index is built from: enabled PDQ entries, as
 * `HashBankRepository.listPdqEntries` selects them (keep the two WHERE clauses in step).
 */
export function pdqFingerprintSql(schema: string): string {
  return `SELECT count(*)::int AS entries,
                 coalesce(sum(('x' || substr(md5(id::text || ':' || value), 1, 16))::bit(64)::bigint), 0)::text AS checksum
            FROM "${schema}".hash_entries
           WHERE hash_type = 'pdq' AND disabled_at IS NULL`;
}

export function sameFingerprint(a: PdqIndexFingerprint, b: PdqIndexFingerprint): boolean {
  return a.entries === b.entries && a.checksum === b.checksum;
}
