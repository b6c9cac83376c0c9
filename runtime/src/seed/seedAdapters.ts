/**
 * Local-safe adapter settings for the sample county, written only where an admin saved none: the
 * sample's configs, plus the device bindings (device → resident → grid, emergency contacts) read from
 * the resident and device registry (registry/devices/adapterRegistry.ts). Nothing here points outside this machine.
 */
import { sampleAdapters } from '@tongban/examples';
import type { Runtime } from '../createRuntime.ts';
import { adapterBindings, mqttRegistry, panelAccounts } from '../registry/devices/adapterRegistry.ts';

/** Seeds settings for the loaded adapters that have none; returns report lines. */
export async function seedAdapterSettings(rt: Pick<Runtime, 'adapters' | 'db' | 'codec'>): Promise<string[]> {
  const loaded = new Set(rt.adapters.host.ids());
  const stored = await rt.adapters.configs.all();
  const lines: string[] = [];
  const bindings = await adapterBindings(rt.db.knex, rt.codec);
  const fromRegistry: Record<string, Record<string, unknown>> = { 'mqtt-devices': { registry: mqttRegistry(bindings) }, 'alarm-receiver': { accounts: panelAccounts(bindings) } };
  for (const [id, s] of Object.entries(sampleAdapters.settings)) {
    if (!loaded.has(id) || stored.has(id)) continue;
    const secrets = { ...(fromRegistry[id] ?? {}), ...(s.secrets ?? {}) };
    const res = await rt.adapters.configure(id, { config: s.config, secrets }, 'system:seed');
    lines.push(res.ok ? `adapter ${id}: sample settings` : `adapter ${id}: sample settings refused (${res.problems.map((p) => p.path).join(', ')})`);
  }
  return lines;
}
