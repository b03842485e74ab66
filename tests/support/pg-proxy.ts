import net from 'node:net';

/**
 * A TCP proxy between the hub and PostgreSQL that a test can make fail the way a network or a
 * failover does: cut a connection at the moment its client sends a given statement, cut every
 * connection at once, refuse new ones (the database is gone), or stop passing bytes (a hung
 * network: nothing is refused, nothing answers). Bytes pass through unchanged otherwise — the hub
 * talks to the real PostgreSQL behind it.
 */
export type PgProxy = {
  /** `target` with the proxy's host and port. */
  url(target: string): string;
  port: number;
  /** Connections open now. */
  readonly open: number;
  /** The next `times` connections whose client sends a chunk containing `text` are cut before it passes. */
  cutWhen(text: string, times?: number): void;
  /** Cuts every open connection (as PostgreSQL's restart or a failover would). */
  cutAll(): void;
  /** New connections are closed at once while true. */
  refuse(on: boolean): void;
  /** While true, no byte passes in either direction and new connections hang (a partitioned network). */
  stall(on: boolean): void;
  close(): Promise<void>;
};

type Pair = { client: net.Socket; server: net.Socket; held: { to: net.Socket; chunk: Buffer }[] };

export async function startPgProxy(target: string): Promise<PgProxy> {
  const { hostname, port: targetPort } = new URL(target);
  const pairs = new Set<Pair>();
  const cuts: { text: string; left: number }[] = [];
  let refusing = false;
  let stalled = false;

  const cut = (pair: Pair) => {
    pair.client.destroy();
    pair.server.destroy();
    pairs.delete(pair);
  };
  const pass = (pair: Pair, to: net.Socket, chunk: Buffer) => {
    if (stalled) pair.held.push({ to, chunk });
    else to.write(chunk);
  };

  const server = net.createServer((client) => {
    if (refusing) return void client.destroy();
    const upstream = net.connect(Number(targetPort || 5432), hostname);
    const pair: Pair = { client, server: upstream, held: [] };
    pairs.add(pair);
    client.on('data', (chunk) => {
      const text = chunk.toString('latin1');
      const rule = cuts.find((c) => c.left > 0 && text.includes(c.text));
      if (rule) {
        rule.left -= 1;
        return cut(pair);
      }
      pass(pair, upstream, chunk);
    });
    upstream.on('data', (chunk) => pass(pair, client, chunk));
    const end = () => cut(pair);
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    get open() {
      return pairs.size;
    },
    url(to) {
      const u = new URL(to);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    cutWhen(text, times = 1) {
      cuts.push({ text, left: times });
    },
    cutAll() {
      for (const pair of [...pairs]) cut(pair);
    },
    refuse(on) {
      refusing = on;
    },
    stall(on) {
      stalled = on;
      if (on) return;
      for (const pair of pairs) for (const { to, chunk } of pair.held.splice(0)) to.write(chunk);
    },
    async close() {
      for (const pair of [...pairs]) cut(pair);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
