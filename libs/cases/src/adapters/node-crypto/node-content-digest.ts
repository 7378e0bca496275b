import { createHash } from 'node:crypto';
import type { ContentDigest } from '../../ports/package.ports';

export class NodeContentDigest implements ContentDigest {
  sha256Hex(bytes: Uint8Array): string {
    return createHash('sha256').update(bytes).digest('hex');
  }
}
