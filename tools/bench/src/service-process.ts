import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');
const RUN = join(REPO_ROOT, 'tools', 'launcher', 'run.js');
/** Linux's USER_HZ, the unit of /proc/<pid>/stat times (100 on every mainstream kernel). */
const CLOCK_TICKS_PER_SECOND = 100;
const OUTPUT_TAIL = 64 * 1024;

/**
 * The node flags services run with in production (docker/Dockerfile's ENTRYPOINT, the `start:<app>`
 * scripts): a 32 MiB young generation (V8's default is 16 MiB), fewer scavenges under load; in
 * paired intake runs the tipline answered about 6 % more reports per second with it. Benchmarks
 * measure the services as deployed.
 */
export const SERVICE_NODE_ARGS = '--max-semi-space-size=32';

/**
 * One compiled service (`node tools/launcher/run.js <app>`) as its own process, for the HTTP
 * benches. BENCH_SERVICE_NODE_ARGS replaces its node flags (SERVICE_NODE_ARGS by default; e.g. "--max-semi-space-size=32 --cpu-prof --cpu-prof-dir=/tmp/prof").
 * BENCH_SERVICE_OUTPUT=FILE also writes everything the service prints to FILE (with `--trace-gc`, its pauses).
 */
export class ServiceProcess {
  private child?: ChildProcess;
  /** The last OUTPUT_TAIL bytes or so the service printed, as chunks: joined only when read. */
  private tail: Buffer[] = [];
  private tailBytes = 0;

  get output(): string {
    return Buffer.concat(this.tail).toString();
  }

  /** With `healthUrl`, the service is up when it answers there (LOG_LEVEL=warn hides the "listening on" line). */
  constructor(private readonly app: string, private readonly env: NodeJS.ProcessEnv, private readonly healthUrl?: string) {}

  async start(timeoutMs = 180_000): Promise<void> {
    this.tail = [];
    this.tailBytes = 0;
    const nodeArgs = (process.env.BENCH_SERVICE_NODE_ARGS ?? SERVICE_NODE_ARGS).split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, RUN, this.app], { cwd: REPO_ROOT, env: { ...process.env, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    await new Promise<void>((resolveStart, reject) => {
      let ready = false;
      const up = () => {
        if (ready) return;
        ready = true;
        clearTimeout(timer);
        clearInterval(probe);
        resolveStart();
      };
      const timer = setTimeout(() => reject(new Error(`${this.app} was not up after ${timeoutMs} ms:\n${this.output}`)), timeoutMs);
      const probe = setInterval(() => {
        if (this.healthUrl) fetch(this.healthUrl).then((response) => response.ok && up(), () => undefined);
      }, 250);
      const onData = (chunk: Buffer) => {
        // Under load the service logs a line per request, and this process also runs the load
        // generator: keep only the last chunks (for an exit message) without copying them, and
        // stop scanning once the service is up.
        this.tail.push(chunk);
        this.tailBytes += chunk.length;
        while (this.tailBytes - this.tail[0].length >= OUTPUT_TAIL) this.tailBytes -= this.tail.shift()!.length;
        if (!ready && /listening on/.test(this.output)) up();
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      const copy = process.env.BENCH_SERVICE_OUTPUT ? createWriteStream(process.env.BENCH_SERVICE_OUTPUT, { flags: 'a' }) : undefined;
      if (copy) {
        child.stdout?.pipe(copy, { end: false });
        child.stderr?.pipe(copy, { end: false });
      }
      child.on('exit', (code) => {
        clearTimeout(timer);
        clearInterval(probe);
        reject(new Error(`${this.app} exited with ${code}:\n${this.output}`));
      });
    });
  }

  /**
   * CPU seconds (user + system) the service has used so far, its worker processes included (a
   * cluster primary's children); undefined where /proc is not available.
   */
  cpuSeconds(): number | undefined {
    const pid = this.child?.pid;
    if (pid === undefined) return undefined;
    const own = processStat(pid);
    if (!own) return undefined;
    let total = own.cpuSeconds;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry) || Number(entry) === pid) continue;
      const stat = processStat(Number(entry));
      if (stat?.parent === pid) total += stat.cpuSeconds;
    }
    return total;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolveExit) => child.on('exit', resolveExit));
    child.kill('SIGTERM');
    await exited;
  }
}

function processStat(pid: number): { parent: number; cpuSeconds: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces, hence the last ')'): ppid is the 2nd, utime and stime the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { parent: Number(fields[1]), cpuSeconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}
