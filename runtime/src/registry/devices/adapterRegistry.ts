/**
 * The device bindings the adapters read, built from the registry (it replaces the sample county's
 * devices.json): mqtt-devices gets device → resident → grid with the resident's emergency contacts,
 * alarm-receiver the panel accounts. Both are kept in the adapters' encrypted secrets and rewritten
 * after every registry change, so an adapter thread never reaches the database.
 */
import type { Knex } from 'knex';
import type { PiiCodec } from '../../pii/createPiiCodec.ts';
import type { Contact } from '../residents/residentRecord.ts';
import { deviceConsentsOf } from '../../seed/seedConsents.ts';

/** One bound device, in the shape both adapters' secrets schemas take. */
export interface AdapterBinding {
  id: string; type: string; gridPath: string; account: string | null;
  elder: { name: string; residentId?: string }; emergencyContacts: Contact[]; livingStatus?: string[];
  /** the resident's separate consents (ids in the consent registry) that ride on every alarm of their devices */
  consents?: { sensor?: string; door?: string; provider?: string };
  /** the resident's door lock, only where door access was authorised */
  doorDeviceId?: string;
}

/** Active and silent devices bound to a resident with at least one emergency contact (whom an alarm calls). */
export async function adapterBindings(knex: Knex, codec: PiiCodec): Promise<AdapterBinding[]> {
  const rows = (await knex('devices as d').join('residents as r', 'r.id', 'd.resident_id').whereNot('d.status', 'retired').whereNull('r.retired_at').whereNotNull('r.contacts')
    .orderBy('d.id').select('d.id', 'd.type', 'd.org_path', 'd.account', 'r.id as resident_id', 'r.name', 'r.categories', 'r.contacts')) as Array<Record<string, string | null>>;
  return rows.map((r) => {
    const cats = (r.categories ?? '').split(',').filter(Boolean);
    // the alarm flow's living status vocabulary (alone / empty-nest) from the registry's categories
    const living = [cats.includes('living-alone') ? 'alone' : undefined, cats.includes('empty-nest') ? 'empty-nest' : undefined].filter((x): x is string => !!x);
    // TODO(follow-up): read consents from the consent registry by the resident's ID-number hash; today the sample's consent ids
    const consents = deviceConsentsOf(r.resident_id!);
    const door = consents.door ? rows.find((x) => x.resident_id === r.resident_id && x.type === 'door')?.id : undefined;
    return {
      id: r.id!, type: r.type!, gridPath: r.org_path!, account: r.account ?? null, elder: { name: r.name!, residentId: r.resident_id! },
      emergencyContacts: JSON.parse(codec.decrypt(r.contacts!)) as Contact[], ...(living.length ? { livingStatus: living } : {}),
      ...(Object.keys(consents).length ? { consents } : {}), ...(door ? { doorDeviceId: door } : {}),
    };
  });
}

/** The mqtt-devices `registry` secret. */
export function mqttRegistry(b: AdapterBinding[]): Array<Record<string, unknown>> {
  return b.map(({ account: _a, ...d }) => d);
}

/** Detector types a DC-09 panel reports (alarm-receiver's settings schema). */
const panelTypes = new Set(['sos_button', 'pendant', 'fall', 'smoke', 'gas', 'water', 'door', 'pir']);

/** The alarm-receiver `accounts` secret (devices reporting through a DC-09 panel account). */
export function panelAccounts(b: AdapterBinding[]): Array<Record<string, unknown>> {
  return b.filter((d) => d.account && panelTypes.has(d.type)).map((d) => ({ account: d.account, deviceId: d.id, deviceType: d.type, gridPath: d.gridPath, elder: d.elder, emergencyContacts: d.emergencyContacts, ...(d.livingStatus ? { livingStatus: d.livingStatus } : {}) }));
}
