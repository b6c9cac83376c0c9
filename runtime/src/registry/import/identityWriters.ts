/**
 * How an import writes org units and users: a small interface with plain insert/update functions
 * owned here. Issue 9's org and user administration (runtime/src/admin/orgUnits.ts, users.ts:
 * `createOrgUnit`, `createUser`) is built beside this; when both are in one branch these writers
 * should call those services, so the rules of creating a unit or a user live in one place.
 */
import type { Knex } from 'knex';
import { depthOfPath, orgLevelNames } from '../../identity/orgPath.ts';

/** An org unit to write. */
export interface OrgUnitWrite { path: string; code: string; name: string }
/** A user to write, with the role assignments to add. */
export interface UserWrite { id: string; username: string; name: string; orgPath: string; roles: Array<{ role: string; orgPath: string }> }

/** The writers an import uses (inside the import's transaction). */
export interface IdentityWriters {
  insertOrgUnits(trx: Knex.Transaction, units: OrgUnitWrite[]): Promise<void>;
  renameOrgUnit(trx: Knex.Transaction, path: string, name: string): Promise<void>;
  insertUsers(trx: Knex.Transaction, users: UserWrite[], at: number): Promise<void>;
  updateUser(trx: Knex.Transaction, user: UserWrite): Promise<void>;
}

/** Plain knex writers. New users get no password: an admin sets one (they cannot sign in before). */
export const knexIdentityWriters: IdentityWriters = {
  async insertOrgUnits(trx, units) {
    const rows = units.map((u) => ({ path: u.path, code: u.code, name: u.name, level: orgLevelNames[depthOfPath(u.path) - 1] ?? 'grid', parent_path: u.path.split('/').slice(0, -1).join('/') || null }));
    for (let i = 0; i < rows.length; i += 100) await trx('org_units').insert(rows.slice(i, i + 100));
  },
  async renameOrgUnit(trx, path, name) { await trx('org_units').where({ path }).update({ name }); },
  async insertUsers(trx, users, at) {
    for (let i = 0; i < users.length; i += 100) await trx('users').insert(users.slice(i, i + 100).map((u) => ({ id: u.id, username: u.username, name: u.name, org_path: u.orgPath, password_hash: null, created_at: at })));
    const roles = users.flatMap((u) => u.roles.map((r) => ({ user_id: u.id, role: r.role, org_path: r.orgPath })));
    for (let i = 0; i < roles.length; i += 100) await trx('role_assignments').insert(roles.slice(i, i + 100));
  },
  async updateUser(trx, u) {
    await trx('users').where({ id: u.id }).update({ name: u.name, org_path: u.orgPath });
    const have = new Set(((await trx('role_assignments').where({ user_id: u.id }).select('role', 'org_path')) as Array<{ role: string; org_path: string }>).map((r) => `${r.role}@${r.org_path}`));
    const add = u.roles.filter((r) => !have.has(`${r.role}@${r.orgPath}`)).map((r) => ({ user_id: u.id, role: r.role, org_path: r.orgPath }));
    if (add.length) await trx('role_assignments').insert(add);
  },
};
