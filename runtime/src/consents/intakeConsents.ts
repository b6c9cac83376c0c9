/**
 * Consent references in case data (`x-consent` data fields, e.g. a referral's `consentRef`): when
 * a case is opened with one, the record must exist, be active and unexpired, have the field's
 * purpose and — when the field names its person (`subject`, the path of an ID number) — belong to
 * that person. A free string no longer passes for a consent.
 */
import type { Knex } from 'knex';
import type { Definition } from '@tongban/engine';
import { RefusedError } from '../errors/DomainError.ts';
import type { KnexConsentStore } from './KnexConsentStore.ts';

type ConsentField = { field: string; purpose: string; subject?: string };

function readPath(data: unknown, path: string): unknown {
  let cur = data;
  for (const k of path.replace(/^data\./, '').split('.')) {
    if (!cur || typeof cur !== 'object' || !Object.hasOwn(cur, k)) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** The data fields of a definition that hold a consent record id. */
export function consentFieldsOf(def: Definition): ConsentField[] {
  return Object.entries((def.data.properties ?? {}) as Record<string, { 'x-consent'?: { purpose: string; subject?: string } }>)
    .filter(([, s]) => s['x-consent'])
    .map(([field, s]) => ({ field, purpose: s['x-consent']!.purpose, subject: s['x-consent']!.subject }));
}

/** Refuses (`consent.refused`, with the field's JSON path and the reason code) data whose consent references do not hold. */
export async function checkIntakeConsents(store: KnexConsentStore, def: Definition, data: Record<string, unknown>, at: number, trx: Knex.Transaction): Promise<void> {
  for (const f of consentFieldsOf(def)) {
    const ref = data[f.field];
    if (ref === undefined || ref === null || ref === '') continue; // required-ness is the form's business
    const subject = f.subject ? readPath(data, f.subject) : undefined;
    const r = await store.check(ref, { purpose: f.purpose, subjectIdNumber: typeof subject === 'string' ? subject : undefined, at }, trx);
    if (!r.ok) throw new RefusedError('consent.refused', { path: `/data/${f.field}`, reason: r.code, purpose: f.purpose });
  }
}

/** The consent references a case holds now (to tell which ones a step changed). */
export function consentValuesOf(def: Definition, data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(consentFieldsOf(def).map((f) => [f.field, data[f.field]]));
}

/** After a step: the consent references it wrote or changed must hold, as at intake (same refusal). */
export async function checkChangedConsents(store: KnexConsentStore, def: Definition, before: Record<string, unknown>, data: Record<string, unknown>, at: number, trx: Knex.Transaction): Promise<void> {
  const changed = Object.fromEntries(Object.entries(consentValuesOf(def, data)).filter(([k, v]) => v !== before[k]));
  if (!Object.keys(changed).length) return;
  const only = { ...def, data: { ...def.data, properties: Object.fromEntries(Object.entries((def.data.properties ?? {}) as Record<string, unknown>).filter(([k]) => k in changed)) } } as Definition;
  await checkIntakeConsents(store, only, data, at, trx);
}
