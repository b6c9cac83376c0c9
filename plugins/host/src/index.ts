/**
 * @tongban/plugin-host — loads adapter plugins named in configuration, validates their manifests,
 * checks SDK ranges, refuses duplicate ids, applies each deployment's (migrated) settings, runs
 * operations with timeouts, a cap on calls in flight and a retry decision per attempt, serves
 * inbound routes and supervises long-running parts. Persistence (settings, dead letters, event
 * de-duplication) belongs to the runtime, which lends the host a clock, stores and the emit sink.
 */
export { createPluginHost, type PluginHost, type HostEnv, type InvokeOutcome } from './createPluginHost.ts';
export { loadPluginModules, type LoadedModule } from './loadPluginModules.ts';
export { HostError, hostErrorCatalog, type HostErrorCode, type LoadProblem } from './hostErrors.ts';
export { publicManifest, type PublicManifest, type OperationManifest, type TriggerManifest } from './publicManifest.ts';
export type { PluginHealth, HealthStatus } from './pluginHealth.ts';
