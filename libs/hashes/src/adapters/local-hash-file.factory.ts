import { DEFAULT_HASH_FILE_CONFIG, HashFileUseCase } from '../application/hash-file/hash-file.use-case';
import { nodeContentDigester } from './node-crypto/stream-digests';
import { NodeFileSource } from './node-fs/node-file-source';
import { DEFAULT_MAX_IMAGE_PIXELS, SharpImageDecoder } from './sharp/sharp-image-decoder';

export interface LocalHashFileOptions {
  readonly maxImageBytes?: number;
  readonly maxPixels?: number;
}

/** HashFileUseCase wired to the local file system, node:crypto and sharp (for CLIs and tools). */
export function createLocalHashFileUseCase(options: LocalHashFileOptions = {}): HashFileUseCase {
  const maxImageBytes = options.maxImageBytes ?? DEFAULT_HASH_FILE_CONFIG.maxImageBytes;
  const decoder = new SharpImageDecoder({ maxInputBytes: maxImageBytes, maxPixels: options.maxPixels ?? DEFAULT_MAX_IMAGE_PIXELS });
  return new HashFileUseCase(new NodeFileSource(), decoder, nodeContentDigester, { maxImageBytes });
}
