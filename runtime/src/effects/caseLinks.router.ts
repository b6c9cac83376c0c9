/** Parent and child cases, both ways: the case a sub-case was spawned by, and the sub-cases it spawned with their outcome. */
import { defineOperation, ok, S, type Operation } from '../http/operation.ts';
import type { Services } from '../services.ts';

/** The link operations. */
export function caseLinkOperations(s: Services): Operation[] {
  return [defineOperation({
    method: 'get', path: '/api/cases/{id}/links', operationId: 'caseLinks', tag: 'cases', responses: ok('CaseLinks'), summary: '父案件与子案件 Parent and sub-cases',
    params: { id: S.id },
    async handler({ ability, params }) {
      await s.cases.getVisible(ability, params.id); // 404 outside scope
      const k = s.db.knex;
      const parent = (await k('case_links as l').join('cases as c', 'c.id', 'l.parent_case_id').where('l.child_case_id', params.id)
        .first('l.parent_case_id as id', 'c.ref', 'c.definition_id as definitionId', 'c.state', 'c.status', 'l.child_key as childKey')) as Record<string, unknown> | undefined;
      const children = (await k('case_links as l').join('cases as c', 'c.id', 'l.child_case_id').where('l.parent_case_id', params.id).orderBy('l.created_at')
        .select('l.child_case_id as id', 'c.ref', 'l.definition_id as definitionId', 'c.state', 'c.status', 'l.child_key as childKey', 'l.status as link', 'l.outcome', 'l.spawned_by as spawnedBy')) as Array<Record<string, unknown>>;
      return { body: { caseId: params.id, parent: parent ?? null, children } };
    },
  })];
}
