import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock, createMemoryStore } from '@tongban/plugin-sdk';
import { createPluginHost, loadPluginModules, type PluginHost } from '../index.ts';

let host: PluginHost | undefined;
afterEach(async () => { await host?.stop(); host = undefined; });

async function isolated() {
  const { loaded, problems } = await loadPluginModules(['./fixtures/looperModule.ts', './fixtures/exiterModule.ts', './fixtures/goodModule.ts'], new URL('..', import.meta.url).pathname);
  const clock = createManualClock(Date.now());
  const stores = new Map<string, ReturnType<typeof createMemoryStore>>();
  const storeFor = (id: string) => { if (!stores.has(id)) stores.set(id, createMemoryStore()); return stores.get(id)!; };
  host = createPluginHost(loaded, { logger: pino({ level: 'silent' }), clock, storeFor, emit: async () => ({ status: 'created' }) }, { loadProblems: problems, isolation: 'worker' });
  for (const id of host.ids()) await host.configure(id, { version: 1, config: {}, secrets: {} });
  return { host, clock, stores };
}
const call = (h: PluginHost, op: string, k = op) => h.invoke(op, {}, { idempotencyKey: k, attempt: 1 });
const until = async (what: string, ok: () => Promise<boolean>) => {
  const end = Date.now() + 20_000;
  while (!(await ok())) { if (Date.now() > end) throw new Error(`timed out: ${what}`); await new Promise((r) => setTimeout(r, 100)); }
};

describe('plugins in worker threads', () => {
  it('a synchronous loop costs only its own thread: the host keeps answering, the stuck thread is terminated and restarted', async () => {
    const { host: h, clock } = await isolated();
    expect((await call(h, 'looper.ok')).ok).toBe(true);
    const spinning = call(h, 'looper.spin');
    const t0 = performance.now();
    expect((await call(h, 'good.echo')).ok).toBe(true); // inline plugins and the event loop are free
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(await spinning).toMatchObject({ ok: false, error: { code: 'plugin.timeout', retryable: true } });
    expect(h.health('looper')!.status).toBe('down');
    await until('the stuck thread to be replaced and answer again', async () => { await clock.advance(1_000); return (await call(h, 'looper.ok')).ok; });
    expect(h.health('looper')!.status).toBe('up');
  }, 40_000);

  it('process.exit ends the thread only: calls in flight fail retryable, the plugin is down, then back', async () => {
    const { host: h, clock } = await isolated();
    expect(await call(h, 'exiter.die')).toMatchObject({ ok: false, error: { code: 'plugin.crashed', retryable: true } });
    expect(h.health('exiter')!.status).toBe('down');
    await until('the exiter to answer again', async () => { await clock.advance(1_000); return (await call(h, 'exiter.ok')).ok; });
    expect(h.health('exiter')!.status).toBe('up');
  }, 40_000);

  it('a plugin configured before it starts starts with those settings', async () => {
    const { loaded } = await loadPluginModules(['./fixtures/starterModule.ts'], new URL('..', import.meta.url).pathname);
    const store = createMemoryStore();
    host = createPluginHost(loaded, { logger: pino({ level: 'silent' }), clock: createManualClock(), storeFor: () => store, emit: async () => ({ status: 'created' }) }, { isolation: 'worker' });
    await host.configure('starter', { version: 1, config: { mark: 'configured' }, secrets: {} });
    await host.start();
    expect(await store.get('started-with')).toBe('configured');
  }, 40_000);

  it('the plugin’s store lives in the host: a thread writes through the message port', async () => {
    const { host: h, stores } = await isolated();
    expect((await call(h, 'looper.remember', 'k-42')).ok).toBe(true);
    expect(await stores.get('looper')!.get('seen')).toEqual({ key: 'k-42' });
  }, 40_000);
});
