/**
 * How an import writes org units and users: a small interface with plain insert/update functions
 * owned here. Issue 9's org and user administration (runtime/src/admin/orgUnits.ts, users.ts:
 * `createOrgUnit`, `createUser`) is built beside this; when both are in one branch these writers
 * should call those services, so the rules of creating a unit or a user live in one place.
 */
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { hashPassword } from '../../identity/passwords.ts';
import type { InitialPassword } from './importReport.ts';
import { depthOfPath, orgLevelNames } from '../../identity/orgPath.ts';

/** An org unit to write. */
export interface OrgUnitWrite { path: string; code: string; name: string }
/** A user to write, with the role assignments to add (`row`: the sheet row, for the initial password's line). */
export interface UserWrite { id: string; username: string; name: string; orgPath: string; roles: Array<{ role: string; orgPath: string }>; row?: number }

/** The writers an import uses (inside the import's transaction). */
export interface IdentityWriters {
  insertOrgUnits(trx: Knex.Transaction, units: OrgUnitWrite[]): Promise<void>;
  renameOrgUnit(trx: Knex.Transaction, path: string, name: string): Promise<void>;
  /** Inserts new users, each with a one-time initial password to change at first sign-in; answers those passwords. */
  insertUsers(trx: Knex.Transaction, users: UserWrite[], at: number): Promise<InitialPassword[]>;
  updateUser(trx: Knex.Transaction, user: UserWrite): Promise<void>;
}

/**
 * A one-time initial password: 12 characters with letters and a digit (passes the password rule),
 * without look-alikes (0/O, 1/l/I) so it can be read out over the phone.
 */
export function initialPassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(11);
  return `Tb${[...bytes.subarray(0, 9)].map((b) => alphabet[b % alphabet.length]).join('')}${2 + (bytes[9]! % 8)}`;
}

/** Plain knex writers. New users get an initial password they must change at first sign-in (`must_change_password`). */
export const knexIdentityWriters: IdentityWriters = {
  async insertOrgUnits(trx, units) {
    const rows = units.map((u) => ({ path: u.path, code: u.code, name: u.name, level: orgLevelNames[depthOfPath(u.path) - 1] ?? 'grid', parent_path: u.path.split('/').slice(0, -1).join('/') || null }));
    for (let i = 0; i < rows.length; i += 100) await trx('org_units').insert(rows.slice(i, i + 100));
  },
  async renameOrgUnit(trx, path, name) { await trx('org_units').where({ path }).update({ name }); },
  async insertUsers(trx, users, at) {
    const issued = users.map((u) => ({ row: u.row ?? 0, username: u.username, password: initialPassword() }));
    const hashes = await Promise.all(issued.map((p) => hashPassword(p.password)));
    for (let i = 0; i < users.length; i += 100) await trx('users').insert(users.slice(i, i + 100).map((u, j) => ({ id: u.id, username: u.username, name: u.name, org_path: u.orgPath, password_hash: hashes[i + j], must_change_password: true, created_at: at })));
    const roles = users.flatMap((u) => u.roles.map((r) => ({ user_id: u.id, role: r.role, org_path: r.orgPath })));
    for (let i = 0; i < roles.length; i += 100) await trx('role_assignments').insert(roles.slice(i, i + 100));
    return issued;
  },
  async updateUser(trx, u) {
    await trx('users').where({ id: u.id }).update({ name: u.name, org_path: u.orgPath });
    const have = new Set(((await trx('role_assignments').where({ user_id: u.id }).select('role', 'org_path')) as Array<{ role: string; org_path: string }>).map((r) => `${r.role}@${r.org_path}`));
    const add = u.roles.filter((r) => !have.has(`${r.role}@${r.orgPath}`)).map((r) => ({ user_id: u.id, role: r.role, org_path: r.orgPath }));
    if (add.length) await trx('role_assignments').insert(add);
  },
};
