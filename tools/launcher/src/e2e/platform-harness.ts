import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

/** Starts the compiled platform as real OS processes and talks to it over HTTP, as a user would. */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');
const RUN = join(REPO_ROOT, 'tools', 'launcher', 'run.js');

export function assertBuilt(): void {
  if (!existsSync(join(REPO_ROOT, 'dist', 'tools', 'launcher', 'src', 'main.js'))) {
    throw new Error('dist/ is missing: run `npm run build` before the end-to-end tests (npm test does it)');
  }
}

/**
 * A port for a test server. Asking the OS for port 0 hands out one from the ephemeral range,
 * which outgoing connections (to Postgres, Redis) also draw from, so another socket can take
 * it before our server listens. Pick below that range (Linux starts it at 32768) instead.
 */
const handedOut = new Set<number>();

export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    if (handedOut.has(port)) continue;
    if (await canListen(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolvePort(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePort(true)));
  });
}

/**
 * Tests drive many requests from one address; the public per-client limit (30/min by default)
 * would make them depend on timing. The limit itself is tested in libs/shared/security.
 * Services mode refuses to start without a key encryption key: every process a test file starts
 * (restarts included) shares one throwaway key, as a deployment's processes share theirs.
 */
const TEST_DEFAULTS: NodeJS.ProcessEnv = { PUBLIC_RATE_LIMIT_PER_MINUTE: '100000', VIGIL_KEK: randomBytes(32).toString('base64') };

export class PlatformProcess {
  private child?: ChildProcess;
  output = '';
  exitCode: Promise<number | null> = Promise.resolve(null);

  constructor(readonly mode: string, readonly env: NodeJS.ProcessEnv, private readonly readyPattern: RegExp) {}

  async start(timeoutMs = 90000): Promise<void> {
    this.output = '';
    const child = spawn(process.execPath, [RUN, this.mode], { cwd: REPO_ROOT, env: { ...TEST_DEFAULTS, ...process.env, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.exitCode = new Promise((resolveExit) => child.on('exit', (code) => resolveExit(code)));
    await new Promise<void>((resolveReady, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.mode} did not start in ${timeoutMs} ms:\n${this.output}`)), timeoutMs);
      const onData = (chunk: Buffer) => {
        this.output += chunk.toString();
        if (this.readyPattern.test(this.output)) {
          clearTimeout(timer);
          resolveReady();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${this.mode} exited with ${code} before it was ready:\n${this.output}`));
      });
    });
  }

  /** SIGKILL: no cleanup at all, as in a crash or an OOM kill. */
  async crash(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exitCode;
  }

  async stop(): Promise<number | null> {
    this.child?.kill('SIGTERM');
    return this.exitCode;
  }
}

/** The tests call the APIs exactly as the demo seeding does. */
export { requestJson as api, login as staffToken } from '../demo-seed';

export interface PlatformUrls {
  tipline: string;
  hashDetection: string;
  referralHub: string;
}

/**
 * The whole platform in embedded mode (one process, in-process bus) on free ports, not yet
 * started: with its own embedded Postgres under `dataDir`, or on an existing database. The caller
 * starts it (and stops it in afterAll, which works even when the start failed).
 */
export async function embeddedPlatform(database: { dataDir: string } | { databaseUrl: string }, env: NodeJS.ProcessEnv = {}): Promise<{ platform: PlatformProcess; urls: PlatformUrls }> {
  const ports = { tipline: await freePort(), hash: await freePort(), hub: await freePort() };
  const storage = 'dataDir' in database
    ? { DATABASE_URL: '', VIGIL_DATA_DIR: database.dataDir, VIGIL_EMBEDDED_PG_PORT: String(await freePort()) }
    : { DATABASE_URL: database.databaseUrl };
  const platform = new PlatformProcess(
    'embedded',
    { ...storage, REDIS_URL: '', TIPLINE_PORT: String(ports.tipline), HASH_DETECTION_PORT: String(ports.hash), REFERRAL_HUB_PORT: String(ports.hub), ...env },
    /Vigil is running/,
  );
  const url = (port: number) => `http://127.0.0.1:${port}`;
  return { platform, urls: { tipline: url(ports.tipline), hashDetection: url(ports.hash), referralHub: url(ports.hub) } };
}

export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 60000): Promise<T> {
  const started = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 150));
  }
}

export function reportForm(fields: Record<string, string | string[]>, files: Array<{ name: string; bytes: Buffer; type?: string }> = []): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const item of Array.isArray(value) ? value : [value]) form.append(key, item);
  for (const file of files) form.append('media', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'image/png' }), file.name);
  return form;
}
