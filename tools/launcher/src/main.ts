import type { ServiceName } from '@vigil/contracts';
import { BullMqMessageBus, InProcessMessageBus, type MessageBus } from '@vigil/messaging';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@vigil/persistence';
import { bootstrapService, type RunningService } from '@vigil/platform';
import { DEMO_STAFF, demoStaffDirectory, InMemoryStaffDirectory, type StaffAccount, type StaffDirectory } from '@vigil/security';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createDemoApiKey } from './demo-api-key';
import { seedDemoData } from './demo-seed';
import { readPlatformConfig, tiplineUrl, type PlatformConfig } from './platform-config';
import { loadService, servicePort } from './service-catalogue';

const SERVICES: ServiceName[] = ['tipline', 'hash-detection', 'referral-hub'];
const log = (message: string) => console.log(`[vigil] ${message}`);

async function staffDirectory(config: PlatformConfig, embedded: boolean): Promise<StaffDirectory> {
  if (config.VIGIL_STAFF_FILE) {
    const accounts = JSON.parse(readFileSync(config.VIGIL_STAFF_FILE, 'utf8')) as StaffAccount[];
    return new InMemoryStaffDirectory(accounts);
  }
  if (embedded || config.VIGIL_DEMO_USERS) return demoStaffDirectory();
  log('no VIGIL_STAFF_FILE and VIGIL_DEMO_USERS is not set: no staff can sign in');
  return new InMemoryStaffDirectory([]);
}

function busFor(config: PlatformConfig): MessageBus {
  if (!config.REDIS_URL) throw new Error('REDIS_URL is required in services mode (e.g. redis://127.0.0.1:6379)');
  return new BullMqMessageBus({
    redisUrl: config.REDIS_URL,
    prefix: config.VIGIL_BUS_PREFIX,
    retry: { attempts: config.BUS_ATTEMPTS ?? 5, backoffMs: config.BUS_BACKOFF_MS ?? 1000 },
    lockMs: config.BUS_LOCK_MS,
    log,
  });
}

function onSignals(shutdown: () => Promise<void>): void {
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      log(`${signal}: draining in-flight work and closing connections`);
      shutdown()
        .then(() => process.exit(0))
        .catch((error) => {
          console.error(error);
          process.exit(1);
        });
    });
  }
}

/** Embedded mode: one process, embedded Postgres (unless DATABASE_URL), in-process bus, demo data. */
async function runEmbedded(config: PlatformConfig): Promise<void> {
  let postgres: EmbeddedPostgresHandle | undefined;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    const dataDir = resolve(config.VIGIL_DATA_DIR ?? join(process.cwd(), '.vigil'), 'pg');
    log(`starting embedded PostgreSQL in ${dataDir}`);
    postgres = await startEmbeddedPostgres({ dataDir, port: config.VIGIL_EMBEDDED_PG_PORT });
    databaseUrl = postgres.url;
  }
  const bus = config.REDIS_URL ? busFor(config) : new InProcessMessageBus({ attempts: 3, backoffMs: 50 }, log);
  const jwtSecret = config.JWT_SECRET ?? randomBytes(32).toString('hex');
  const directory = await staffDirectory(config, true);
  const running: RunningService[] = [];
  onSignals(async () => {
    await Promise.all(running.map((service) => service.stopHttp()));
    await bus.close();
    await Promise.all(running.map((service) => service.close()));
    await postgres?.stop();
  });
  for (const name of SERVICES) {
    running.push(
      await bootstrapService(loadService(name), {
        port: servicePort(name, process.env),
        host: config.HOST,
        databaseUrl,
        bus,
        jwtSecret,
        staffDirectory: directory,
        relayIntervalMs: config.RELAY_INTERVAL_MS,
        log: (message) => log(`${name}: ${message}`),
      }),
    );
  }
  const [tipline, hashDetection] = running;
  if (config.VIGIL_SEED_DEMO !== false) {
    const seeded = await seedDemoData({ tipline: tipline.url, hashDetection: hashDetection.url });
    log(seeded === 'seeded' ? 'demo data seeded (synthetic hash bank and three reports)' : 'demo data already present');
    log(`demo industry API key for the match API (X-Api-Key header; a new one each start): ${await createDemoApiKey(hashDetection.url)}`);
  }
  printBanner(running, !config.VIGIL_STAFF_FILE);
}

function printBanner(running: RunningService[], demoLogins: boolean): void {
  const lines = ['', 'Vigil is running (embedded mode).', ''];
  for (const service of running) lines.push(`  ${service.name.padEnd(15)} ${service.url}   API docs: ${service.url}/docs   health: ${service.url}/health`);
  if (demoLogins) {
    lines.push('', '  Demo staff logins (POST /api/v1/auth/login on any service):');
    for (const user of DEMO_STAFF) lines.push(`    ${user.username.padEnd(13)} ${user.password.padEnd(26)} roles: ${user.roles.join(', ')}`);
  }
  lines.push('', 'Stop with Ctrl-C. Data is kept under .vigil/ between runs.', '');
  console.log(lines.join('\n'));
}

/** Services mode: one app per process, external Postgres and Redis. */
async function runService(name: ServiceName, config: PlatformConfig): Promise<void> {
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required in services mode (e.g. postgres://user:pass@host:5432/vigil)');
  if (!config.JWT_SECRET) throw new Error('JWT_SECRET (32+ characters, the same for every service) is required in services mode');
  const bus = busFor(config);
  const service = await bootstrapService(loadService(name), {
    port: servicePort(name, process.env),
    host: config.HOST,
    databaseUrl: config.DATABASE_URL,
    bus,
    jwtSecret: config.JWT_SECRET,
    staffDirectory: await staffDirectory(config, false),
    relayIntervalMs: config.RELAY_INTERVAL_MS,
    log: (message) => log(`${name}: ${message}`),
  });
  onSignals(async () => {
    await service.stopHttp();
    await bus.close();
    await service.close();
  });
  log(`${name} listening on ${service.url} (docs ${service.url}/docs)`);
}

export function main(mode: string | undefined, _args: string[]): void {
  const run = async () => {
    const config = readPlatformConfig(process.env);
    process.env.TIPLINE_URL = tiplineUrl(config, process.env); // read by hash-detection's review queue, in either mode
    if (!mode || mode === 'embedded') return runEmbedded(config);
    if ((SERVICES as string[]).includes(mode)) return runService(mode as ServiceName, config);
    throw new Error(`unknown mode "${mode}": use embedded, ${SERVICES.join(', ')}`);
  };
  run().catch((error: Error) => {
    console.error(`[vigil] failed to start: ${error.message}`);
    process.exit(1);
  });
}
