/**
 * The SDK's test harness: an adapter is tested without the runtime, as Node-RED's test helper and
 * Backstage's test backend do. It checks the manifest, migrates and validates config, runs
 * operations, triggers and inbound routes through the same code path the host uses, with a manual
 * clock, an in-memory store, every outbound HTTP exchange recorded at the network boundary, every
 * log line captured, and `assertNothingPersonalLogged()` to prove no secret or personal value leaked.
 */
import pino from 'pino';
import { createManualClock, type ManualClock } from '../clock.ts';
import { migrateConfig, type StoredConfig } from '../config.ts';
import type { PluginContext } from '../context.ts';
import type { HttpExchange } from '../http.ts';
import { REDACTED } from '../logger.ts';
import { handleRoute } from '../routes.ts';
import { configurePlugin, pluginContext, preparePlugin, runOperation, type CallResult, type PluginEnv, type PreparedPlugin } from '../runPlugin.ts';
import { personalValues } from '../schemas.ts';
import type { EmitResult, InboundResponse, Plugin, TriggerEvent } from '../types.ts';
import { createMemoryStore } from './memoryStore.ts';

/** Options of `createTestHost`. */
export interface TestHostOptions {
  config?: Record<string, unknown>;
  secrets?: Record<string, unknown>;
  /** the config version the settings above were written under (default: the plugin's), to test migrations */
  configVersion?: number;
  /** epoch ms the manual clock starts at */
  now?: number;
  /** answers emitted events (default: `created` with a made-up case id, `duplicate` for a repeated eventId) */
  onEmit?: (trigger: string, event: TriggerEvent) => EmitResult | Promise<EmitResult>;
}

/** A running harness around one plugin. */
export interface TestHost {
  plugin: Plugin;
  clock: ManualClock;
  store: ReturnType<typeof createMemoryStore>;
  /** settings after migration (what the host would store back) */
  settings: StoredConfig;
  /** versions the settings were migrated from */
  migratedFrom: number[];
  emitted: Array<{ trigger: string; event: TriggerEvent; result: EmitResult }>;
  http: HttpExchange[];
  logs: Array<Record<string, unknown>>;
  context: PluginContext;
  invoke(operation: string, input: unknown, call?: { idempotencyKey?: string; attempt?: number; timeoutMs?: number; caseId?: string }): Promise<CallResult>;
  /** sends a request to an inbound route (`/Task/t-1`) */
  request(method: string, path: string, init?: { headers?: Record<string, string>; body?: string | Buffer | object; query?: Record<string, string>; ip?: string }): Promise<InboundResponse>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** throws if any captured log line holds a secret, a personal value seen in an input or event, one of `extra`, or a phone or ID-number shape */
  assertNothingPersonalLogged(extra?: string[]): void;
}

/** Loads a plugin into the harness; throws with every manifest or config problem listed. */
export async function createTestHost(plugin: Plugin, opts: TestHostOptions = {}): Promise<TestHost> {
  const prep = preparePlugin(plugin);
  if (!prep.ok) throw new Error(`插件清单无效 (invalid manifest) ${plugin.id}:\n${prep.problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`);
  const p: PreparedPlugin = prep.prepared;
  const stored = { version: opts.configVersion ?? plugin.config.version, config: opts.config ?? {}, secrets: opts.secrets ?? {} };
  const { stored: settings, applied } = migrateConfig(plugin.config, stored);
  const conf = configurePlugin(p, settings);
  if (!conf.ok) throw new Error(`插件配置无效 (invalid config) ${plugin.id}:\n${conf.problems.map((x) => `  ${x.path}: ${x.message}`).join('\n')}`);
  const logs: Array<Record<string, unknown>> = [];
  const http: HttpExchange[] = [];
  const emitted: TestHost['emitted'] = [];
  const seenPersonal: string[] = [];
  const clock = createManualClock(opts.now);
  const store = createMemoryStore();
  const ids = new Map<string, EmitResult>();
  const logger = pino({ level: 'trace' }, { write: (line: string) => { logs.push(JSON.parse(line) as Record<string, unknown>); } });
  const env: PluginEnv = {
    logger, clock, store, recordHttp: (x) => http.push(x),
    async emit(_id, trigger, event) {
      seenPersonal.push(...personalValues(plugin.triggers?.[trigger]?.payload, event.data));
      const dup = ids.get(event.eventId);
      const result = dup ? { ...dup, status: 'duplicate' as const } : opts.onEmit ? await opts.onEmit(trigger, event) : event.alive ? { status: 'recorded' as const } : { status: event.start ? 'created' as const : 'advanced' as const, caseId: event.advance?.caseId ?? `case-${ids.size + 1}`, caseRef: `TB-TEST-${ids.size + 1}` };
      if (!dup && result.status !== 'rejected') ids.set(event.eventId, result);
      emitted.push({ trigger, event, result });
      return result;
    },
  };
  const life = new AbortController();
  const context = pluginContext(p, env, life.signal);
  let stopFn: void | (() => Promise<void> | void);
  let calls = 0;
  return {
    plugin, clock, store, settings, migratedFrom: applied, emitted, http, logs, context,
    invoke(operation, input, call = {}) {
      seenPersonal.push(...personalValues(plugin.operations?.[operation]?.input, input));
      return runOperation(p, env, operation, input, { idempotencyKey: call.idempotencyKey ?? `test-${++calls}`, attempt: call.attempt ?? 1, timeoutMs: call.timeoutMs, caseId: call.caseId });
    },
    request(method, path, init = {}) {
      const raw = init.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(init.body) ? init.body : Buffer.from(typeof init.body === 'string' ? init.body : JSON.stringify(init.body));
      const headers = Object.fromEntries(Object.entries(init.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
      return handleRoute(p, context, { method: method.toUpperCase(), path, query: init.query ?? {}, headers, body: raw, ip: init.ip ?? '127.0.0.1' });
    },
    async start() { stopFn = await plugin.start?.(context); },
    async stop() { life.abort(); await stopFn?.(); },
    assertNothingPersonalLogged(extra = []) {
      const needles = [...p.secretValues, ...seenPersonal, ...extra].filter((v) => v.length >= 3 && v !== REDACTED);
      const shapes = [/(?<!\d)1[3-9]\d{9}(?!\d)/, /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/];
      for (const line of logs) {
        const text = JSON.stringify(line);
        const hit = needles.find((n) => text.includes(n)) ?? shapes.find((re) => re.test(text))?.source;
        if (hit) throw new Error(`日志含个人信息或密钥 (a log line leaks personal data or a secret): ${text.slice(0, 300)}`);
      }
    },
  };
}
