/**
 * The plugin host: validates manifests, checks SDK ranges, refuses duplicate ids (all problems at
 * once), migrates and applies each deployment's settings, runs operations through the SDK's
 * `runOperation` (validation, timeout, classification) with a per-plugin cap on calls in flight,
 * and says when and whether to retry. Long-running `start`s are supervised: one that throws is
 * restarted with backoff and marks its plugin down; it never touches another plugin.
 */
import type { Logger } from 'pino';
import semver from 'semver';
import {
  configurePlugin, defaultRetry, migrateConfig, preparePlugin, retryDelay, sdkError, classifyError, tightenRetry,
  SDK_VERSION, type CallResult, type EmitSink, type InboundRequest, type InboundResponse, type PluginClock, type PluginStore, type PreparedPlugin, type RetryPolicy, type StoredConfig, type PathProblem,
} from '@tongban/plugin-sdk';
import { HostError, type LoadProblem } from './hostErrors.ts';
import type { LoadedModule } from './loadPluginModules.ts';
import { newHealth, recordCall, recordFault, type PluginHealth } from './pluginHealth.ts';
import { publicManifest, type PublicManifest } from './publicManifest.ts';
import type { Executor } from './isolation/executor.ts';
import { createInlineExecutor } from './isolation/inlineExecutor.ts';
import { createWorkerExecutor } from './isolation/workerExecutor.ts';

/** What the runtime lends the host. */
export interface HostEnv { logger: Logger; clock: PluginClock; storeFor(pluginId: string): PluginStore; emit: EmitSink; random?: () => number }

/** One call's outcome plus the retry decision. */
export type InvokeOutcome = CallResult & { policy: RetryPolicy; final: boolean; retryInMs?: number };

interface Entry { prepared: PreparedPlugin; health: PluginHealth; exec: Executor; source: string }

/**
 * How plugins run: `worker` gives each its own thread (a loop, an exit or a crash stays there; the
 * thread is restarted), `inline` runs them in the host's thread (tests, the harness). Default inline.
 */
export type Isolation = 'worker' | 'inline';

/** Builds a host over loaded modules; throws a `HostError` listing every load problem. */
export function createPluginHost(modules: readonly LoadedModule[], env: HostEnv, opts: { maxInFlight?: number; loadProblems?: LoadProblem[]; isolation?: Isolation } = {}) {
  const problems: LoadProblem[] = [...(opts.loadProblems ?? [])];
  const entries = new Map<string, Entry>();
  const seen = new Map<string, string>();
  for (const { plugin, source, url } of modules) {
    if (seen.has(plugin.id)) { problems.push({ code: 'host.duplicate-id', source, detail: `id "${plugin.id}" is also used by ${seen.get(plugin.id)}` }); continue; }
    seen.set(plugin.id, source);
    if (typeof plugin.sdk !== 'string' || !semver.validRange(plugin.sdk) || !semver.satisfies(SDK_VERSION, plugin.sdk)) {
      problems.push({ code: 'host.sdk-mismatch', source, detail: `${plugin.id} needs SDK ${String(plugin.sdk)}; this system provides ${SDK_VERSION}` });
      continue;
    }
    const prep = preparePlugin(plugin);
    if (!prep.ok) { problems.push({ code: 'host.invalid-manifest', source, detail: prep.problems.map((p) => `${p.path}: ${p.message}`).join('; ') }); continue; }
    const penv = { logger: env.logger, clock: env.clock, store: env.storeFor(plugin.id), emit: env.emit };
    const health = newHealth(false, env.clock.now());
    const exec = opts.isolation === 'worker' && url
      ? createWorkerExecutor({ pluginId: plugin.id, url, store: penv.store, emit: env.emit, health, logger: env.logger, clock: env.clock, timeoutOf: (n) => plugin.operations?.[n]?.timeoutMs ?? 30_000 })
      : createInlineExecutor(prep.prepared, penv, health, env);
    entries.set(plugin.id, { prepared: prep.prepared, health, exec, source });
  }
  if (problems.length) throw new HostError(problems);
  const maxInFlight = opts.maxInFlight ?? 64;
  const get = (id: string) => entries.get(id);
  const split = (operationId: string) => { const i = operationId.indexOf('.'); return [operationId.slice(0, i), operationId.slice(i + 1)] as const; };

  return {
    ids: () => [...entries.keys()],
    manifests: (): PublicManifest[] => [...entries.values()].map((e) => publicManifest(e.prepared.plugin)),
    health: (id: string): PluginHealth | undefined => get(id)?.health,
    /** `<plugin>.<operation>` ids offered (what the linter is told is installed) */
    operationIds: (): string[] => [...entries.values()].flatMap((e) => Object.keys(e.prepared.plugin.operations ?? {}).map((n) => `${e.prepared.plugin.id}.${n}`)),
    has(operationId: string): boolean { const [p, n] = split(operationId); return !!get(p)?.prepared.plugin.operations?.[n]; },
    isConfigured: (id: string) => !!get(id)?.prepared.settings,

    /** Migrates stored settings to the plugin's config version and applies them (restarting its `start`). */
    async configure(id: string, stored: StoredConfig): Promise<{ ok: true; stored: StoredConfig; migratedFrom: number[] } | { ok: false; problems: PathProblem[] }> {
      const e = get(id);
      if (!e) return { ok: false, problems: [{ path: '/', message: `no adapter ${id}` }] };
      let migrated;
      try { migrated = migrateConfig(e.prepared.plugin.config, stored); } catch (err) { return { ok: false, problems: [{ path: '/version', message: classifyError(err).message + ' ' + JSON.stringify(classifyError(err).details ?? {}) }] }; }
      const res = configurePlugin(e.prepared, migrated.stored);
      if (!res.ok) return res;
      if (e.health.status === 'not-configured') { e.health.status = 'up'; e.health.since = env.clock.now(); }
      e.exec.configure(migrated.stored);
      await e.exec.restart();
      return { ok: true, stored: migrated.stored, migratedFrom: migrated.applied };
    },

    /** Runs one attempt; says whether it was the last and, if not, when to retry. */
    async invoke(operationId: string, input: unknown, call: { idempotencyKey: string; attempt: number; caseId?: string; definitionRetry?: { max?: number; backoff?: string } }): Promise<InvokeOutcome> {
      const [pid, name] = split(operationId);
      const e = get(pid);
      const op = e?.prepared.plugin.operations?.[name];
      const policy = tightenRetry(op?.retry ?? defaultRetry, call.definitionRetry);
      if (!e || !op) return { ok: false, error: classifyError(sdkError('plugin.unknown-operation', false, { operation: operationId })), ms: 0, policy, final: true };
      if (e.health.counters.inFlight >= maxInFlight) {
        const error = classifyError(sdkError('plugin.overloaded', true));
        return { ok: false, error, ms: 0, policy, final: false, retryInMs: retryDelay(policy, 1, env.random?.() ?? Math.random()) };
      }
      e.health.counters.inFlight++;
      let r: CallResult;
      try { r = await e.exec.invoke(name, input, { idempotencyKey: call.idempotencyKey, attempt: call.attempt, caseId: call.caseId }); } finally { e.health.counters.inFlight--; }
      recordCall(e.health, env.clock.now(), name, r.ok ? undefined : r.error);
      if (r.ok) return { ...r, policy, final: true };
      const final = !r.error.retryable || call.attempt >= policy.attempts;
      return { ...r, policy, final, retryInMs: final ? undefined : retryDelay(policy, call.attempt, env.random?.() ?? Math.random()) };
    },

    /** Serves an inbound request on one of the plugin's routes. */
    async route(id: string, req: Omit<InboundRequest, 'params'>): Promise<InboundResponse> {
      const e = get(id);
      if (!e || !(e.prepared.plugin.routes ?? []).length) return { status: 404, body: { error: { code: 'route.not-found', message: '接口不存在', details: { en: 'No such endpoint' } } } };
      if (!e.prepared.settings) return { status: 503, body: { error: { code: 'plugin.not-configured', message: '适配器尚未配置', details: { en: 'The adapter is not configured' } } } };
      return e.exec.route(req);
    },

    /** Counts an emitted event for the plugin's health. */
    countEvent(id: string, rejected: boolean): void { const h = get(id)?.health; if (h) { h.counters.emitted++; if (rejected) h.counters.rejectedEvents++; } },
    /** Starts the long-running part of every configured plugin. */
    async start(): Promise<void> { await Promise.all([...entries.values()].map((e) => e.exec.start())); },
    /** Stops every plugin's long-running part and ends isolated threads. */
    async stop(): Promise<void> { await Promise.all([...entries.values()].map((e) => e.exec.close())); },
    recordFault: (id: string, code: string, message: string) => { const h = get(id)?.health; if (h) recordFault(h, env.clock.now(), code, message); },
  };
}

/** The host type. */
export type PluginHost = ReturnType<typeof createPluginHost>;
