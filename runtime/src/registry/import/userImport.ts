/**
 * Users with roles from a sheet: username (the natural key), name, the org unit they work at, roles
 * by their Chinese titles (网格员、社区工作者) or ids, assigned at that unit. Re-importing adds missing
 * role assignments and never removes one (taking access away is an explicit admin act). Rows are
 * held to the API's rules (runtime/src/admin/adminScope.ts): units inside the importing admin's
 * subtree, roles not above their own rank there. A new user gets a one-time initial password, in
 * the import's answer once, to be changed at first sign-in.
 */
import { randomUUID } from 'node:crypto';
import { roleTitles } from '../../identity/roleTitles.ts';
import { orgPathOf } from '../../identity/orgPath.ts';
import { administers, mayGrant } from '../../admin/adminScope.ts';
import type { ImportPlan, KindImporter } from './importContext.ts';
import type { IdentityWriters, UserWrite } from './identityWriters.ts';

/** Roles a sheet may name, by id or by title: the shared library's, plus the administrative ones no item declares. */
function knownRoles(): Map<string, string> {
  const out = new Map<string, string>();
  for (const [id, t] of roleTitles) { out.set(id, id); out.set(t['zh-CN'], id); }
  return out;
}

const USERNAME = /^[A-Za-z0-9._-]{2,64}$/;

/** The importer over the given writers. */
export function userImporter(writers: IdentityWriters): KindImporter {
  return {
    async plan(records, problems, ctx): Promise<ImportPlan> {
      const roles = knownRoles();
      const admin = { roles: ctx.assignments };
      const usernames = records.map((r) => r.values.username).filter((x): x is string => !!x);
      const stored = new Map<string, { id: string; name: string; org_path: string }>();
      for (let i = 0; i < usernames.length; i += 500) for (const u of (await ctx.knex('users').whereIn('username', usernames.slice(i, i + 500)).select('id', 'username', 'name', 'org_path')) as Array<{ id: string; username: string; name: string; org_path: string }>) stored.set(u.username, u);
      const seen = new Set<string>();
      const inserts: UserWrite[] = [];
      const updates: UserWrite[] = [];
      let unchanged = 0;
      for (const rec of records) {
        const v = rec.values;
        if (v.username && !USERNAME.test(v.username)) problems.add(rec, 'username', 'username.invalid');
        if (v.username && seen.has(v.username)) problems.add(rec, 'username', 'username.duplicate');
        if (v.username) seen.add(v.username);
        const orgPath = v.orgCode ? orgPathOf(v.orgCode) : undefined;
        if (v.orgCode && !orgPath) problems.add(rec, 'orgCode', 'org.bad-code');
        else if (orgPath && !ctx.orgPaths.has(orgPath)) problems.add(rec, 'orgCode', 'org.unknown');
        else if (orgPath && !administers(admin, orgPath)) problems.add(rec, 'orgCode', 'org.out-of-scope');
        const named = (v.roles ?? '').split(/[、,，;；\s]+/).filter(Boolean);
        const ids = named.map((r) => roles.get(r)).filter((x): x is string => !!x);
        if (ids.length !== named.length) problems.add(rec, 'roles', 'role.unknown');
        // the API's rule: not above the admin's own rank there, only inside their subtree
        else if (orgPath && ctx.orgPaths.has(orgPath) && administers(admin, orgPath) && ids.some((role) => !mayGrant(admin, { role, orgPath }))) problems.add(rec, 'roles', 'role.above-own');
        if (problems.hasError(rec.row) || !orgPath || !v.username) continue;
        const before = stored.get(v.username);
        const u: UserWrite = { id: before?.id ?? `u-${randomUUID()}`, username: v.username, name: v.name ?? '', orgPath, roles: [...new Set(ids)].map((role) => ({ role, orgPath })), row: rec.row };
        if (!before) { inserts.push(u); continue; }
        if (!administers(admin, before.org_path)) { problems.add(rec, 'username', 'org.out-of-scope'); continue; }
        const held = new Set(((await ctx.knex('role_assignments').where({ user_id: before.id }).select('role', 'org_path')) as Array<{ role: string; org_path: string }>).map((r) => `${r.role}@${r.org_path}`));
        if (before.name === u.name && before.org_path === u.orgPath && u.roles.every((r) => held.has(`${r.role}@${r.orgPath}`))) unchanged++;
        else updates.push(u);
      }
      return {
        created: inserts.length, updated: updates.length, unchanged, orgPaths: [...new Set([...inserts, ...updates].map((u) => u.orgPath))],
        async write(trx) {
          const issued = await writers.insertUsers(trx, inserts, Date.now());
          for (const u of updates) await writers.updateUser(trx, u);
          return issued;
        },
      };
    },
  };
}
