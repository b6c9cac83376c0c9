/**
 * `GET /api/org-units/{code}/users`: the people of one org unit (home org or a role held there), for
 * the org-tree picker of 转办 / 委派 / 加签 / 抄送. Only units in the caller's scope are listed; the
 * engine still decides whether the chosen person may take the task.
 */
import { NotFoundError } from '../errors/DomainError.ts';
import { defineOperation, ok, type Operation } from '../http/operation.ts';
import type { Services } from '../services.ts';
import { isUnder, orgPathOf } from './orgPath.ts';

const member = { type: 'object', additionalProperties: false, required: ['id', 'name', 'orgPath', 'roles'],
  properties: { id: { type: 'string' }, name: { type: 'string' }, orgPath: { type: 'string' }, roles: { type: 'array', items: { type: 'string' } } } };
const schemas = { OrgMemberList: { type: 'object', additionalProperties: false, required: ['items'], properties: { items: { type: 'array', items: member } } } };

/** The org-members operation. */
export function orgMemberOperations(s: Services): Operation[] {
  const knex = s.db.knex;
  return [defineOperation({
    method: 'get', path: '/api/org-units/{code}/users', operationId: 'orgMembers', tag: 'org', responses: ok('OrgMemberList'), schemas,
    summary: '组织机构人员（选人） People of an org unit, for pickers', params: { code: { type: 'string', pattern: '^[0-9]{6,15}$' } },
    async handler({ user, params }) {
      const path = orgPathOf(params.code);
      if (!path || !user.roles.some((r) => isUnder(path, r.orgPath)) || !(await s.identity.getOrg(path))) throw new NotFoundError('org.not-found');
      const held = (await knex('role_assignments').where({ org_path: path }).select('user_id', 'role')) as Array<{ user_id: string; role: string }>;
      const users = (await knex('users').where((w) => w.where({ org_path: path }).orWhereIn('id', held.map((h) => h.user_id))).where({ disabled: false })
        .orderBy('id').limit(500).select('id', 'name', 'org_path')) as Array<{ id: string; name: string; org_path: string }>;
      const roles = new Map<string, string[]>();
      for (const h of held) roles.set(h.user_id, [...(roles.get(h.user_id) ?? []), h.role]);
      return { body: { items: users.map((u) => ({ id: u.id, name: u.name, orgPath: u.org_path, roles: roles.get(u.id) ?? [] })) } };
    },
  })];
}
