/**
 * Runs a plugin in its own worker thread, so what it does wrong stays there: a synchronous loop, a
 * `process.exit`, a throw from a timer, a memory blow-up (the thread has a heap limit). Every call
 * has a watchdog; a thread that does not answer a ping after a timed-out call is terminated. A
 * thread that dies fails its calls in flight as retryable `plugin.crashed`, marks the plugin down,
 * and is started again with backoff, with its settings and its `start` restored.
 */
import { Worker } from 'node:worker_threads';
import { retryDelay, sdkError, classifyError, type CallResult, type EmitSink, type InboundResponse, type PluginClock, type PluginStore, type StoredConfig } from '@tongban/plugin-sdk';
import type { Logger } from 'pino';
import { recordFault, type PluginHealth } from '../pluginHealth.ts';
import type { Executor } from './executor.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

const BOOT = new URL('./bootstrap.mjs', import.meta.url);
const RESTART = { attempts: Number.MAX_SAFE_INTEGER, backoff: { initialMs: 500, factor: 2, maxMs: 60_000 } };

/** Options of a worker runner. */
export interface WorkerOptions { pluginId: string; url: string; timeoutOf(name: string): number; store: PluginStore; emit: EmitSink; health: PluginHealth; logger: Logger; clock: PluginClock; heapMb?: number }

/** Creates the runner; the thread starts at once. */
export function createWorkerExecutor(o: WorkerOptions): Executor {
  let worker: Worker | undefined;
  let ready: Promise<void> = Promise.resolve();
  let seq = 0;
  let stored: StoredConfig | undefined;
  let running = false;
  let closed = false;
  let failures = 0;
  const calls = new Map<number, (v: unknown) => void>();
  let started: (() => void) | undefined;
  const crashed = (): CallResult => ({ ok: false, error: classifyError(sdkError('plugin.crashed', true)), ms: 0 });

  let spawned = 0;
  function spawn(): void {
    const respawn = spawned++ > 0;
    const w = new Worker(BOOT, { workerData: { url: o.url, logLevel: o.logger.level }, resourceLimits: { maxOldGenerationSizeMb: o.heapMb ?? 256 } });
    worker = w;
    ready = new Promise<void>((resolve) => {
      w.on('message', (m: FromWorker) => {
        if (m.type === 'ready') {
          failures = 0;
          if (stored) w.postMessage({ type: 'configure', stored } satisfies ToWorker);
          // a replacement thread resumes what the last one ran; the first one starts when asked
          if (respawn && running) w.postMessage({ type: 'start' } satisfies ToWorker);
          resolve();
        } else if (m.type === 'result') { calls.get(m.id)?.(m.value); calls.delete(m.id); }
        else if (m.type === 'started') { started?.(); started = undefined; }
        else if (m.type === 'start-failed') { recordFault(o.health, o.clock.now(), m.code, m.message); started?.(); started = undefined; }
        else if (m.type === 'emit' || m.type === 'store') void answer(w, m);
      });
    });
    w.on('error', (err) => o.logger.error({ plugin: o.pluginId, code: 'plugin.crashed', type: err.name }, 'adapter thread failed'));
    w.on('exit', () => {
      if (worker !== w) return;
      worker = undefined;
      for (const [id, done] of calls) { calls.delete(id); done(null); }
      if (closed) return;
      failures++;
      recordFault(o.health, o.clock.now(), 'plugin.crashed', '适配器线程已退出，正在重启 (the adapter thread exited; restarting)');
      const stop = o.clock.every(retryDelay(RESTART, failures), () => { stop(); if (!closed) spawn(); });
    });
  }

  async function answer(w: Worker, m: Extract<FromWorker, { type: 'emit' | 'store' }>): Promise<void> {
    try {
      const value = m.type === 'emit' ? await o.emit(o.pluginId, m.trigger, m.event)
        : await (o.store[m.op] as (...a: unknown[]) => Promise<unknown>)(...m.args);
      w.postMessage({ type: 'reply', id: m.id, ok: true, value } satisfies ToWorker);
    } catch (err) {
      const e = classifyError(err);
      w.postMessage({ type: 'reply', id: m.id, ok: false, error: { code: e.code, message: e.message, retryable: e.retryable } } satisfies ToWorker);
    }
  }

  /** Sends a request and waits for its result, or `null` when the watchdog fires or the thread dies. */
  async function request(msg: (id: number) => ToWorker, watchdogMs: number): Promise<unknown> {
    await ready;
    const w = worker;
    if (!w) return null;
    const id = ++seq;
    const answer = new Promise<unknown>((resolve) => { calls.set(id, resolve); });
    w.postMessage(msg(id));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((r) => { timer = setTimeout(() => r('timeout'), watchdogMs); });
    const out = await Promise.race([answer, timeout]);
    clearTimeout(timer);
    if (out !== 'timeout') return out;
    calls.delete(id);
    // no answer in time: a thread that cannot even answer a ping is stuck (a synchronous loop)
    const pong = await Promise.race([new Promise((r) => { const pid = ++seq; calls.set(pid, r); w.postMessage({ type: 'ping', id: pid } satisfies ToWorker); }), new Promise((r) => setTimeout(() => r('stuck'), 1000))]);
    if (pong === 'stuck') { o.logger.error({ plugin: o.pluginId, code: 'plugin.stuck' }, 'adapter thread unresponsive: terminated'); await w.terminate(); }
    return 'timeout';
  }

  spawn();
  return {
    configure(s) { stored = s; worker?.postMessage({ type: 'configure', stored: s } satisfies ToWorker); },
    async invoke(name, input, call) {
      const out = await request((id) => ({ type: 'invoke', id, name, input, call }), o.timeoutOf(name) + 2000);
      if (out === 'timeout') return { ok: false, error: classifyError(sdkError('plugin.timeout', true)), ms: o.timeoutOf(name) };
      return (out as CallResult | null) ?? crashed();
    },
    async route(req) {
      const out = await request((id) => ({ type: 'route', id, req }), 30_000);
      if (out && out !== 'timeout') return out as InboundResponse;
      return { status: 503, body: { error: { code: 'plugin.unavailable', message: '适配器暂时不可用', details: { en: 'The adapter is temporarily unavailable' } } } };
    },
    /** Resolves once the plugin's `start` has run in its thread (or failed: then it is down and retried on restart). */
    async start() {
      running = true;
      await ready;
      if (!worker) return;
      const done = new Promise<void>((r) => { started = r; setTimeout(r, 30_000).unref(); });
      worker.postMessage({ type: 'start' } satisfies ToWorker);
      await done;
    },
    async stop() { running = false; await request((id) => ({ type: 'stop', id }), 10_000); },
    async restart() { const was = running; if (was) { await this.stop(); await this.start(); } },
    async close() { closed = true; running = false; await request((id) => ({ type: 'stop', id }), 5000); await worker?.terminate(); },
  };
}
