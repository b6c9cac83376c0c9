/**
 * The device bindings the adapters read, built from the registry (it replaces the sample county's
 * devices.json): mqtt-devices gets device → resident → grid with the resident's emergency contacts,
 * alarm-receiver the panel accounts; a grid sensor bound to no resident goes to mqtt-devices with its site
 * (its alarms open grid incidents at that map point). Both are kept in the adapters' encrypted secrets and rewritten
 * after every registry or consent change, so an adapter thread never reaches the database. The
 * resident's separate consents (sensor monitoring, door access, sharing with a provider) come from
 * the consent registry (runtime/src/consents), matched by the keyed hash of the ID number.
 */
import type { Knex } from 'knex';
import type { PiiCodec } from '../../pii/createPiiCodec.ts';
import type { Contact } from '../residents/residentRecord.ts';
import { siteOf, type DeviceRow, type DeviceSite } from './deviceRecord.ts';

/** A care device bound to a resident. */
export interface CareBinding {
  id: string; type: string; gridPath: string; account: string | null;
  elder: { name: string; residentId?: string }; emergencyContacts: Contact[]; livingStatus?: string[];
  /** the resident's separate consents (ids in the consent registry) that ride on every alarm of their devices */
  consents?: { sensor?: string; door?: string; provider?: string };
  /** the resident's door lock, only where door access was authorised */
  doorDeviceId?: string;
}

/** Which consent purpose of the registry each binding slot carries. */
const consentSlots = { sensor: 'sensor-monitoring', door: 'door-access', provider: 'share-provider' } as const;

/**
 * The consents in force now of each resident (by the keyed hash of their ID number, as the consent
 * registry keeps them): the newest active, unexpired grant per purpose. A withdrawn or expired
 * consent drops out at the next sync (every consent change triggers one).
 */
async function consentsInForce(knex: Knex, idHmacs: string[], now: number): Promise<Map<string, NonNullable<CareBinding['consents']>>> {
  const out = new Map<string, NonNullable<CareBinding['consents']>>();
  const uniq = [...new Set(idHmacs)];
  for (let i = 0; i < uniq.length; i += 500) {
    const rows = (await knex('consents').whereIn('subject_hmac', uniq.slice(i, i + 500)).where('status', 'active').whereIn('purpose', Object.values(consentSlots))
      .where((w) => w.whereNull('expires_at').orWhere('expires_at', '>', now)).orderBy([{ column: 'granted_at' }, { column: 'id' }])
      .select('id', 'subject_hmac', 'purpose')) as Array<{ id: string; subject_hmac: string; purpose: string }>;
    for (const r of rows) {
      const slot = (Object.keys(consentSlots) as Array<keyof typeof consentSlots>).find((k) => consentSlots[k] === r.purpose)!;
      out.set(r.subject_hmac, { ...out.get(r.subject_hmac), [slot]: r.id }); // ordered by grant: the newest wins
    }
  }
  return out;
}

/** A grid sensor bound to no resident: its site instead of an elder. */
export interface SiteBinding { id: string; type: string; gridPath: string; account: string | null; site: DeviceSite }

/** One bound device, in the shape both adapters' secrets schemas take. */
export type AdapterBinding = CareBinding | SiteBinding;

/** Active and silent devices bound to no resident that have a site (grid sensors). */
async function siteBindings(knex: Knex): Promise<SiteBinding[]> {
  const rows = (await knex('devices').whereNull('resident_id').whereNotNull('site_lat').whereNot('status', 'retired').orderBy('id')
    .select('id', 'type', 'org_path', 'account', 'site_lat', 'site_lng', 'site_datum', 'site_place', 'site_building')) as Array<DeviceRow>;
  return rows.flatMap((r) => { const site = siteOf(r); return site ? [{ id: r.id, type: r.type, gridPath: r.org_path, account: r.account ?? null, site }] : []; });
}

/** Active and silent devices bound to a resident with at least one emergency contact (whom an alarm calls), then grid sensors with a site. */
export async function adapterBindings(knex: Knex, codec: PiiCodec, now = Date.now()): Promise<AdapterBinding[]> {
  return [...(await careBindings(knex, codec, now)), ...(await siteBindings(knex))];
}

async function careBindings(knex: Knex, codec: PiiCodec, now: number): Promise<CareBinding[]> {
  const rows = (await knex('devices as d').join('residents as r', 'r.id', 'd.resident_id').whereNot('d.status', 'retired').whereNull('r.retired_at').whereNotNull('r.contacts')
    .orderBy('d.id').select('d.id', 'd.type', 'd.org_path', 'd.account', 'r.id as resident_id', 'r.id_hmac', 'r.name', 'r.categories', 'r.contacts')) as Array<Record<string, string | null>>;
  const consentsOf = await consentsInForce(knex, rows.map((r) => r.id_hmac!), now);
  return rows.map((r) => {
    const cats = (r.categories ?? '').split(',').filter(Boolean);
    // the alarm flow's living status vocabulary (alone / empty-nest) from the registry's categories
    const living = [cats.includes('living-alone') ? 'alone' : undefined, cats.includes('empty-nest') ? 'empty-nest' : undefined].filter((x): x is string => !!x);
    const consents = consentsOf.get(r.id_hmac!) ?? {};
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
  return b.filter((d): d is CareBinding => 'elder' in d && !!d.account && panelTypes.has(d.type)).map((d) => ({ account: d.account, deviceId: d.id, deviceType: d.type, gridPath: d.gridPath, elder: d.elder, emergencyContacts: d.emergencyContacts, ...(d.livingStatus ? { livingStatus: d.livingStatus } : {}) }));
}
