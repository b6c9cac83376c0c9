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
  return [defineOperation({
    method: 'get', path: '/api/org-units/{code}/users', operationId: 'orgMembers', tag: 'org', responses: ok('OrgMemberList'), schemas,
    summary: '组织机构人员（选人） People of an org unit, for pickers', params: { code: { type: 'string', pattern: '^[0-9]{6,15}$' } },
    async handler({ user, params }) {
      const path = orgPathOf(params.code);
      if (!path || !user.roles.some((r) => isUnder(path, r.orgPath)) || !(await s.identity.getOrg(path))) throw new NotFoundError('org.not-found');
      return { body: { items: await s.identity.membersOf(path) } };
    },
  })];
}
