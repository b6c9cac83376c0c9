/**
 * The registry service (issue 9 items 3–4): residents and devices, the org paths records may name,
 * audit helpers for lookups and reveals, and a change hook (device adapters re-read their bindings).
 */
import type { Knex } from 'knex';
import type { PiiCodec } from '../pii/createPiiCodec.ts';
import { appendAudit } from '../audit/KnexAuditLog.ts';
import { createResidentStore, type Actor } from './residents/KnexResidentStore.ts';
import { createDeviceStore } from './devices/KnexDeviceStore.ts';
import type { AppAbility } from '../authz/defineAbilities.ts';
import { runImport } from './import/runImport.ts';
import type { ImportKind } from './import/importColumns.ts';
import type { RoleAssignment } from '../identity/KnexIdentityStore.ts';

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
      // a retired resident takes no device (it reads as unknown)
      return new Map(((await db('residents').whereIn('id', [...new Set(ids)]).whereNull('retired_at').select('id', 'org_path')) as Array<{ id: string; org_path: string }>).map((r) => [r.id, r.org_path]));
    },
    /** ID numbers of residents by id, opened (exports name a device's resident by it). */
    async residentIdNumbers(ids: string[]): Promise<Map<string, string>> {
      const out = new Map<string, string>();
      const uniq = [...new Set(ids)];
      for (let i = 0; i < uniq.length; i += 500) for (const r of (await knex('residents').whereIn('id', uniq.slice(i, i + 500)).select('id', 'id_number')) as Array<{ id: string; id_number: string }>) out.set(r.id, deps.codec.decrypt(r.id_number));
      return out;
    },
    /** Every org unit (code, name, path), by path. */
    async orgUnits(): Promise<Array<{ code: string; name: string; path: string }>> {
      return (await knex('org_units').select('code', 'name', 'path').orderBy('path')) as Array<{ code: string; name: string; path: string }>;
    },
    /** Every user with the roles they hold at their own org unit, by username. */
    async usersWithRoles(): Promise<Array<{ username: string; name: string; orgPath: string; roles: string[] }>> {
      const users = (await knex('users').select('id', 'username', 'name', 'org_path').orderBy('username')) as Array<{ id: string; username: string; name: string; org_path: string }>;
      const roles = (await knex('role_assignments').select('user_id', 'role', 'org_path')) as Array<{ user_id: string; role: string; org_path: string }>;
      const by = new Map<string, string[]>();
      for (const r of roles) by.set(r.user_id, [...(by.get(r.user_id) ?? []), r.role]);
      return users.map((u) => ({ username: u.username, name: u.name, orgPath: u.org_path, roles: by.get(u.id) ?? [] }));
    },
    /** Runs a spreadsheet import (dry run or all-or-nothing apply) for the caller in their scope. */
    async importSheet(kind: ImportKind, bytes: Buffer, mode: 'dry-run' | 'apply', ability: AppAbility, actor: Actor, assignments: RoleAssignment[]) {
      const orgPaths = new Set(((await knex('org_units').select('path')) as Array<{ path: string }>).map((r) => r.path));
      return runImport(kind, bytes, mode, { knex, dialect, codec: deps.codec, ability, actor, assignments, orgPaths });
    },
    /** Audits a search for a person by phone or ID number (the fields searched, never the values). */
    auditLookup: (actor: Actor, orgPath: string, detail: Record<string, unknown>) => audit(actor, orgPath, 'resident.lookup', detail),
    /** Audits an export (revealed or masked: which kind, how many rows, the purpose). */
    auditExport: (actor: Actor, orgPath: string, detail: Record<string, unknown>) => audit(actor, orgPath, 'registry.export', detail),
    /** Audits a reveal of a resident's fields with its purpose. */
    auditReveal: (actor: Actor, orgPath: string, detail: Record<string, unknown>) => audit(actor, orgPath, 'resident.reveal', detail),
    /** Runs after any write to residents or devices (listeners log their own failures). */
    async changed(): Promise<void> { for (const l of listeners) await l(); },
    onChange(l: () => Promise<unknown>): void { listeners.push(l); },
  };
}

/** The registry service's type. */
export type Registry = ReturnType<typeof createRegistry>;
