import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';

/** A path to hash, or one that could not even be listed (the error becomes that row's error). */
export interface WalkedPath {
  readonly path: string;
  readonly error?: string;
}

// Duck-typed rather than `instanceof Error`: errors from other realms (Node core under some
// test runners, native addons) fail that check but still carry a message.
function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') return error.message;
  return String(error);
}

/** Code-unit order: the same on every machine and locale. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function walkDirectory(directory: string, into: WalkedPath[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    into.push({ path: directory, error: messageOf(error) });
    return;
  }
  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      await walkDirectory(full, into);
    } else if (entry.isFile()) {
      into.push({ path: full });
    } else if (entry.isSymbolicLink()) {
      // Follow links to files, but not to directories (a link loop would never end).
      try {
        if ((await stat(full)).isFile()) into.push({ path: full });
      } catch (error) {
        into.push({ path: full, error: messageOf(error) });
      }
    }
    // Sockets, FIFOs and devices are not files to hash.
  }
}

/**
 * Expands the command-line paths: files as given, directories recursively. The result is sorted
 * and free of duplicates so the output is deterministic. A path that does not exist is kept, so
 * it gets an error row instead of vanishing silently.
 */
export async function collectPaths(inputs: readonly string[]): Promise<WalkedPath[]> {
  const collected: WalkedPath[] = [];
  for (const input of inputs) {
    let isDirectory = false;
    try {
      isDirectory = (await stat(input)).isDirectory();
    } catch {
      // Left to the hasher, which reports it as unreadable with the system's message.
    }
    if (isDirectory) await walkDirectory(input, collected);
    else collected.push({ path: input });
  }
  collected.sort((a, b) => comparePaths(a.path, b.path));
  return collected.filter((item, i) => i === 0 || item.path !== collected[i - 1].path);
}
