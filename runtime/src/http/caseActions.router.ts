/** `GET /api/cases/{id}/actions`: the engine's `availableActions` for the caller — the buttons the workbench shows. */
import { availableActions, type CaseSnapshot } from '@tongban/engine';
import { actorOf } from '../cases/createCaseCommands.ts';
import { openData } from '../pii/sealData.ts';
import type { Services } from '../services.ts';
import { defineOperation, ok, S, type Operation } from './operation.ts';

/** The case-actions operation. */
export function caseActionOperations(s: Services): Operation[] {
  return [defineOperation({
    method: 'get', path: '/api/cases/{id}/actions', operationId: 'caseActions', responses: ok('CaseActions'), tag: 'cases', summary: '当前可执行的操作 What the caller may do on the case now',
    params: { id: S.id },
    async handler({ ability, user, params }) {
      const row = await s.cases.getVisible(ability, params.id);
      const compiled = await s.definitions.compiledFor(row.definition_id, Number(row.definition_version));
      const snap = JSON.parse(row.snapshot) as CaseSnapshot;
      // The engine may read data in guards; give it the opened values, as the command path does.
      snap.context.data = openData(s.codec, snap.context.data);
      return { body: { caseId: row.id, version: Number(row.version), items: availableActions(compiled, snap, actorOf(user)) } };
    },
  })];
}
