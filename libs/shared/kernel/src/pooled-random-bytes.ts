import { randomBytes, randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

/**
 * Cryptographically random bytes (the same source as `randomBytes`), taken from a pool refilled
 * 4 KiB at a time, as Node's own `randomUUID` does: one system call per few hundred report
 * references and secrets instead of one each, which showed in the intake profile. Each byte is
 * handed out once, copied, so a caller cannot see or change what others get.
 */
export function pooledRandomBytes(size: number): Buffer {
  if (size > POOL_BYTES / 4) return randomBytes(size);
  if (offset + size > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
    offset = 0;
  }
  const bytes = Buffer.from(pool.subarray(offset, offset + size));
  offset += size;
  return bytes;
}
