/**
 * Supervises a plugin's long-running `start`: runs it once configured, restarts it with backoff
 * when it throws (marking the plugin down meanwhile), stops it through its AbortSignal and the
 * function it returned, and gives routes a context that lives as long as the current run.
 */
import { classifyError, retryDelay, type PluginClock, type PluginContext, type PreparedPlugin } from '@tongban/plugin-sdk';
import type { Logger } from 'pino';
import { recordFault, type PluginHealth } from './pluginHealth.ts';

/** The lifecycle of one plugin's long-running part. */
export interface Supervisor { start(): Promise<void>; stop(): Promise<void>; restart(): Promise<void>; context(): PluginContext }

const RESTART = { attempts: Number.MAX_SAFE_INTEGER, backoff: { initialMs: 1000, factor: 2, maxMs: 60_000 } };

/** Creates the supervisor; `makeContext` binds a context to a run's signal. */
export function createSupervisor(p: PreparedPlugin, makeContext: (signal: AbortSignal) => PluginContext, health: PluginHealth, env: { logger: Logger; clock: PluginClock }): Supervisor {
  let life = new AbortController();
  let ctx = makeContext(life.signal);
  let stopFn: void | (() => Promise<void> | void);
  let running = false;
  let failures = 0;
  let retry: (() => void) | undefined;

  async function run(): Promise<void> {
    if (!p.plugin.start || !p.settings || life.signal.aborted) return;
    try {
      stopFn = await p.plugin.start(ctx);
      failures = 0;
    } catch (err) {
      const e = classifyError(err);
      failures++;
      recordFault(health, env.clock.now(), e.code, e.message);
      env.logger.error({ plugin: p.plugin.id, code: e.code, failures }, 'adapter start failed; restarting with backoff');
      const delay = retryDelay(RESTART, failures);
      retry = env.clock.every(delay, () => { retry?.(); retry = undefined; void run(); });
    }
  }

  const self: Supervisor = {
    context: () => ctx,
    async start() { if (running) return; running = true; await run(); },
    async stop() {
      running = false;
      retry?.(); retry = undefined;
      life.abort();
      try { await stopFn?.(); } catch (err) { env.logger.warn({ plugin: p.plugin.id, code: classifyError(err).code }, 'adapter stop failed'); }
      stopFn = undefined;
      life = new AbortController();
      ctx = makeContext(life.signal);
    },
    async restart() { const was = running; await self.stop(); if (was) await self.start(); },
  };
  return self;
}
