/**
 * Who may read `/metrics` on a listener: open (development, or the separate metrics port), only with
 * the bearer token (`TONGBAN_METRICS_TOKEN`), or nobody (production without either: 404).
 */
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import { createApp } from '../http/createApp.ts';
import { probeOperations, type MetricsAccess } from './ops.router.ts';
import { createRuntimeMetrics } from './createRuntimeMetrics.ts';
import type { OpsServices } from './createOps.ts';

const logger = pino({ level: 'silent' });
const metrics = createRuntimeMetrics({ gauges: { outboxBacklog: async () => [], deadLetters: async () => [], timers: async () => [], slaBreaches: async () => [] }, logger, role: 'server' });
const ops = { role: 'server', startedAt: Date.now(), metrics, readiness: async () => ({ ready: true, checks: [] }), draining: () => false } as unknown as OpsServices;
const servers: Server[] = [];
afterAll(() => { for (const s of servers) s.close(); });

async function serve(access: MetricsAccess): Promise<string> {
  const app = createApp({ operations: probeOperations(ops, access), tokens: undefined as never, principals: undefined as never, logger, bodyLimitBytes: 1024, observe: metrics.httpRequest });
  const server = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

describe('/metrics access', () => {
  it('is open where configured so, and counts its own scrapes by route template', async () => {
    const url = await serve({ mode: 'open' });
    await fetch(`${url}/healthz`);
    const r = await fetch(`${url}/metrics`);
    expect(r.status).toBe(200);
    expect(await r.text()).toMatch(/tongban_http_request_duration_seconds_count\{[^}]*route="\/healthz"[^}]*\} 1/);
  });

  it('needs the bearer token when one is set, and compares it exactly', async () => {
    const url = await serve({ mode: 'token', token: 'scrape-token-0123456789' });
    const none = await fetch(`${url}/metrics`);
    expect([none.status, ((await none.json()) as { error: { code: string } }).error.code]).toEqual([401, 'ops.metrics-token-required']);
    expect((await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer scrape-token-012345678' } })).status).toBe(401);
    expect((await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer scrape-token-0123456789' } })).status).toBe(200);
  });

  it('is not there at all when neither a token nor a port is set in production', async () => {
    const url = await serve({ mode: 'off' });
    const r = await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer anything-at-all-here' } });
    expect([r.status, ((await r.json()) as { error: { code: string } }).error.code]).toEqual([404, 'route.not-found']);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});
