import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createManualClock, createMemoryStore } from '@tongban/plugin-sdk';
import { createPluginHost, HostError, loadPluginModules } from './index.ts';
import { calls, crashing, future, good, hanging } from './fixtures/plugins.ts';
import * as fixtures from './fixtures/plugins.ts';

const env = (clock = createManualClock()) => ({ logger: pino({ level: 'silent' }), clock, storeFor: () => createMemoryStore(), emit: async () => ({ status: 'created' as const }), random: () => 0.5 });
const configured = async (host: ReturnType<typeof createPluginHost>) => { for (const id of host.ids()) await host.configure(id, { version: 1, config: {}, secrets: {} }); };

describe('plugin host', () => {
  it('loads modules by path and reports every problem at once: not a plugin, missing module, duplicate id, SDK range', async () => {
    const { loaded, problems } = await loadPluginModules(['./fixtures/goodModule.ts', './fixtures/notAPlugin.ts', './fixtures/nope.ts'], import.meta.dirname);
    expect(loaded.map((l) => l.plugin.id)).toEqual(['good']);
    expect(problems.map((p) => p.code)).toEqual(['host.not-a-plugin', 'host.load-failed']);
    let err: HostError | undefined;
    try { createPluginHost([...loaded, { plugin: good, source: 'copy' }, { plugin: future, source: 'future-pkg' }], env(), { loadProblems: problems }); } catch (e) { err = e as HostError; }
    expect(err).toBeInstanceOf(HostError);
    expect(err!.problems.map((p) => [p.code, p.source])).toEqual([['host.not-a-plugin', './fixtures/notAPlugin.ts'], ['host.load-failed', './fixtures/nope.ts'], ['host.duplicate-id', 'copy'], ['host.sdk-mismatch', 'future-pkg']]);
    expect(err!.message).toMatch(/两个适配器使用了同一个 id .*good.*also used by \.\/fixtures\/goodModule\.ts/);
  });

  it('decides retries: the policy, tightened by the definition; permanent and last attempts are final', async () => {
    const host = createPluginHost([{ plugin: good, source: 'g' }], env());
    expect(await host.invoke('good.echo', {}, { idempotencyKey: 'k', attempt: 1 })).toMatchObject({ error: { code: 'plugin.not-configured' } });
    await configured(host);
    expect(await host.invoke('good.flaky', {}, { idempotencyKey: 'k', attempt: 1 })).toMatchObject({ ok: false, final: false, retryInMs: 100 });
    expect(await host.invoke('good.flaky', {}, { idempotencyKey: 'k', attempt: 2 })).toMatchObject({ final: false, retryInMs: 200 });
    expect(await host.invoke('good.flaky', {}, { idempotencyKey: 'k', attempt: 3 })).toMatchObject({ final: true });
    expect(await host.invoke('good.flaky', {}, { idempotencyKey: 'k', attempt: 1, definitionRetry: { max: 0 } })).toMatchObject({ final: true });
    expect(await host.invoke('good.nope', {}, { idempotencyKey: 'k', attempt: 1 })).toMatchObject({ final: true, error: { code: 'plugin.unknown-operation' } });
    expect(host.health('good')).toMatchObject({ status: 'degraded', lastError: { code: 'good.busy' } });
    expect((await host.invoke('good.echo', {}, { idempotencyKey: 'k-9', attempt: 1 })).ok).toBe(true);
    expect(host.health('good')!.status).toBe('up');
    expect(host.operationIds()).toEqual(['good.echo', 'good.flaky']);
  });

  it('a hanging plugin costs its own calls only: it times out and fills only its own slots', async () => {
    const host = createPluginHost([{ plugin: good, source: 'g' }, { plugin: hanging, source: 'h' }], env(), { maxInFlight: 2 });
    await configured(host);
    const stuck = [1, 2].map(() => host.invoke('hanging.wait', {}, { idempotencyKey: 'h', attempt: 1 }));
    expect(await host.invoke('hanging.wait', {}, { idempotencyKey: 'h', attempt: 1 })).toMatchObject({ error: { code: 'plugin.overloaded', retryable: true }, final: false });
    const before = calls.length;
    expect((await host.invoke('good.echo', {}, { idempotencyKey: 'other', attempt: 1 })).ok).toBe(true);
    expect(calls.length).toBe(before + 1);
    expect((await Promise.all(stuck)).map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['plugin.timeout', 'plugin.timeout']);
    expect(host.health('hanging')!.counters).toMatchObject({ timeouts: 2, inFlight: 0 });
  });

  it('a start that throws marks its plugin down and is restarted with backoff; the others stay up', async () => {
    const clock = createManualClock();
    const host = createPluginHost([{ plugin: good, source: 'g' }, { plugin: crashing, source: 'c' }], env(clock));
    await configured(host);
    await host.start();
    expect(host.health('crashing')).toMatchObject({ status: 'down', lastError: { code: 'plugin.threw' } });
    expect(host.health('good')!.status).toBe('up');
    const n = fixtures.starts;
    await clock.advance(1_500);
    expect(fixtures.starts).toBe(n + 1);
    await host.stop();
    await clock.advance(120_000);
    expect(fixtures.starts).toBe(n + 1);
  });
});
