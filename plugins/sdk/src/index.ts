/**
 * @tongban/plugin-sdk — what an adapter author imports.
 *
 * A plugin is a value from `definePlugin`: its config (secrets typed apart), operations (outbound
 * calls a case makes) and triggers (inbound events that start or advance cases) declared as data
 * with JSON Schemas and zh-CN/en labels, so the designer and the admin screens render from the
 * manifest alone. Code receives a typed context (validated config and secrets, a redacting logger,
 * an AbortSignal, an idempotency key, `emit`), throws `RetryableError` or `PermanentError`, and is
 * tested with `createTestHost` without the runtime. The host (`@tongban/plugin-host`) runs the same
 * `runOperation` path, so what passes the harness behaves the same in production.
 */
export type { Localized, JsonSchema, RetryPolicy, OperationSpec, TriggerSpec, TriggerEvent, EmitResult, InboundRequest, InboundResponse, RouteSpec, ConfigSpec, ConfigMigration, PluginSpec, Plugin } from './types.ts';
export type { PluginClock, PluginStore, BaseContext, OperationContext, PluginContext } from './context.ts';
export { definePlugin, defineOperation, isPlugin } from './definePlugin.ts';
export { PluginError, RetryableError, PermanentError, classifyError, sdkError, sdkErrorCatalog, type SdkErrorCode, type ClassifiedError, type PathProblem } from './errors.ts';
export { defaultRetry, tightenRetry, retryDelay, isoDurationMs } from './retry.ts';
export { migrateConfig, validateConfig, type StoredConfig } from './config.ts';
export { createPluginLogger, scrubText, REDACTED, type PluginLogger } from './logger.ts';
export { createHttpClient, expectOk, type HttpClient, type HttpExchange, type HttpResponse } from './http.ts';
export { createSystemClock, createManualClock, type ManualClock } from './clock.ts';
export { checkManifest } from './manifest.ts';
export { createPluginAjv, personalValues, problemsOf } from './schemas.ts';
export { preparePlugin, configurePlugin, pluginContext, runOperation, type PreparedPlugin, type PluginEnv, type CallResult } from './runPlugin.ts';
export { emitEvent, type EmitSink } from './emit.ts';
export { matchRoute, handleRoute } from './routes.ts';
export { createTestHost, type TestHost, type TestHostOptions } from './testing/createTestHost.ts';
export { createMemoryStore } from './testing/memoryStore.ts';

/** The SDK's own version: plugins declare a range of it (`sdk: '^1'`), the host checks it at load. */
export const SDK_VERSION = '1.0.0';
export { signBody, verifySigned, pruneReplays, type SignatureProblem } from './signing.ts';
