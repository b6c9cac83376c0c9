/** The org tree, users and role assignments in the store. */
import type { Knex } from 'knex';
import { levelNameOf } from './orgPath.ts';

/** An org unit. */
export interface OrgUnit { path: string; code: string; name: string; level: string; parentPath: string | null }
/** A role held at an org unit. */
export interface RoleAssignment { role: string; orgPath: string }
/** A user with their role assignments (never the password hash outside this module). */
export interface UserRecord { id: string; username: string; name: string; orgPath: string; disabled: boolean; roles: RoleAssignment[]; /** bumped to end every session of the user (tokens carry the epoch they were issued at) */ tokenEpoch?: number; /** an admin set the password: only a password change is allowed until the user sets their own */ mustChangePassword?: boolean }
/** A user as the API shows it: never the session epoch or credentials. */
export type PublicUser = Omit<UserRecord, 'tokenEpoch' | 'mustChangePassword'>;

/** The API's view of a user. */
export function publicUser(u: UserRecord): PublicUser {
  const { tokenEpoch: _epoch, mustChangePassword: _must, ...rest } = u;
  return rest;
}

/** A user row for login, with the credentials state. */
export interface LoginRecord extends UserRecord { passwordHash: string | null }

interface UserRow { id: string; username: string; name: string; org_path: string; disabled: number | boolean; password_hash: string | null; token_epoch: number | string; must_change_password?: number | boolean }

/** Role assignments that count now: inside their validity period (an acting reviewer's ends by itself). */
function activeAt<Q extends Knex.QueryBuilder>(q: Q, now: number): Q {
  return q.where((w) => w.whereNull('valid_from').orWhere('valid_from', '<=', now)).where((w) => w.whereNull('valid_until').orWhere('valid_until', '>', now)) as Q;
}

/** Reads and writes identity data. */
export class KnexIdentityStore {
  private readonly listeners: Array<(userId: string) => void> = [];
  constructor(private readonly knex: Knex) {}

  /** Called with a user id after this store changed that user (caches drop their entry at once). */
  onUserChanged(listener: (userId: string) => void): void {
    this.listeners.push(listener);
  }

  private changed(userId: string): void {
    for (const l of this.listeners) l(userId);
  }

  /** Inserts or replaces org units (idempotent for seeding). */
  async upsertOrgs(orgs: Array<{ path: string; name: string; level?: string }>): Promise<void> {
    for (const o of orgs) {
      const code = o.path.split('/').pop()!;
      const row = { path: o.path, code, name: o.name, level: o.level ?? levelNameOf(o.path), parent_path: parentOf(o.path) };
      await this.knex('org_units').insert(row).onConflict('path').merge();
    }
  }

  /** Live org units under (and including) a path, ordered by path (retired ones are history only). */
  async listOrgs(under?: string): Promise<OrgUnit[]> {
    const q = this.knex('org_units').whereNull('retired_at').orderBy('path');
    if (under) q.where((w) => w.where('path', under).orWhere('path', 'like', under + '/%'));
    return (await q).map(toOrg);
  }

  /** The active people of one org unit (home org or a role held there), with the roles they hold there; at most 500, by id. */
  async membersOf(path: string): Promise<Array<{ id: string; name: string; orgPath: string; roles: string[] }>> {
    const held = (await this.knex('role_assignments').where({ org_path: path }).select('user_id', 'role')) as Array<{ user_id: string; role: string }>;
    const users = (await this.knex('users').where((w) => w.where({ org_path: path }).orWhereIn('id', held.map((h) => h.user_id))).where({ disabled: false })
      .orderBy('id').limit(500).select('id', 'name', 'org_path')) as Array<{ id: string; name: string; org_path: string }>;
    const roles = new Map<string, string[]>();
    for (const h of held) roles.set(h.user_id, [...(roles.get(h.user_id) ?? []), h.role]);
    return users.map((u) => ({ id: u.id, name: u.name, orgPath: u.org_path, roles: roles.get(u.id) ?? [] }));
  }

  async getOrg(path: string): Promise<OrgUnit | undefined> {
    const row = await this.knex('org_units').where({ path }).whereNull('retired_at').first();
    return row ? toOrg(row) : undefined;
  }

  /** Creates or replaces a user and their role assignments. */
  async upsertUser(u: { id: string; username: string; name: string; orgPath: string; passwordHash?: string | null; roles: RoleAssignment[]; disabled?: boolean }, now = Date.now()): Promise<void> {
    await this.knex.transaction(async (trx) => {
      const row = { id: u.id, username: u.username, name: u.name, org_path: u.orgPath, password_hash: u.passwordHash ?? null, disabled: !!u.disabled, created_at: now };
      await trx('users').insert(row).onConflict('id').merge(['username', 'name', 'org_path', 'password_hash', 'disabled']);
      await trx('role_assignments').where({ user_id: u.id }).delete();
      if (u.roles.length) await trx('role_assignments').insert(u.roles.map((r) => ({ user_id: u.id, role: r.role, org_path: r.orgPath })));
    });
    this.changed(u.id);
  }

  async getUser(id: string): Promise<UserRecord | undefined> {
    const row = (await this.knex('users').where({ id }).first()) as UserRow | undefined;
    return row ? this.withRoles(row) : undefined;
  }

  async getLogin(username: string): Promise<LoginRecord | undefined> {
    const row = (await this.knex('users').where({ username }).first()) as UserRow | undefined;
    if (!row) return undefined;
    const user = await this.withRoles(row);
    return { ...user, passwordHash: row.password_hash };
  }

  /** The user an external identity (an OIDC subject of `provider`) is linked to. */
  async linkedUser(provider: string, subject: string): Promise<string | undefined> {
    if (!subject) return undefined;
    const row = (await this.knex('identity_links').where({ provider, subject }).first('user_id')) as { user_id: string } | undefined;
    return row?.user_id;
  }

  /** Links an external identity to a user (replacing an earlier link of that subject). */
  async linkIdentity(provider: string, subject: string, userId: string): Promise<void> {
    await this.knex('identity_links').insert({ provider, subject, user_id: userId }).onConflict(['provider', 'subject']).merge(['user_id']);
  }

  /** Ends every session of a user at once (tokens issued before no longer pass). */
  async revokeSessions(id: string): Promise<void> {
    await this.knex('users').where({ id }).increment('token_epoch', 1);
    this.changed(id);
  }

  /** Sets a new password hash and ends the user's sessions. */
  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.knex('users').where({ id }).update({ password_hash: passwordHash, must_change_password: false, token_epoch: this.knex.raw('token_epoch + 1') });
    this.changed(id);
  }

  /** Disables or re-enables a user; either way their current sessions end. */
  async setDisabled(id: string, disabled: boolean): Promise<void> {
    await this.knex('users').where({ id }).update({ disabled, token_epoch: this.knex.raw('token_epoch + 1') });
    this.changed(id);
  }

  /** Users whose home org lies under a path, keyset-paged by id. */
  async listUsers(under: string[] | 'all', after: string | undefined, limit: number): Promise<UserRecord[]> {
    const q = this.knex('users').orderBy('id').limit(limit);
    if (after) q.where('id', '>', after);
    if (under !== 'all') {
      q.where((w) => {
        if (!under.length) w.whereRaw('1 = 0');
        for (const p of under) w.orWhere('org_path', p).orWhere('org_path', 'like', p + '/%');
      });
    }
    const rows = (await q) as UserRow[];
    return Promise.all(rows.map((r) => this.withRoles(r)));
  }

  /** Everything the engine's Directory needs, in one read. */
  async directoryData(db: Knex = this.knex): Promise<{ orgs: Array<{ path: string; name: string }>; users: Array<{ id: string; name: string; disabled: boolean; roles: RoleAssignment[] }> }> {
    // one after another: `db` may be a transaction (one connection)
    // a retired unit takes no new cases (cases check the directory) and is no one's group any more
    const orgs = await db('org_units').whereNull('retired_at').select('path', 'name');
    const users = await db('users').select('id', 'name', 'disabled');
    const roles = await activeAt(db('role_assignments'), Date.now()).select('user_id', 'role', 'org_path');
    const byUser = new Map<string, RoleAssignment[]>();
    for (const r of roles as Array<{ user_id: string; role: string; org_path: string }>) {
      const list = byUser.get(r.user_id) ?? [];
      list.push({ role: r.role, orgPath: r.org_path });
      byUser.set(r.user_id, list);
    }
    return {
      orgs: orgs as Array<{ path: string; name: string }>,
      users: (users as Array<{ id: string; name: string; disabled: number | boolean }>).map((u) => ({ id: u.id, name: u.name, disabled: !!u.disabled, roles: byUser.get(u.id) ?? [] })),
    };
  }

  private async withRoles(row: UserRow): Promise<UserRecord> {
    const roles = (await activeAt(this.knex('role_assignments').where({ user_id: row.id }), Date.now()).orderBy('id')) as Array<{ role: string; org_path: string }>;
    return { id: row.id, username: row.username, name: row.name, orgPath: row.org_path, disabled: !!row.disabled, roles: roles.map((r) => ({ role: r.role, orgPath: r.org_path })), tokenEpoch: Number(row.token_epoch ?? 0), mustChangePassword: !!row.must_change_password };
  }
}

function parentOf(path: string): string | null {
  const i = path.lastIndexOf('/');
  return i > 0 ? path.slice(0, i) : null;
}

function toOrg(row: { path: string; code: string; name: string; level: string; parent_path: string | null }): OrgUnit {
  return { path: row.path, code: row.code, name: row.name, level: row.level, parentPath: row.parent_path };
}
