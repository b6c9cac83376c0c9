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
      return { body: { caseId: params.id, ...(await s.caseRecords.links(params.id)) } };
    },
  })];
}
