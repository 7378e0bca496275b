import { TooLargeError, ValidationError } from '@vigil/kernel';
import type { Request } from 'express';

/**
 * The bytes of an upload sent as the request body rather than as a multipart file. JSON bodies
 * were already parsed by the platform's JSON parser (whose own size limit applies), so they are
 * serialised back; any other type is read from the request stream, up to `maxBytes`.
 */
export async function rawRequestBody(request: Request, maxBytes: number): Promise<Buffer> {
  if (request.is('application/json')) return Buffer.from(JSON.stringify(request.body ?? null));
  if (request.is('application/x-www-form-urlencoded')) {
    throw new ValidationError('file: send the file as multipart form data (field "file") or as a raw body (text/csv, application/octet-stream…)', 'file');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new TooLargeError(`file: at most ${maxBytes} bytes`, 'file');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** A file's text, refusing what is not UTF-8 (with or without a byte-order mark). */
export function utf8Text(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ValidationError('file: the file is not UTF-8 text', 'file');
  }
}
