/**
 * A TCP proxy in front of a real server (MariaDB) that a test can cut and restore: while cut,
 * open connections are destroyed and new ones are closed at once — the database "unreachable for a
 * few seconds" as the runtime sees it, without stopping the shared server.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

/** A running proxy. */
export interface CuttableProxy { port: number; cut(): void; restore(): void; close(): Promise<void> }

/** Listens on `port` (0: any) and forwards to `target`. */
export function startCuttableProxy(target: { host: string; port: number }, port = 0): Promise<CuttableProxy> {
  let down = false;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (down) { client.destroy(); return; }
    const upstream = connect(target.port, target.host);
    for (const s of [client, upstream]) { open.add(s); s.on('close', () => open.delete(s)); s.on('error', () => undefined); }
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve({
    port: (server.address() as { port: number }).port,
    cut() { down = true; for (const s of open) s.destroy(); },
    restore() { down = false; },
    close: () => new Promise((r) => { for (const s of open) s.destroy(); server.close(() => r()); }),
  })));
}
