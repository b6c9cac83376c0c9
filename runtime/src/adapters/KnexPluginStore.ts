/** Each plugin's small durable key-value store (`ctx.store`), one table keyed by (plugin, key). */
import type { Knex } from 'knex';
import type { PluginStore } from '@tongban/plugin-sdk';

const MAX_VALUE = 1_000_000;

/** The store of one plugin. Keys are at most 191 characters; values are JSON up to 1 MB. */
export function knexPluginStore(knex: Knex, pluginId: string): PluginStore {
  const key = (k: string) => {
    if (typeof k !== 'string' || k.length === 0 || k.length > 191) throw new RangeError('plugin store keys are 1–191 characters');
    return k;
  };
  return {
    async get<T>(k: string) {
      const row = (await knex('plugin_state').where({ plugin_id: pluginId, key: key(k) }).first('value')) as { value: string } | undefined;
      return row ? (JSON.parse(row.value) as T) : undefined;
    },
    async put(k, value) {
      const json = JSON.stringify(value);
      if (json === undefined || json.length > MAX_VALUE) throw new RangeError('plugin store values are JSON up to 1 MB');
      await knex('plugin_state').insert({ plugin_id: pluginId, key: key(k), value: json, updated_at: Date.now() }).onConflict(['plugin_id', 'key']).merge(['value', 'updated_at']);
    },
    async delete(k) { await knex('plugin_state').where({ plugin_id: pluginId, key: key(k) }).delete(); },
    async list<T>(prefix: string, limit = 1000) {
      const esc = prefix.replace(/[!%_]/g, '!$&');
      const rows = (await knex('plugin_state').where({ plugin_id: pluginId }).andWhereRaw("?? like ? escape '!'", ['key', esc + '%']).orderBy('key').limit(Math.min(limit, 10_000)).select('key', 'value')) as Array<{ key: string; value: string }>;
      return rows.map((r) => ({ key: r.key, value: JSON.parse(r.value) as T }));
    },
  };
}
