import type { ServiceName } from '@vigil/contracts';
import { InProcessMessageBus } from '@vigil/messaging';
import { bootstrapService, type RunningService, type ServiceDefinition } from '@vigil/platform';
import { demoStaffDirectory } from '@vigil/security';
import { createTestDatabase, type TestDatabase } from '@vigil/test-fixtures';
import { join } from 'node:path';
import { REPO_ROOT } from '../platform-harness';

/**
 * Apps never import each other, and tools do not import apps either: like the launcher, this
 * loads each app's service definition by path, here from the TypeScript sources (Jest compiles
 * them), so the test sees the routes of the code as it is, not of a stale build.
 */
const SERVICE_ENTRIES: Record<ServiceName, { file: string; exportName: string }> = {
  tipline: { file: 'apps/tipline/src/main', exportName: 'tiplineService' },
  'hash-detection': { file: 'apps/hash-detection/src/main', exportName: 'hashDetectionService' },
  'referral-hub': { file: 'apps/referral-hub/src/main', exportName: 'referralHubService' },
};

export const SERVICE_NAMES = Object.keys(SERVICE_ENTRIES) as ServiceName[];

function serviceDefinition(name: ServiceName): ServiceDefinition {
  const entry = SERVICE_ENTRIES[name];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(join(REPO_ROOT, entry.file)) as Record<string, ServiceDefinition>;
  return module[entry.exportName];
}

export interface InProcessPlatform {
  services: Record<ServiceName, RunningService & { base: string }>;
  database: TestDatabase;
  stop(): Promise<void>;
}

/**
 * The three services composed as embedded mode composes them (one database, one in-process
 * bus, the demo staff), but in this process so a test can read each app's router. On a fresh
 * database of the machine's Postgres, dropped at stop.
 */
export async function startInProcessPlatform(prefix: string): Promise<InProcessPlatform> {
  const database = await createTestDatabase(prefix);
  const bus = new InProcessMessageBus({ attempts: 2, backoffMs: 10 });
  const staffDirectory = await demoStaffDirectory();
  const running: Array<RunningService & { base: string }> = [];
  const stop = async () => {
    await Promise.all(running.map((service) => service.stopHttp()));
    await bus.close();
    await Promise.all(running.map((service) => service.close()));
    await database.drop();
  };
  try {
    for (const name of SERVICE_NAMES) {
      const service = await bootstrapService(serviceDefinition(name), {
        port: 0, host: '127.0.0.1', databaseUrl: database.url, bus, jwtSecret: `matrix-${database.name}-secret-of-32-characters`, staffDirectory, relayIntervalMs: 200, log: () => undefined,
      });
      running.push({ ...service, base: (await service.app.getUrl()).replace('[::1]', '127.0.0.1') });
    }
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
  const services = Object.fromEntries(running.map((service) => [service.name, service])) as InProcessPlatform['services'];
  return { services, database, stop };
}
