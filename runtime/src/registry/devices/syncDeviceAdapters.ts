/**
 * Pushes the registry's bindings into the device adapters' secrets (only adapters that are loaded
 * and hold stored settings: an adapter nobody configured stays local-safe and unconfigured).
 */
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Adapters } from '../../adapters/createAdapters.ts';
import type { PiiCodec } from '../../pii/createPiiCodec.ts';
import { adapterBindings, mqttRegistry, panelAccounts } from './adapterRegistry.ts';

/** Which secret of which adapter holds the bindings. */
const targets = [
  { id: 'mqtt-devices', secret: 'registry', build: mqttRegistry },
  { id: 'alarm-receiver', secret: 'accounts', build: panelAccounts },
] as const;

/** Rewrites the bindings of each configured device adapter; returns the ids updated. */
export async function syncDeviceAdapters(adapters: Adapters, knex: Knex, codec: PiiCodec, logger: Logger): Promise<string[]> {
  const loaded = new Set(adapters.host.ids());
  const todo = targets.filter((t) => loaded.has(t.id));
  if (!todo.length) return [];
  const bindings = await adapterBindings(knex, codec);
  const done: string[] = [];
  for (const t of todo) {
    const stored = await adapters.configs.get(t.id);
    if (!stored) continue;
    const res = await adapters.configure(t.id, { config: stored.config, secrets: { [t.secret]: t.build(bindings) } }, 'system:registry');
    if (res.ok) done.push(t.id);
    else logger.warn({ plugin: t.id, code: 'registry.adapter-sync-refused', problems: res.problems.slice(0, 5).map((p) => p.path) }, 'device bindings refused by the adapter');
  }
  return done;
}
