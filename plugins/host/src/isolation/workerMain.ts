/**
 * A plugin's worker thread: imports the plugin module, runs its operations, routes and `start`
 * through the SDK's `runOperation` / `handleRoute`, and asks the host (over the message port) for
 * what lives in the main thread: the store and the emit sink. A plugin that loops, calls
 * `process.exit` or throws from a timer takes down this thread only; the host restarts it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import pino from 'pino';
import {
  configurePlugin, createSystemClock, handleRoute, pluginContext, preparePlugin, runOperation, isPlugin,
  type EmitResult, type PluginEnv, type PluginStore, type PreparedPlugin,
} from '@tongban/plugin-sdk';
import type { FromWorker, ToWorker } from './protocol.ts';

const port = parentPort!;
const { url, logLevel } = workerData as { url: string; logLevel: string };
const send = (m: FromWorker) => port.postMessage(m);
let seq = 0;
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
type Ask = { type: 'emit'; trigger: string; event: unknown } | { type: 'store'; op: 'get' | 'put' | 'delete' | 'list'; args: unknown[] };
const ask = (m: Ask): Promise<unknown> => new Promise((resolve, reject) => {
  const id = ++seq;
  pending.set(id, { resolve, reject });
  send({ ...m, id } as FromWorker);
});

const store: PluginStore = {
  get: (key) => ask({ type: 'store', op: 'get', args: [key] }) as never,
  put: async (key, value) => { await ask({ type: 'store', op: 'put', args: [key, value] }); },
  delete: async (key) => { await ask({ type: 'store', op: 'delete', args: [key] }); },
  list: (prefix, limit) => ask({ type: 'store', op: 'list', args: [prefix, limit] }) as never,
};
const env: PluginEnv = {
  logger: pino({ level: logLevel }), clock: createSystemClock(), store,
  emit: (_id, trigger, event) => ask({ type: 'emit', trigger, event }) as Promise<EmitResult>,
};

const mod = (await import(url)) as { default?: unknown };
if (!isPlugin(mod.default)) throw new Error('not a plugin');
const prep = preparePlugin(mod.default);
if (!prep.ok) throw new Error('invalid manifest');
const p: PreparedPlugin = prep.prepared;
let life = new AbortController();
let stopFn: void | (() => Promise<void> | void);
let context = pluginContext(p, env, life.signal);

port.on('message', async (m: ToWorker) => {
  if (m.type === 'reply') {
    const w = pending.get(m.id);
    pending.delete(m.id);
    if (m.ok) w?.resolve(m.value); else w?.reject(Object.assign(new Error(m.error?.message), m.error));
  } else if (m.type === 'configure') {
    configurePlugin(p, m.stored);
    // a context carries the settings it was made with: routes and the next start get the new ones
    context = pluginContext(p, env, life.signal);
  } else if (m.type === 'invoke') {
    send({ type: 'result', id: m.id, value: await runOperation(p, env, m.name, m.input, m.call) });
  } else if (m.type === 'route') {
    const body = Buffer.from(m.req.body);
    send({ type: 'result', id: m.id, value: await handleRoute(p, context, { ...m.req, body }) });
  } else if (m.type === 'start') {
    try { stopFn = await p.plugin.start?.(context); send({ type: 'started' }); } catch (err) { send({ type: 'start-failed', code: (err as { code?: string }).code ?? 'plugin.threw', message: (err as Error).name }); }
  } else if (m.type === 'stop') {
    life.abort();
    try { await stopFn?.(); } catch { /* stopping anyway */ }
    life = new AbortController();
    context = pluginContext(p, env, life.signal);
    send({ type: 'result', id: m.id, value: null });
  } else if (m.type === 'ping') {
    send({ type: 'result', id: m.id, value: null });
  }
});
send({ type: 'ready' });
