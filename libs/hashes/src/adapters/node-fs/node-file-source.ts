import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { FileSource, OpenedFile } from '../../ports/file-source';

/** FileSource on node:fs. Stats and reads through one descriptor, so the size cannot race. */
export class NodeFileSource implements FileSource {
  async open(path: string, maxBufferedBytes: number): Promise<OpenedFile> {
    const handle = await open(path, 'r');
    let handedOver = false;
    try {
      const { size } = await handle.stat();
      if (size <= maxBufferedBytes) return { kind: 'buffered', content: await handle.readFile() };
      // The stream takes over the descriptor and closes it when it ends or fails.
      const stream = createReadStream(path, { fd: handle, autoClose: true });
      handedOver = true;
      return { kind: 'streamed', bytes: size, stream };
    } finally {
      if (!handedOver) await handle.close();
    }
  }
}
