/**
 * Landline callers (issue 13, field): a call to the care hotline brings only the caller's number. A data
 * field marked `"x-lookup": "resident-phone"` (elderly call's `callerNumber`) is matched to a resident by
 * the keyed hash of the number (`phone_hmac`, the registry's lookup hash: the number is never compared
 * or searched in clear). A match fills the elder, the grid and the emergency contacts from the registry
 * and moves the case to the resident's grid; an unknown number opens the case where the call came in,
 * marked `callerUnknown` for the operator's triage. A resident with no emergency contacts on file still gets
 * the case: it is marked `noEmergencyContacts` (the fan-out then reaches the station and the community, and
 * the community officer is asked to complete the record) instead of failing the item's intake.
 */
import type { Knex } from 'knex';
import type { Definition } from '@tongban/engine';
import type { PiiCodec } from '../pii/createPiiCodec.ts';
import { normalizePhone } from '../registry/normalizeText.ts';

/** The field a definition asks to look up by phone, if any. */
export function lookupField(def: Definition): string | undefined {
  const props = (def.data.properties ?? {}) as Record<string, { 'x-lookup'?: string }>;
  return Object.keys(props).find((k) => props[k]?.['x-lookup'] === 'resident-phone');
}

/** The start data and org unit after the caller lookup (unchanged when the definition asks for none or the field is absent). */
export async function resolveCaller(knex: Knex, codec: PiiCodec, def: Definition, data: Record<string, unknown>, orgPath: string): Promise<{ data: Record<string, unknown>; orgPath: string; matched?: boolean }> {
  const field = lookupField(def);
  const raw = field ? data[field] : undefined;
  if (!field || typeof raw !== 'string') return { data, orgPath };
  const number = normalizePhone(raw);
  const row = (await knex('residents').where({ phone_hmac: codec.hmac(number) }).orderBy('id').first('id', 'name', 'org_path', 'categories', 'contacts')) as
    { id: string; name: string; org_path: string; categories: string | null; contacts: string | null } | undefined;
  if (!row) return { data: { ...data, [field]: number, callerUnknown: true }, orgPath, matched: false };
  const cats = (row.categories ?? '').split(',');
  const living = [cats.includes('living-alone') ? 'alone' : undefined, cats.includes('empty-nest') ? 'empty-nest' : undefined].filter((x): x is string => !!x);
  const out: Record<string, unknown> = { ...data, [field]: number, callerUnknown: false, elder: { name: row.name, residentId: row.id }, gridCode: row.org_path.split('/').pop() };
  const contacts = row.contacts ? (JSON.parse(codec.decrypt(row.contacts)) as unknown) : undefined;
  if (Array.isArray(contacts) && contacts.length) out.emergencyContacts = contacts;
  else out.noEmergencyContacts = true;
  if (living.length) out.livingStatus = living;
  return { data: out, orgPath: row.org_path, matched: true };
}
