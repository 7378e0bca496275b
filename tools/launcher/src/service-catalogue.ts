import type { ServiceName } from '@vigil/contracts';
import type { ServiceDefinition } from '@vigil/platform';
import { join } from 'node:path';

/**
 * The launcher is the one composition root that runs apps, so it loads their compiled entry
 * points by path at run time. Apps themselves never import each other (the lint forbids it).
 */
const ENTRY_POINTS: Record<ServiceName, { file: string; exportName: string; portVariable: string; defaultPort: number }> = {
  tipline: { file: 'apps/tipline/src/main.js', exportName: 'tiplineService', portVariable: 'TIPLINE_PORT', defaultPort: 3001 },
  'hash-detection': { file: 'apps/hash-detection/src/main.js', exportName: 'hashDetectionService', portVariable: 'HASH_DETECTION_PORT', defaultPort: 3002 },
  'referral-hub': { file: 'apps/referral-hub/src/main.js', exportName: 'referralHubService', portVariable: 'REFERRAL_HUB_PORT', defaultPort: 3003 },
};

const DIST_ROOT = join(__dirname, '..', '..', '..');

export function loadService(name: ServiceName): ServiceDefinition {
  const entry = ENTRY_POINTS[name];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(join(DIST_ROOT, entry.file)) as Record<string, ServiceDefinition>;
  return module[entry.exportName];
}

export function servicePort(name: ServiceName, env: NodeJS.ProcessEnv): number {
  const entry = ENTRY_POINTS[name];
  const raw = env[entry.portVariable];
  if (raw === undefined || raw === '') return entry.defaultPort;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${entry.portVariable} must be a port number, got "${raw}"`);
  return port;
}
