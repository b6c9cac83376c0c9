/**
 * Outbound operations per second through the plugin host (validation, logger, timeout, retry
 * decision, bulkhead) with the sms-gateway adapter against a local carrier stand-in, and the same
 * requests sent straight to the stand-in: the ratio is what the host costs.
 */
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { createManualClock, createMemoryStore } from '@tongban/plugin-sdk';
import { createPluginHost, loadPluginModules } from '@tongban/plugin-host';
import { pool } from '../../bench/stats.ts';

/** Figures: operations/s through the host and directly. */
export interface OutboundFigures { host: number; direct: number; calls: number }

/** Runs `calls` sends at `concurrency` both ways. */
export async function benchOutbound(calls: number, concurrency: number): Promise<OutboundFigures> {
  let n = 0;
  const server = createServer((req, res) => { req.resume(); req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ Code: 'OK', BizId: `b-${++n}` }))); });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  try {
    const { loaded, problems } = await loadPluginModules([fileURLToPath(new URL('../../../adapters/sms-gateway/src/index.ts', import.meta.url))]);
    const clock = createManualClock(Date.now());
    const host = createPluginHost(loaded, { logger: pino({ level: 'silent' }), clock, storeFor: () => createMemoryStore(), emit: async () => ({ status: 'created' }) }, { loadProblems: problems, maxInFlight: 1000 });
    await host.configure('sms-gateway', { version: 1, config: { baseUrl: url, signName: '涪江县民政', perNumberPerHour: 100 }, secrets: { accessKey: 'ak-bench-0001', signingSecret: 'bench-signing-secret-01' } });
    const send = (i: number) => host.invoke('sms-gateway.send', { to: `139${String(i % 10_000_000).padStart(8, '0')}`, templateId: 't1', params: { text: '测试' } }, { idempotencyKey: `bench:${i}`, attempt: 1 });
    await pool(200, concurrency, async (i) => { await send(i); }); // warm-up
    const viaHost = await pool(calls, concurrency, async (i) => { const r = await send(1000 + i); if (!r.ok) throw new Error(r.error.code); });
    const body = (i: number) => JSON.stringify({ PhoneNumbers: `139${String(i).padStart(8, '0')}`, SignName: '涪江县民政', TemplateCode: 't1', TemplateParam: '{"text":"测试"}', OutId: `direct:${i}` });
    const direct = await pool(calls, concurrency, async (i) => { const r = await fetch(`${url}/sms/send`, { method: 'POST', body: body(i), headers: { 'content-type': 'application/json' } }); await r.json(); });
    return { host: calls / (viaHost / 1000), direct: calls / (direct / 1000), calls };
  } finally {
    await new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); });
  }
}
