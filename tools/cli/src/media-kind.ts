import { open } from 'node:fs/promises';
import { detectVideoContainer, VIDEO_SNIFF_BYTES } from '@vigil/hashes';

/**
 * Whether a file is a video, judged by its first bytes (never its name). A file that cannot be
 * read counts as not a video: the image hasher then reports it as unreadable.
 */
export async function isVideoFile(file: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'r');
    const head = Buffer.alloc(VIDEO_SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, VIDEO_SNIFF_BYTES, 0);
    return detectVideoContainer(head.subarray(0, bytesRead)) !== null;
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}
