/**
 * Local-safe adapter settings for the sample county, written only where an admin saved none: the
 * sample's configs, plus the device registry (device → resident → grid, emergency contacts) built from
 * the sample devices and residents. Nothing here points outside this machine.
 */
import { devices, residents, sampleAdapters } from '@tongban/examples';
import type { Runtime } from '../createRuntime.ts';
import { deviceConsentsOf } from './seedConsents.ts';

/** Builds the mqtt-devices registry from the sample devices and the residents they serve. */
export function sampleRegistry(): Array<Record<string, unknown>> {
  return devices.flatMap((d) => {
    const r = residents.find((x) => x.id === d.residentId);
    if (!r?.emergencyContacts?.length) return [];
    // the resident's consents ride on every alarm of their devices; a door lock only where door access was authorised
    const consents = deviceConsentsOf(r.id);
    const door = consents.door ? devices.find((x) => x.residentId === r.id && x.type === 'door')?.id : undefined;
    return [{ id: d.id, type: d.type, gridPath: d.gridPath, elder: { name: r.name, residentId: r.id }, emergencyContacts: r.emergencyContacts, ...(r.livingStatus ? { livingStatus: r.livingStatus } : {}),
      ...(Object.keys(consents).length ? { consents } : {}), ...(door ? { doorDeviceId: door } : {}) }];
  });
}

/** Seeds settings for the loaded adapters that have none; returns report lines. */
export async function seedAdapterSettings(rt: Pick<Runtime, 'adapters'>): Promise<string[]> {
  const loaded = new Set(rt.adapters.host.ids());
  const stored = await rt.adapters.configs.all();
  const lines: string[] = [];
  for (const [id, s] of Object.entries(sampleAdapters.settings)) {
    if (!loaded.has(id) || stored.has(id)) continue;
    const secrets = id === 'mqtt-devices' ? { registry: sampleRegistry(), ...(s.secrets ?? {}) } : (s.secrets ?? {});
    const res = await rt.adapters.configure(id, { config: s.config, secrets }, 'system:seed');
    lines.push(res.ok ? `adapter ${id}: sample settings` : `adapter ${id}: sample settings refused (${res.problems.map((p) => p.path).join(', ')})`);
  }
  return lines;
}
