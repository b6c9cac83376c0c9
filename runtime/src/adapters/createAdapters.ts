/**
 * The runtime's adapters: the plugin host over the modules named in configuration, each plugin's
 * settings read from the store (migrated to its config version and written back, so no county
 * re-enters settings after an upgrade), schema defaults for plugins nobody configured (local-safe:
 * nothing leaves the machine until an admin says where), and the inbound event sink.
 */
import type { Logger } from 'pino';
import { createSystemClock, type EmitSink, type PathProblem } from '@tongban/plugin-sdk';
import { createPluginHost, loadPluginModules, type PluginHost } from '@tongban/plugin-host';
import type { Knex } from 'knex';
import type { PiiCodec } from '../pii/createPiiCodec.ts';
import { createAdapterConfigs, type AdapterConfigs } from './KnexAdapterConfigs.ts';
import { knexPluginStore } from './KnexPluginStore.ts';

/** The adapters of one runtime. */
export interface Adapters {
  host: PluginHost;
  configs: AdapterConfigs;
  /** saves new settings (omitted secrets keep their stored values); parked calls resume */
  configure(pluginId: string, input: { config: Record<string, unknown>; secrets?: Record<string, unknown> }, by: string): Promise<{ ok: true } | { ok: false; problems: PathProblem[] }>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Loads the modules and applies stored settings; throws a HostError listing every load problem. */
export async function createAdapters(deps: { knex: Knex; codec: PiiCodec; logger: Logger; refs: string[]; baseDir?: string; emit: EmitSink; isolation?: 'worker' | 'inline' }): Promise<Adapters> {
  const { loaded, problems } = await loadPluginModules(deps.refs, deps.baseDir);
  const host = createPluginHost(loaded, { logger: deps.logger, clock: createSystemClock(), storeFor: (id) => knexPluginStore(deps.knex, id), emit: deps.emit }, { loadProblems: problems, isolation: deps.isolation });
  const configs = createAdapterConfigs(deps.knex, deps.codec);
  const stored = await configs.all();
  for (const m of host.manifests()) {
    const s = stored.get(m.id) ?? { version: m.config.version, config: {}, secrets: {} };
    const res = await host.configure(m.id, s);
    if (res.ok && res.migratedFrom.length) await configs.put(m.id, res.stored, 'system:migration');
    if (!res.ok && stored.has(m.id)) deps.logger.warn({ plugin: m.id, problems: res.problems.map((p) => p.path) }, 'stored adapter settings are invalid; the adapter stays unconfigured');
  }
  return {
    host, configs,
    async configure(pluginId, input, by) {
      const m = host.manifests().find((x) => x.id === pluginId);
      if (!m) return { ok: false, problems: [{ path: '/', message: `no adapter ${pluginId}` }] };
      const old = await configs.get(pluginId);
      const secrets = { ...(old?.version === m.config.version ? old.secrets : {}), ...(input.secrets ?? {}) };
      const res = await host.configure(pluginId, { version: m.config.version, config: input.config, secrets });
      if (!res.ok) return res;
      await configs.put(pluginId, res.stored, by);
      await deps.knex('outbox').where({ status: 'parked' }).andWhere('operation', 'like', `${pluginId}.%`).update({ status: 'pending', available_at: Date.now() });
      return { ok: true };
    },
    start: () => host.start(),
    stop: () => host.stop(),
  };
}
