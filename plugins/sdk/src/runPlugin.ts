/**
 * The one place a plugin's code is called, shared by the host and the test harness: inputs and
 * outputs validated against the manifest, a timeout through the AbortSignal, every failure
 * classified and coded. Nothing here throws to the caller: a call answers `ok` or a coded error.
 */
import { dropAbsentNulls } from './absentNulls.ts';
import type { Ajv2020, ValidateFunction } from 'ajv/dist/2020.js';
import type { Logger } from 'pino';
import type { OperationContext, PluginClock, PluginContext, PluginStore } from './context.ts';
import { classifyError, sdkError, type ClassifiedError, type PathProblem } from './errors.ts';
import { createHttpClient, type HttpExchange } from './http.ts';
import { createPluginLogger } from './logger.ts';
import { checkManifest } from './manifest.ts';
import { createPluginAjv, personalValues, problemsOf, stringValues } from './schemas.ts';
import { validateConfig, type StoredConfig } from './config.ts';
import { emitEvent, type EmitSink } from './emit.ts';
import type { Plugin } from './types.ts';

/** What the surroundings (host or harness) lend a plugin. */
export interface PluginEnv {
  logger: Logger;
  clock: PluginClock;
  store: PluginStore;
  emit: EmitSink;
  recordHttp?: (x: HttpExchange) => void;
}

/** A plugin with its validators compiled and, once configured, its settings. */
export interface PreparedPlugin {
  plugin: Plugin;
  ajv: Ajv2020;
  inputs: Map<string, ValidateFunction>;
  outputs: Map<string, ValidateFunction>;
  payloads: Map<string, ValidateFunction>;
  settings?: { config: Record<string, unknown>; secrets: Record<string, unknown> };
  /** values the logger always redacts (the secrets) */
  secretValues: string[];
  /** the plugin's pino child, made once (a child per call costs more than the call's own work) */
  baseLogger?: Logger;
}

/** The outcome of one attempt. */
export type CallResult = { ok: true; output: unknown; ms: number } | { ok: false; error: ClassifiedError; ms: number };

/** Compiles a plugin's schemas; returns its manifest problems instead when it is unsound. */
export function preparePlugin(plugin: Plugin): { ok: true; prepared: PreparedPlugin } | { ok: false; problems: PathProblem[] } {
  const ajv = createPluginAjv();
  const problems = checkManifest(plugin, ajv);
  if (problems.length) return { ok: false, problems };
  const ops = Object.entries(plugin.operations ?? {});
  return { ok: true, prepared: {
    plugin, ajv, secretValues: [],
    inputs: new Map(ops.map(([n, o]) => [n, ajv.compile(o.input)])),
    outputs: new Map(ops.map(([n, o]) => [n, ajv.compile(o.output)])),
    payloads: new Map(Object.entries(plugin.triggers ?? {}).map(([n, t]) => [n, ajv.compile(t.payload)])),
  } };
}

/** Validates and applies settings (already migrated to the plugin's config version). */
export function configurePlugin(p: PreparedPlugin, stored: StoredConfig): { ok: true } | { ok: false; problems: PathProblem[] } {
  const res = validateConfig(p.ajv, p.plugin.config, stored.config, stored.secrets);
  if (!res.ok) return res;
  p.settings = { config: res.config, secrets: res.secrets };
  p.secretValues = stringValues(res.secrets);
  return { ok: true };
}

function base(p: PreparedPlugin, env: PluginEnv, signal: AbortSignal, extra: () => string[]) {
  p.baseLogger ??= env.logger.child({ plugin: p.plugin.id });
  const logger = createPluginLogger(p.baseLogger, () => [...p.secretValues, ...extra()]);
  const http = createHttpClient({ signal, record: env.recordHttp });
  return { pluginId: p.plugin.id, config: p.settings?.config ?? {}, secrets: p.settings?.secrets ?? {}, logger, clock: env.clock, http, store: env.store };
}

/** The long-lived context (start, routes, health): `emit` checks events against the trigger schemas. */
export function pluginContext(p: PreparedPlugin, env: PluginEnv, signal: AbortSignal): PluginContext {
  const recent: string[] = [];
  const ctx = base(p, env, signal, () => recent);
  return { ...ctx, signal, emit: (trigger, event) => emitEvent(p, env.emit, trigger, event, (vals) => { recent.splice(0, recent.length, ...vals); }) };
}

/** Runs one attempt of an operation. */
export async function runOperation(p: PreparedPlugin, env: PluginEnv, name: string, input: unknown, call: { idempotencyKey: string; attempt: number; caseId?: string; signal?: AbortSignal; timeoutMs?: number }): Promise<CallResult> {
  const started = performance.now();
  const done = (r: { ok: true; output: unknown } | { ok: false; error: ClassifiedError }): CallResult => ({ ...r, ms: performance.now() - started });
  const op = p.plugin.operations?.[name];
  if (!op) return done({ ok: false, error: classifyError(sdkError('plugin.unknown-operation', false, { operation: name })) });
  if (!p.settings) return done({ ok: false, error: classifyError(sdkError('plugin.not-configured', false)) });
  const args = dropAbsentNulls(op.input as never, structuredClone(input));
  const check = p.inputs.get(name)!;
  if (!check(args)) return done({ ok: false, error: classifyError(sdkError('plugin.invalid-input', false, { problems: problemsOf(check) })) });
  const timeout = new AbortController();
  const signal = call.signal ? AbortSignal.any([call.signal, timeout.signal]) : timeout.signal;
  const personal = personalValues(op.input, args);
  const ctx: OperationContext = { ...base(p, env, signal, () => personal), idempotencyKey: call.idempotencyKey, attempt: call.attempt, caseId: call.caseId, signal };
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  try {
    // A plugin that ignores its signal still loses the race: the host moves on and never waits on it.
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => { timedOut = true; timeout.abort(); reject(sdkError('plugin.timeout', true)); }, call.timeoutMs ?? op.timeoutMs ?? 30_000);
    });
    const output = await Promise.race([Promise.resolve().then(() => op.run(ctx, args)), expired]);
    const out = p.outputs.get(name)!;
    if (!out(output)) return done({ ok: false, error: classifyError(sdkError('plugin.invalid-output', false, { problems: problemsOf(out) })) });
    return done({ ok: true, output });
  } catch (err) {
    return done({ ok: false, error: classifyError(err, timedOut) });
  } finally {
    clearTimeout(timer);
  }
}
