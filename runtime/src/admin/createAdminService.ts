/**
 * The admin service the routers call: runs a service function of ./orgUnits.ts or ./users.ts in
 * one transaction, then drops what other requests cached about people and the org tree (the
 * principal cache, the engine's directory), and answers the admin screens' reads — the tree with
 * counts, the users list with filters, admin audit entries — with scope in SQL.
 */
import type { Knex } from 'knex';
import type { Db } from '../store/createDb.ts';
import type { PrincipalCache } from '../identity/createPrincipalCache.ts';
import type { RunOptionsSource } from '../cases/createRunOptions.ts';
import type { UserRecord } from '../identity/KnexIdentityStore.ts';
import { isUnder } from '../identity/orgPath.ts';
import { scheduleSeal } from '../audit/auditStaging.ts';
import { adminScopes } from './adminScope.ts';
import type { AdminTx } from './adminTx.ts';
import { grantActive, type AdminUser } from './users.ts';

/** One unit of the admin's tree, with subtree counts (enabled users by home org, open cases). */
export interface OrgTreeNode { path: string; code: string; name: string; level: string; parentPath: string | null; version: number; retiredAt: number | null; users: number; openCases: number }

/** Filters of the users list. */
export interface UserFilter { q?: string; orgPath?: string; role?: string; status?: 'enabled' | 'disabled'; cursor?: string; limit: number }

function under(column: string, paths: string[]) {
  return (w: Knex.QueryBuilder) => {
    if (!paths.length) void w.whereRaw('1 = 0');
    for (const p of paths) void w.orWhere(column, p).orWhere(column, 'like', `${p}/%`);
  };
}

/** Creates the admin service. */
export function createAdminService(deps: { db: Db; principals: PrincipalCache; runOptions: RunOptionsSource }) {
  const knex = deps.db.knex;
  return {
    /** Runs `fn` in one transaction as `actor`; after commit, caches of people and the tree are dropped. */
    async run<T>(actor: UserRecord, fn: (tx: AdminTx) => Promise<T>): Promise<T> {
      try {
        // on the command pool: a worker's move releases their tasks through case commands joined to this transaction
        const out = await (deps.db.commandKnex ?? knex).transaction((trx) => fn({ trx, dialect: deps.db.dialect, actor, now: Date.now() }));
        // commands joined to the transaction staged their audit entries (MySQL): chain them now it has committed
        if (deps.db.dialect === 'mysql') scheduleSeal(knex);
        return out;
      } finally {
        deps.principals.invalidate();
        deps.runOptions.invalidate();
      }
    },

    /** The units of the admin's subtrees with subtree counts. */
    async orgTree(actor: UserRecord, opts: { includeRetired?: boolean } = {}): Promise<OrgTreeNode[]> {
      const scopes = adminScopes(actor);
      const q = knex('org_units').where(under('path', scopes)).orderBy('path');
      if (!opts.includeRetired) q.whereNull('retired_at');
      const units = (await q) as Array<{ path: string; code: string; name: string; level: string; parent_path: string | null; version: number; retired_at: number | null }>;
      const users = (await knex('users').where(under('org_path', scopes)).where({ disabled: false }).groupBy('org_path').select('org_path').count({ n: '*' })) as Array<{ org_path: string; n: number | string }>;
      const cases = (await knex('cases').where(under('org_path', scopes)).where({ status: 'active' }).groupBy('org_path').select('org_path').count({ n: '*' })) as Array<{ org_path: string; n: number | string }>;
      const total = (rows: Array<{ org_path: string; n: number | string }>, path: string) => rows.reduce((sum, r) => sum + (isUnder(r.org_path, path) ? Number(r.n) : 0), 0);
      return units.map((u) => ({ path: u.path, code: u.code, name: u.name, level: u.level, parentPath: u.parent_path, version: Number(u.version), retiredAt: u.retired_at === null ? null : Number(u.retired_at),
        users: total(users, u.path), openCases: total(cases, u.path) }));
    },

    /** Users whose home org lies in the admin's subtrees, filtered, keyset-paged by id, with every grant (active or not). */
    async listUsers(actor: UserRecord, f: UserFilter): Promise<{ items: AdminUser[]; nextCursor: string | null }> {
      const q = knex('users').where(under('org_path', adminScopes(actor))).orderBy('id').limit(f.limit);
      if (f.cursor) q.where('id', '>', f.cursor);
      if (f.orgPath) q.where(under('org_path', [f.orgPath]));
      if (f.status) q.where({ disabled: f.status === 'disabled' });
      if (f.q) q.where((w) => w.where('name', 'like', `%${f.q}%`).orWhere('username', 'like', `%${f.q}%`));
      if (f.role) q.whereIn('id', knex('role_assignments').where({ role: f.role }).select('user_id'));
      const rows = (await q) as Array<{ id: string; username: string; name: string; org_path: string; disabled: number | boolean; must_change_password: number | boolean; version: number }>;
      const grants = rows.length ? ((await knex('role_assignments').whereIn('user_id', rows.map((r) => r.id)).orderBy('id')) as Array<{ user_id: string; role: string; org_path: string; valid_from: number | null; valid_until: number | null }>) : [];
      const now = Date.now();
      const items = rows.map((r) => ({
        id: r.id, username: r.username, name: r.name, orgPath: r.org_path, disabled: !!r.disabled, mustChangePassword: !!r.must_change_password, version: Number(r.version),
        roles: grants.filter((g) => g.user_id === r.id).map((g) => {
          const grant = { role: g.role, orgPath: g.org_path, validFrom: g.valid_from === null ? null : Number(g.valid_from), validUntil: g.valid_until === null ? null : Number(g.valid_until) };
          return { ...grant, active: grantActive(grant, now) };
        }),
      }));
      return { items, nextCursor: items.length === f.limit ? items[items.length - 1]!.id : null };
    },
  };
}

/** The admin service type. */
export type AdminService = ReturnType<typeof createAdminService>;
