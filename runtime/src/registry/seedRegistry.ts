/**
 * Loads the sample county's residents and devices (examples/sample-county) into the registry at
 * seed time, idempotently: a resident already registered (same ID number) or a device already
 * registered (same id) is left as an admin may have edited it.
 */
import { devices, residents } from '@tongban/examples';
import type { Knex } from 'knex';
import type { PiiCodec } from '../pii/createPiiCodec.ts';
import { residentRow, type ResidentInput } from './residents/residentRecord.ts';
import { deviceRow } from './devices/deviceRecord.ts';
import type { ResidentCategory, DeviceType } from './registryKinds.ts';

/** The sample resident as a registry input: the alarm flow's living status becomes categories. */
function inputOf(r: (typeof residents)[number]): ResidentInput {
  const categories: ResidentCategory[] = [];
  if (r.elder) categories.push('elder');
  if (r.livingStatus?.includes('alone')) categories.push('living-alone');
  if (r.livingStatus?.includes('empty-nest')) categories.push('empty-nest');
  return { name: r.name, idNumber: r.idNumber, orgPath: r.gridPath, sex: r.sex, birthDate: r.birthDate, phone: r.phone, address: r.address, categories,
    emergencyContacts: r.emergencyContacts, userId: r.userId };
}

/** Seeds what is missing; returns a report line. */
export async function seedRegistry(knex: Knex, codec: PiiCodec): Promise<string> {
  const at = Date.now();
  const orgs = new Set(((await knex('org_units').select('path')) as Array<{ path: string }>).map((o) => o.path));
  const haveR = new Set(((await knex('residents').select('id')) as Array<{ id: string }>).map((r) => r.id));
  const haveD = new Set(((await knex('devices').select('id')) as Array<{ id: string }>).map((d) => d.id));
  // the tiny fixture county lacks the sample grids: only what has its grid is loaded
  const newR = residents.filter((r) => !haveR.has(r.id) && orgs.has(r.gridPath)).map((r) => residentRow(r.id, inputOf(r), codec, { version: 1, createdAt: at, at, by: 'system:seed' }));
  const known = new Set([...haveR, ...newR.map((r) => r.id)]);
  // care devices bound to a known resident; grid sensors (no resident) with their site
  const newD = devices.filter((d) => !haveD.has(d.id) && orgs.has(d.gridPath) && (d.residentId ? known.has(d.residentId) : !!d.site))
    .map((d) => deviceRow({ id: d.id, type: d.type as DeviceType, orgPath: d.gridPath, ...(d.residentId ? { residentId: d.residentId } : {}), ...(d.site ? { site: d.site } : {}) }, { version: 1, createdAt: at, at, by: 'system:seed' }));
  await knex.transaction(async (trx) => {
    for (let i = 0; i < newR.length; i += 200) await trx('residents').insert(newR.slice(i, i + 200));
    for (let i = 0; i < newD.length; i += 200) await trx('devices').insert(newD.slice(i, i + 200));
  });
  return `居民档案 residents: +${newR.length}, 设备 devices: +${newD.length}`;
}
