/**
 * The plugin manifest as types. Everything a designer or an admin screen needs is data with JSON
 * Schemas (config, secrets, each operation's input and output, each trigger's payload), every field
 * labelled in zh-CN and English (`x-title`, `x-help`), so panels render from the manifest alone.
 */
import type { PluginContext, OperationContext } from './context.ts';

/** A text in Chinese (default) and English. */
export interface Localized { 'zh-CN': string; en: string }

/** A JSON Schema (2020-12) fragment. Properties carry `x-title`, `x-help` and, for personal data, `x-pii`. */
export type JsonSchema = Record<string, unknown>;

/** How often and how fast an operation is retried on a retryable error. */
export interface RetryPolicy {
  /** total attempts, the first included (1 = never retried) */
  attempts: number;
  /** delay before retry n (n ≥ 1) = min(maxMs, initialMs × factor^(n−1)), with ±20 % jitter */
  backoff: { initialMs: number; factor: number; maxMs: number };
}

/** An outbound call a case makes (`sms-gateway.send`). */
export interface OperationSpec<C = any, S = any, I = any, O = any> {
  title: Localized;
  description: Localized;
  input: JsonSchema;
  output: JsonSchema;
  retry?: RetryPolicy;
  /** per attempt; the context's AbortSignal fires when it runs out (default 30 s) */
  timeoutMs?: number;
  run(ctx: OperationContext<C, S>, input: I): Promise<O>;
}

/** An inbound event that starts or advances a case (a device alarm, a FHIR Task update). */
export interface TriggerSpec {
  title: Localized;
  description: Localized;
  /** schema of the event's `data` (the case data it brings) */
  payload: JsonSchema;
}

/** What `ctx.emit` sends: `start` opens a case, `advance` sends an event to one. */
export interface TriggerEvent {
  /** the sender's idempotency key: a repeated id is answered `duplicate` and changes nothing */
  eventId: string;
  occurredAt?: string;
  data: Record<string, unknown>;
  start?: { orgPath: string; definition?: string };
  advance?: { caseId: string; event: string; comment?: string };
  /**
   * A sign of life from a device that opens and advances no case: a periodic test, a heartbeat.
   * The runtime records it as the device's last seen (source `device` only). Exactly one of
   * `start`, `advance` or `alive`.
   */
  alive?: { deviceId: string };
  /** who sends it, as the case history records it: a `device` (a sensor, an alarm panel) or an `external` system (default) */
  source?: 'device' | 'external';
}

/** What the host answers to an emitted event. */
export interface EmitResult {
  /** `recorded`: an `alive` event, noted against its device (no case) */
  status: 'created' | 'advanced' | 'recorded' | 'duplicate' | 'rejected';
  caseId?: string;
  caseRef?: string;
  /** a coded reason when rejected */
  reason?: { code: string; message: string };
}

/** A request to one of the plugin's inbound HTTP routes (`/ext/<plugin id>/<path>`). */
export interface InboundRequest {
  method: string;
  /** the path below the plugin's mount, e.g. `/Task/t-1` */
  path: string;
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  /** the raw body (signatures are checked over the exact bytes) */
  body: Buffer;
  ip: string;
}

/** The answer of an inbound route. An object body is sent as JSON unless `content-type` says otherwise. */
export interface InboundResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer | object;
}

/** An inbound HTTP route: `path` may hold `:name` segments and end in `*`. */
export interface RouteSpec<C = any, S = any> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  handler(req: InboundRequest, ctx: PluginContext<C, S>): Promise<InboundResponse>;
}

/** A config migration step: from version n to n + 1 (config and secrets together, so a renamed secret moves too). */
export type ConfigMigration = (old: { config: Record<string, unknown>; secrets: Record<string, unknown> }) => { config: Record<string, unknown>; secrets: Record<string, unknown> };

/** Settings of one deployment: plain config and, typed apart, secrets (stored encrypted, never shown back). */
export interface ConfigSpec {
  /** the config format version; stored settings of an older version are migrated on upgrade */
  version: number;
  schema: JsonSchema;
  secrets?: JsonSchema;
  /** `migrate[n]` turns version n into n + 1 */
  migrate?: Record<number, ConfigMigration>;
}

/** Everything `definePlugin` takes. */
export interface PluginSpec<C = any, S = any> {
  /** kebab-case, the prefix of its operation ids (`sms-gateway`) */
  id: string;
  /** the plugin's own semver */
  version: string;
  /** the SDK range it was written against (`^1`) */
  sdk: string;
  title: Localized;
  description: Localized;
  config: ConfigSpec;
  operations?: Record<string, OperationSpec<C, S>>;
  triggers?: Record<string, TriggerSpec>;
  routes?: Array<RouteSpec<C, S>>;
  /** long-running work (a broker subscription, a TCP listener); stopped through `ctx.signal` or the returned function */
  start?(ctx: PluginContext<C, S>): Promise<void | (() => Promise<void> | void)>;
  /** a cheap liveness check shown on the adapters screen */
  health?(ctx: PluginContext<C, S>): Promise<{ ok: boolean; detail?: string }>;
}

/** A plugin: the frozen spec, branded so the host can tell it from any other default export. */
export type Plugin<C = any, S = any> = Readonly<PluginSpec<C, S>> & { readonly __tongbanPlugin: 1 };
