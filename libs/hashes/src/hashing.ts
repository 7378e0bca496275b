// Public surface of PDQ hashing, exact digests and the file-hashing use case.
export * from './domain/pdq/pdq-hash';
export * from './domain/pdq/pdq-hasher';
export * from './domain/pdq/pdq-pixels';
export * from './domain/pdq/pdq-quality';
export { PDQ_PRE_RESIZE_DIM } from './domain/pdq/pdq-luma';
export * from './domain/digests/file-digests';
export * from './ports/image-decoder';
export * from './ports/content-digester';
export * from './ports/file-source';
export * from './adapters/node-crypto/stream-digests';
export * from './adapters/sharp/sharp-image-decoder';
export * from './adapters/node-fs/node-file-source';
export * from './adapters/local-hash-file.factory';
export * from './application/hash-file/hash-file.use-case';
