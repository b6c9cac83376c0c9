/**
 * The drain every listener goes through on SIGTERM: a request in flight finishes and is answered,
 * a new connection is refused, and a request that never ends is cut after the drain time.
 */
import { createServer, request, type Server } from 'node:http';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { drainServer } from './serveProbes.ts';

const listen = (handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; port: number }> => new Promise((resolve) => {
  const server = createServer(handler!);
  server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port }));
});

function get(port: number): Promise<{ status?: number; body?: string; error?: string }> {
  return new Promise((resolve) => {
    const req = request({ port, host: '127.0.0.1', path: '/', agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, body }));
      res.on('error', (e) => resolve({ error: e.message }));
    });
    req.on('error', (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message }));
    req.end();
  });
}

describe('drainServer', () => {
  it('lets a request in flight finish, refuses new connections, then resolves', async () => {
    let arrived!: () => void;
    const inFlight = new Promise<void>((r) => { arrived = r; });
    const { server, port } = await listen((_req, res) => { arrived(); setTimeout(() => res.end('done'), 300); });
    const first = get(port);
    await inFlight;
    const drained = drainServer(server, 10_000, pino({ level: 'silent' }));
    expect(await get(port)).toEqual({ error: 'ECONNREFUSED' });
    expect(await first).toEqual({ status: 200, body: 'done' });
    await drained;
  });

  it('cuts a request that outlives the drain time', async () => {
    let arrived!: () => void;
    const inFlight = new Promise<void>((r) => { arrived = r; });
    const { server, port } = await listen(() => { arrived(); /* never answers */ });
    const hanging = get(port);
    await inFlight;
    await drainServer(server, 200, pino({ level: 'silent' }));
    expect((await hanging).error).toBe('ECONNRESET');
  });
});
