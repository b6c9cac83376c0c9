/**
 * The registry service (issue 9 items 3–4): residents and devices, the org paths records may name,
 * audit helpers for lookups and reveals, and a change hook (device adapters re-read their bindings).
 */
import type { Knex } from 'knex';
import type { PiiCodec } from '../pii/createPiiCodec.ts';
import { appendAudit } from '../audit/KnexAuditLog.ts';
import { createResidentStore, type Actor } from './residents/KnexResidentStore.ts';
import { createDeviceStore } from './devices/KnexDeviceStore.ts';

/** Creates the registry over the store. */
export function createRegistry(deps: { knex: Knex; dialect: 'sqlite' | 'mysql'; codec: PiiCodec }) {
  const { knex, dialect } = deps;
  const listeners: Array<() => Promise<unknown>> = [];
  const audit = (actor: Actor, orgPath: string | undefined, action: string, detail: Record<string, unknown>) =>
    knex.transaction((trx) => appendAudit(trx, dialect, [{ at: Date.now(), actorId: actor.id, actorRoles: actor.roles, orgPath, action, detail }]));
  return {
    residents: createResidentStore(knex, dialect, deps.codec),
    devices: createDeviceStore(knex, dialect),
    /** Every org unit path (a county has a few thousand at most). */
    async orgPaths(db: Knex = knex): Promise<Set<string>> {
      return new Set(((await db('org_units').select('path')) as Array<{ path: string }>).map((r) => r.path));
    },
    /** Names of residents by id (plain; callers mask). */
    async residentNames(ids: string[]): Promise<Map<string, string>> {
      if (!ids.length) return new Map();
      return new Map(((await knex('residents').whereIn('id', [...new Set(ids)]).select('id', 'name')) as Array<{ id: string; name: string }>).map((r) => [r.id, r.name]));
    },
    /** Grids of residents by id (a device must sit in its resident's grid). */
    async residentGrids(ids: string[], db: Knex = knex): Promise<Map<string, string>> {
      if (!ids.length) return new Map();
      return new Map(((await db('residents').whereIn('id', [...new Set(ids)]).select('id', 'org_path')) as Array<{ id: string; org_path: string }>).map((r) => [r.id, r.org_path]));
    },
    /** Audits a search for a person by phone or ID number (the fields searched, never the values). */
    auditLookup: (actor: Actor, orgPath: string, detail: Record<string, unknown>) => audit(actor, orgPath, 'resident.lookup', detail),
    /** Audits a reveal of a resident's fields with its purpose. */
    auditReveal: (actor: Actor, orgPath: string, detail: Record<string, unknown>) => audit(actor, orgPath, 'resident.reveal', detail),
    /** Runs after any write to residents or devices (listeners log their own failures). */
    async changed(): Promise<void> { for (const l of listeners) await l(); },
    onChange(l: () => Promise<unknown>): void { listeners.push(l); },
  };
}

/** The registry service's type. */
export type Registry = ReturnType<typeof createRegistry>;
