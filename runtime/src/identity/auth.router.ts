/** Login, the current user, org units and users (scoped). */
import { NotFoundError, RateLimitedError, RefusedError } from '../errors/DomainError.ts';
import { ok, defineOperation, S, type Operation } from '../http/operation.ts';
import { isUnder, orgPathOf } from './orgPath.ts';
import type { Services } from '../services.ts';
import { publicUser, type UserRecord } from './KnexIdentityStore.ts';
import { isStaffRole } from '../authz/defineAbilities.ts';

/** The org units whose users a user may see: those of their staff assignments. */
function staffScopes(user: UserRecord): string[] {
  return [...new Set(user.roles.filter((r) => isStaffRole(r.role)).map((r) => r.orgPath))];
}

/** Operations of the identity area. */
export function authOperations(s: Services): Operation[] {
  return [
    defineOperation({
      method: 'post', path: '/api/auth/login', operationId: 'login', responses: ok('LoginResult'), tag: 'auth', auth: false, summary: '登录 Password login',
      body: S.object({ username: S.text(64), password: S.text(200) }, ['username', 'password']),
      async handler({ req, body }) {
        const ip = req.ip ?? 'unknown';
        if (!(await s.rateLimits.hit(`login:${ip}`, 60_000, 30))) throw new RateLimitedError('auth.rate-limited', { retryAfterSeconds: 60 });
        const out = await s.login.login(body.username, body.password, ip);
        return { body: out };
      },
    }),
    defineOperation({
      method: 'post', path: '/api/auth/logout', operationId: 'logout', responses: ok('Done'), tag: 'auth', summary: '退出登录（结束本人全部会话） Log out: ends every session of the user',
      async handler({ user }) {
        await s.identity.revokeSessions(user.id);
        return { body: { ok: true } };
      },
    }),
    defineOperation({
      method: 'post', path: '/api/me/password', operationId: 'changePassword', responses: ok('Done'), tag: 'auth', summary: '修改本人密码（结束全部会话） Change my password: ends every session',
      body: S.object({ current: S.text(200), next: { type: 'string', minLength: 8, maxLength: 200 } }, ['current', 'next']),
      async handler({ req, user, body }) {
        if (!/[A-Za-z]/.test(body.next) || !/[0-9]/.test(body.next) || body.next === body.current) throw new RefusedError('auth.weak-password');
        await s.login.changePassword(user.id, body.current, body.next, req.ip ?? 'unknown');
        return { body: { ok: true } };
      },
    }),
    defineOperation({
      method: 'get', path: '/api/me', operationId: 'me', responses: ok('User'), tag: 'auth', summary: '当前用户 The current user',
      async handler({ user }) { return { body: publicUser(user) }; },
    }),
    defineOperation({
      method: 'get', path: '/api/org-units', operationId: 'listOrgUnits', responses: ok('OrgUnitList'), tag: 'org', summary: '组织机构（本人辖区） Org units in scope',
      query: { under: S.orgPath },
      async handler({ user, query }) {
        const roots = [...new Set(user.roles.map((r) => r.orgPath))];
        const all = (await Promise.all(roots.map((r) => s.identity.listOrgs(r)))).flat();
        const items = [...new Map(all.map((o) => [o.path, o])).values()].filter((o) => !query.under || isUnder(o.path, query.under)).sort((a, b) => a.path.localeCompare(b.path));
        return { body: { items } };
      },
    }),
    defineOperation({
      method: 'get', path: '/api/org-units/{code}', operationId: 'getOrgUnit', responses: ok('OrgUnit'), tag: 'org', summary: '组织机构 An org unit',
      params: { code: { type: 'string', pattern: '^[0-9]{6,15}$' } },
      async handler({ user, params }) {
        const path = orgPathOf(params.code);
        const org = path ? await s.identity.getOrg(path) : undefined;
        if (!org || !user.roles.some((r) => isUnder(org.path, r.orgPath))) throw new NotFoundError('org.not-found');
        return { body: org };
      },
    }),
    defineOperation({
      method: 'get', path: '/api/users', operationId: 'listUsers', responses: ok('UserPage'), tag: 'org', summary: '用户（本人辖区） Users in scope',
      query: { cursor: S.id, limit: S.limit },
      async handler({ user, query }) {
        // staff assignments only: residents, volunteers and providers list no one
        const items = await s.identity.listUsers(staffScopes(user), query.cursor, query.limit);
        return { body: { items: items.map(publicUser), nextCursor: items.length === query.limit ? items[items.length - 1]!.id : null } };
      },
    }),
    defineOperation({
      method: 'get', path: '/api/users/{id}', operationId: 'getUser', responses: ok('User'), tag: 'org', summary: '用户 A user',
      params: { id: S.id },
      async handler({ user, params }) {
        const u = await s.identity.getUser(params.id);
        if (!u || !(u.id === user.id || staffScopes(user).some((p) => isUnder(u.orgPath, p)))) throw new NotFoundError('user.not-found');
        return { body: publicUser(u) };
      },
    }),
  ];
}
