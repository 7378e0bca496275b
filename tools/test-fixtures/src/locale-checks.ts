import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every literal key a web app's code passes to t('…'), from its sources under `folder` (specs left out). */
export function keysUsedInSources(folder: string): string[] {
  const files = readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.spec.ts'));
  const keys = files.flatMap((file) => [...readFileSync(join(folder, file), 'utf8').matchAll(/\bt\('([a-zA-Z0-9.-]+)'/g)].map((match) => match[1]));
  return [...new Set(keys)].sort();
}
