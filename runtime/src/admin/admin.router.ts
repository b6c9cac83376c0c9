/**
 * 系统管理 (issue 9): the org tree and users, for county admins in the subtrees where they hold the
 * role (a county-admin assignment at a township makes a township admin). Anyone else gets 403
 * before any lookup; a unit or user outside the admin's subtrees is 404. Every change runs as one
 * audited transaction in ./orgUnits.ts or ./users.ts; `expectedVersion` on edits answers 409 with
 * the current version when someone else changed the record first.
 */
import { ForbiddenError } from '../errors/DomainError.ts';
import { created, defineOperation, ok, S, type Operation, type OpContext } from '../http/operation.ts';
import type { Services } from '../services.ts';
import { adminScopes } from './adminScope.ts';
import { adminSchemas, identityLinkBody, nameBody, orgCode, passwordBody, roleGrantBody } from './adminSchemas.ts';
import { addIdentityLink, listIdentityLinks, removeIdentityLink, type IdentityLink } from './identityLinks.ts';
import { childLevels } from './orgCodes.ts';
import { createOrgUnit, mergeGrids, moveOrgUnit, renameOrgUnit, retireOrgUnit } from './orgUnits.ts';
import { createUser, moveUser, resetPassword, setUserDisabled, setUserRoles, taskRules, updateUser } from './users.ts';
import { releaseTasks } from './releaseTasks.ts';

/** 403 unless the caller administers some subtree. */
function adminOnly(ctx: Pick<OpContext, 'user'>): void {
  if (!adminScopes(ctx.user).length) throw new ForbiddenError('authz.forbidden');
}

const codeParam = { code: orgCode };
const idParam = { id: S.id };
const version = { expectedVersion: S.version };

/** The org-tree operations. */
function orgOperations(s: Services): Operation[] {
  return [
    defineOperation({ method: 'get', path: '/api/admin/org-units', operationId: 'adminOrgTree', responses: ok('AdminOrgTree'), tag: 'admin', schemas: adminSchemas,
      summary: '组织机构树（管理，含人数与在办案件数） The org tree to administer, with counts', query: { includeRetired: { type: 'boolean' } },
      async handler(ctx) { adminOnly(ctx); return { body: { items: await s.admin.orgTree(ctx.user, ctx.query) } }; } }),
    defineOperation({ method: 'post', path: '/api/admin/org-units', operationId: 'adminCreateOrgUnit', responses: created('AdminOrgUnit'), tag: 'admin',
      summary: '新建组织机构 Create an org unit', body: S.object({ parentCode: orgCode, name: nameBody, code: orgCode, level: { type: 'string', enum: [...childLevels] } }, ['parentCode', 'name']),
      async handler(ctx) { adminOnly(ctx); return { status: 201, body: await s.admin.run(ctx.user, (tx) => createOrgUnit(tx, ctx.body)) }; } }),
    defineOperation({ method: 'patch', path: '/api/admin/org-units/{code}', operationId: 'adminRenameOrgUnit', responses: ok('AdminOrgUnit'), tag: 'admin', params: codeParam,
      summary: '重命名组织机构 Rename an org unit', body: S.object({ name: nameBody, ...version }, ['name']),
      async handler(ctx) { adminOnly(ctx); return { body: await s.admin.run(ctx.user, (tx) => renameOrgUnit(tx, ctx.params.code, ctx.body)) }; } }),
    defineOperation({ method: 'post', path: '/api/admin/org-units/{code}/move', operationId: 'adminMoveOrgUnit', responses: ok('AdminOrgMoved'), tag: 'admin', params: codeParam,
      summary: '移动组织机构（案件、待办、人员随迁） Move an org unit with its cases, tasks and people', body: S.object({ parentCode: orgCode, newCode: orgCode, ...version }, ['parentCode']),
      async handler(ctx) {
        adminOnly(ctx);
        const { moved, ...unit } = await s.admin.run(ctx.user, (tx) => moveOrgUnit(tx, ctx.params.code, ctx.body));
        return { body: { unit, moved } };
      } }),
    defineOperation({ method: 'post', path: '/api/admin/org-units/{code}/merge', operationId: 'adminMergeGrids', responses: ok('AdminOrgUnit'), tag: 'admin', params: codeParam,
      summary: '合并网格（本网格并入目标网格后撤销） Merge this grid into another', body: S.object({ intoCode: orgCode, ...version }, ['intoCode']),
      async handler(ctx) { adminOnly(ctx); return { body: await s.admin.run(ctx.user, (tx) => mergeGrids(tx, ctx.params.code, ctx.body)) }; } }),
    defineOperation({ method: 'post', path: '/api/admin/org-units/{code}/retire', operationId: 'adminRetireOrgUnit', responses: ok('AdminOrgRetired'), tag: 'admin', params: codeParam,
      summary: '撤销组织机构（在办案件须移交） Retire an org unit (open cases handed over)', body: S.object({ handToCode: orgCode, ...version }),
      async handler(ctx) {
        adminOnly(ctx);
        const { handedOver, ...unit } = await s.admin.run(ctx.user, (tx) => retireOrgUnit(tx, ctx.params.code, ctx.body));
        return { body: { unit, handedOver } };
      } }),
  ];
}

/** The user operations. */
function userOperations(s: Services): Operation[] {
  return [
    defineOperation({ method: 'get', path: '/api/admin/users', operationId: 'adminListUsers', responses: ok('AdminUserPage'), tag: 'admin',
      summary: '用户管理列表（筛选） Users to administer, filtered', query: { q: S.text(50), orgPath: S.orgPath, role: S.id, status: { type: 'string', enum: ['enabled', 'disabled'] }, cursor: S.id, limit: S.limit },
      async handler(ctx) { adminOnly(ctx); return { body: await s.admin.listUsers(ctx.user, ctx.query) }; } }),
    defineOperation({ method: 'post', path: '/api/admin/users', operationId: 'adminCreateUser', responses: created('AdminUser'), tag: 'admin',
      summary: '新建用户 Create a user', body: S.object({ id: S.id, username: S.text(64), name: nameBody, orgPath: S.orgPath, password: passwordBody, roles: { type: 'array', maxItems: 50, items: roleGrantBody }, mustChangePassword: { type: 'boolean' } }, ['username', 'name', 'orgPath']),
      async handler(ctx) { adminOnly(ctx); return { status: 201, body: await s.admin.run(ctx.user, (tx) => createUser(tx, ctx.body)) }; } }),
    defineOperation({ method: 'patch', path: '/api/admin/users/{id}', operationId: 'adminUpdateUser', responses: ok('AdminUser'), tag: 'admin', params: idParam,
      summary: '修改用户信息 Edit a user', body: S.object({ name: nameBody, ...version }, ['name']),
      async handler(ctx) { adminOnly(ctx); return { body: await s.admin.run(ctx.user, (tx) => updateUser(tx, ctx.params.id, ctx.body)) }; } }),
    defineOperation({ method: 'put', path: '/api/admin/users/{id}/roles', operationId: 'adminSetUserRoles', responses: ok('AdminUser'), tag: 'admin', params: idParam,
      summary: '设置用户角色（可设有效期） Set a user’s roles, optionally for a period', body: S.object({ roles: { type: 'array', maxItems: 50, items: roleGrantBody }, ...version }, ['roles']),
      async handler(ctx) { adminOnly(ctx); return { body: await s.admin.run(ctx.user, (tx) => setUserRoles(tx, ctx.params.id, ctx.body)) }; } }),
    defineOperation({ method: 'post', path: '/api/admin/users/{id}/status', operationId: 'adminSetUserStatus', responses: ok('AdminUser'), tag: 'admin', params: idParam,
      summary: '停用或启用用户（停用即结束其全部会话） Disable (ends every session at once) or re-enable a user', body: S.object({ disabled: { type: 'boolean' }, ...version }, ['disabled']),
      async handler(ctx) { adminOnly(ctx); return { body: await s.admin.run(ctx.user, (tx) => setUserDisabled(tx, ctx.params.id, ctx.body)) }; } }),
    defineOperation({ method: 'post', path: '/api/admin/users/{id}/reset-password', operationId: 'adminResetPassword', responses: ok('AdminPasswordReset'), tag: 'admin', params: idParam,
      summary: '重置密码（下次登录须修改） Reset a password (to be changed at next login)', body: S.object({ password: passwordBody, ...version }),
      async handler(ctx) { adminOnly(ctx); return { body: await s.admin.run(ctx.user, (tx) => resetPassword(tx, ctx.params.id, ctx.body)) }; } }),
    defineOperation({ method: 'post', path: '/api/admin/users/{id}/move', operationId: 'adminMoveUser', responses: ok('AdminUserMoved'), tag: 'admin', params: idParam,
      summary: '调动人员（在办待办随人或退回原组） Move a person to another unit; their open tasks stay or return to the group',
      body: S.object({ orgPath: S.orgPath, tasks: { type: 'string', enum: [...taskRules] }, ...version }, ['orgPath']),
      async handler(ctx) {
        adminOnly(ctx);
        const rule = ctx.body.tasks ?? s.config.workerMoveTasks;
        // one transaction: the move and the releases commit together, or neither does
        const { user, out } = await s.admin.run(ctx.user, async (tx) => {
          const { user, openTasks, offeredTasks } = await moveUser(tx, ctx.params.id, ctx.body);
          // what they hold follows the rule; the old group's unclaimed offers drop them either way
          const out = await releaseTasks(s, tx, rule === 'return-to-group' ? openTasks : [], user.id);
          await releaseTasks(s, tx, offeredTasks, user.id);
          return { user, out };
        });
        return { body: { user, tasks: rule, ...out } };
      } }),
  ];
}

/** A user's OIDC identity links (issuer + subject): list, add, remove; scoped and audited. */
function identityLinkOperations(s: Services): Operation[] {
  const links = (items: IdentityLink[]) => ({ body: { items } });
  return [
    defineOperation({ method: 'get', path: '/api/admin/users/{id}/identity-links', operationId: 'adminListIdentityLinks', responses: ok('AdminIdentityLinks'), tag: 'admin', params: idParam,
      summary: '用户的统一身份认证关联 A user’s OIDC identity links',
      async handler(ctx) { adminOnly(ctx); return links(await s.admin.run(ctx.user, (tx) => listIdentityLinks(tx, ctx.params.id))); } }),
    defineOperation({ method: 'post', path: '/api/admin/users/{id}/identity-links', operationId: 'adminAddIdentityLink', responses: ok('AdminIdentityLinks'), tag: 'admin', params: idParam,
      summary: '关联统一身份认证账号（留痕） Link an OIDC subject to a user (audited)', body: identityLinkBody,
      async handler(ctx) { adminOnly(ctx); return links(await s.admin.run(ctx.user, (tx) => addIdentityLink(tx, ctx.params.id, ctx.body))); } }),
    defineOperation({ method: 'post', path: '/api/admin/users/{id}/identity-links/remove', operationId: 'adminRemoveIdentityLink', responses: ok('AdminIdentityLinks'), tag: 'admin', params: idParam,
      summary: '解除统一身份认证关联（留痕） Unlink an OIDC subject from a user (audited)', body: identityLinkBody,
      async handler(ctx) { adminOnly(ctx); return links(await s.admin.run(ctx.user, (tx) => removeIdentityLink(tx, ctx.params.id, ctx.body))); } }),
  ];
}

/** The admin audit view: `admin.*` entries in the caller's scope. */
function auditOperations(s: Services): Operation[] {
  return [defineOperation({ method: 'get', path: '/api/admin/audit', operationId: 'adminAuditLog', responses: ok('AuditPage'), tag: 'admin',
    summary: '管理操作审计 Audit of admin changes', query: { action: { type: 'string', pattern: '^admin\\.[a-z.-]{1,60}$' }, actorId: S.id, cursor: { type: 'integer', minimum: 0 }, limit: S.limit },
    async handler(ctx) {
      adminOnly(ctx);
      return { body: await s.audit.list(ctx.ability, { action: ctx.query.action, actionPrefix: 'admin.', actorId: ctx.query.actorId, cursor: ctx.query.cursor, limit: ctx.query.limit }) };
    } })];
}

/** Every admin operation. */
export function adminOperations(s: Services): Operation[] {
  return [...orgOperations(s), ...userOperations(s), ...identityLinkOperations(s), ...auditOperations(s)];
}
