import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a shared server (Redis, Postgres) that a test can cut and restore, to
 * take a dependency "down" for one service without stopping it for everyone else on the machine.
 */
export class CuttableTcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();

  private constructor(readonly port: number, private readonly target: { host: string; port: number }) {}

  /**
   * Listens on a free port of 127.0.0.1 and forwards to `target`. The port is drawn below the
   * ephemeral range, so no outgoing connection takes it while the proxy is cut.
   */
  static async start(target: { host: string; port: number }): Promise<CuttableTcpProxy> {
    for (;;) {
      const proxy = new CuttableTcpProxy(20000 + Math.floor(Math.random() * 12000), target);
      if (await proxy.restore().then(() => true, () => false)) return proxy;
    }
  }

  get url(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Drops every connection and refuses new ones, as a server that went away would. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise((resolve) => server.close(resolve));
  }

  async restore(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('error', () => undefined);
        socket.on('close', () => {
          this.sockets.delete(socket);
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }
}
