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
  /**
   * Applies settings another process saved since this one last looked (an admin's change lands on a
   * server; the workers that make the calls pick it up here). Resolves to the plugins re-configured.
   */
  refresh(): Promise<string[]>;
  /** Calls that failed for good (outbox rows `dead`): counts per operation, a keyset page (newest first), and a retry (false: no such dead row). */
  deadLetters: {
    countsByOperation(): Promise<Array<{ operation: string | null; n: number }>>;
    page(q: { adapter?: string; cursor?: number; limit: number }): Promise<Array<{ id: number; caseId: string; kind: string; operation: string | null; attempts: number; lastError: string | null; failedAt: number }>>;
    retry(id: number, now: number): Promise<boolean>;
  };
}

/** Loads the modules and applies stored settings; throws a HostError listing every load problem. */
export async function createAdapters(deps: { knex: Knex; codec: PiiCodec; logger: Logger; refs: string[]; baseDir?: string; emit: EmitSink; isolation?: 'worker' | 'inline' }): Promise<Adapters> {
  const { loaded, problems } = await loadPluginModules(deps.refs, deps.baseDir);
  const host = createPluginHost(loaded, { logger: deps.logger, clock: createSystemClock(), storeFor: (id) => knexPluginStore(deps.knex, id), emit: deps.emit }, { loadProblems: problems, isolation: deps.isolation });
  const configs = createAdapterConfigs(deps.knex, deps.codec);
  const stored = await configs.all();
  /** the stored `updatedAt` each plugin's settings were applied from */
  const applied = new Map<string, number>();
  for (const [id, st] of stored) applied.set(id, st.updatedAt);
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
      applied.set(pluginId, (await configs.get(pluginId))?.updatedAt ?? Date.now());
      await deps.knex('outbox').where({ status: 'parked' }).andWhere('operation', 'like', `${pluginId}.%`).update({ status: 'pending', available_at: Date.now() });
      return { ok: true };
    },
    deadLetters: {
      async countsByOperation() {
        const rows = (await deps.knex('outbox').where({ status: 'dead' }).select('operation').count({ n: '*' }).groupBy('operation')) as Array<{ operation: string | null; n: number | string }>;
        return rows.map((r) => ({ operation: r.operation, n: Number(r.n) }));
      },
      async page(q) {
        const query = deps.knex('outbox').where({ status: 'dead' }).orderBy('id', 'desc').limit(q.limit)
          .select('id', 'case_id', 'kind', 'operation', 'attempts', 'last_error', 'updated_at', 'created_at');
        if (q.adapter) query.andWhere('operation', 'like', `${q.adapter.replace(/[%_]/g, '')}.%`);
        if (q.cursor) query.andWhere('id', '<', q.cursor);
        const rows = (await query) as Array<Record<string, unknown>>;
        return rows.map((r) => ({ id: Number(r.id), caseId: r.case_id as string, kind: r.kind as string, operation: (r.operation as string | null) ?? null, attempts: Number(r.attempts),
          lastError: (r.last_error as string | null) ?? null, failedAt: Number(r.updated_at ?? r.created_at) }));
      },
      async retry(id, now) {
        return (await deps.knex('outbox').where({ id, status: 'dead' }).update({ status: 'pending', attempts: 0, available_at: now, result: null, updated_at: now })) > 0;
      },
    },
    start: () => host.start(),
    stop: () => host.stop(),
    async refresh() {
      const changed: string[] = [];
      for (const [id, st] of await configs.all()) {
        if (applied.get(id) === st.updatedAt || !host.ids().includes(id)) continue;
        const res = await host.configure(id, st);
        applied.set(id, st.updatedAt);
        if (res.ok) changed.push(id);
        else deps.logger.warn({ plugin: id, code: 'adapter.settings-invalid', problems: res.problems.map((p) => p.path) }, 'adapter settings saved elsewhere are invalid here; kept the previous ones');
      }
      if (changed.length) deps.logger.info({ plugins: changed }, 'adapter settings changed by another process applied');
      return changed;
    },
  };
}
