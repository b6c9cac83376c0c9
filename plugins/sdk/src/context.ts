/**
 * What a plugin's code receives. Operations get a context per call (idempotency key, attempt,
 * AbortSignal); long-running parts and inbound routes get the plugin context (emit, timers).
 * Time comes from `clock`, never `Date.now()`, so the test harness can move it.
 */
import type { EmitResult, TriggerEvent } from './types.ts';
import type { HttpClient } from './http.ts';
import type { PluginLogger } from './logger.ts';

/** The plugin's view of time: the host's clock, or the harness's controllable one. */
export interface PluginClock {
  now(): number;
  /** runs `fn` every `ms` until the returned function is called or the plugin stops */
  every(ms: number, fn: () => void | Promise<void>): () => void;
  /** resolves after `ms` (or rejects when `signal` aborts) */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** A small durable key-value store per plugin (device registry, id mappings), kept by the host. */
export interface PluginStore {
  get<T = unknown>(key: string): Promise<T | undefined>;
  put(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  /** entries whose key starts with `prefix`, in key order */
  list<T = unknown>(prefix: string, limit?: number): Promise<Array<{ key: string; value: T }>>;
}

/** Shared by every context. */
export interface BaseContext<C, S> {
  pluginId: string;
  /** the deployment's config, validated against the config schema, defaults applied */
  config: C;
  /** the deployment's secrets (decrypted only here); never log them: the logger redacts them anyway */
  secrets: S;
  /** a pino child that redacts secrets, personal data of the call and anything shaped like a phone or ID number */
  logger: PluginLogger;
  clock: PluginClock;
  http: HttpClient;
  store: PluginStore;
}

/** The context of one operation attempt. */
export interface OperationContext<C = any, S = any> extends BaseContext<C, S> {
  /** the same for every attempt of one call: send it to the peer so a retried call is done once */
  idempotencyKey: string;
  /** 1 for the first attempt */
  attempt: number;
  /** the case the call is made for (absent for calls that serve no case, e.g. a notice to a phone) */
  caseId?: string;
  /** aborts on timeout or shutdown: pass it to every I/O */
  signal: AbortSignal;
}

/** The context of `start`, inbound routes and health checks. */
export interface PluginContext<C = any, S = any> extends BaseContext<C, S> {
  /** aborts when the plugin is stopped or reconfigured */
  signal: AbortSignal;
  /** sends an inbound event through one of the plugin's declared triggers (validated against its payload schema) */
  emit(trigger: string, event: TriggerEvent): Promise<EmitResult>;
}
