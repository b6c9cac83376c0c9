/**
 * Adapter settings per deployment. Secrets are sealed with the personal-data codec (same keys,
 * same rotation) as one encrypted JSON value, and never leave this module in a response.
 */
import type { Knex } from 'knex';
import type { StoredConfig } from '@tongban/plugin-sdk';
import type { PiiCodec } from '../pii/createPiiCodec.ts';

/** A stored row, opened. */
export interface AdapterSettings extends StoredConfig { updatedBy: string | null; updatedAt: number }

/** Reads and writes adapter settings. */
export function createAdapterConfigs(knex: Knex, codec: PiiCodec) {
  const open = (r: { version: number; config: string; secrets: string; updated_by: string | null; updated_at: number | string }): AdapterSettings => ({
    version: Number(r.version), config: JSON.parse(r.config) as Record<string, unknown>,
    secrets: JSON.parse(codec.decrypt(r.secrets)) as Record<string, unknown>, updatedBy: r.updated_by, updatedAt: Number(r.updated_at),
  });
  return {
    async get(pluginId: string): Promise<AdapterSettings | undefined> {
      const row = await knex('adapter_configs').where({ plugin_id: pluginId }).first();
      return row ? open(row) : undefined;
    },
    async all(): Promise<Map<string, AdapterSettings>> {
      const rows = (await knex('adapter_configs').select()) as Array<{ plugin_id: string } & Parameters<typeof open>[0]>;
      return new Map(rows.map((r) => [r.plugin_id, open(r)]));
    },
    /** Writes settings; `onlyIfAbsent` seeds defaults without touching what an admin saved. */
    async put(pluginId: string, s: StoredConfig, by: string | null, opts: { onlyIfAbsent?: boolean } = {}): Promise<void> {
      const row = { plugin_id: pluginId, version: s.version, config: JSON.stringify(s.config), secrets: codec.encrypt(JSON.stringify(s.secrets)), updated_by: by, updated_at: Date.now() };
      const q = knex('adapter_configs').insert(row).onConflict('plugin_id');
      await (opts.onlyIfAbsent ? q.ignore() : q.merge());
    },
  };
}

/** The settings service type. */
export type AdapterConfigs = ReturnType<typeof createAdapterConfigs>;
