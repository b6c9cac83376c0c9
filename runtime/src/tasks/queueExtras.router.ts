/**
 * What a reviewer's queue needs beside the page itself: counts per tab (全部 / 待认领 / 已认领 /
 * 即将超时 / 已超时) in SQL over the user's scope, and which bulk actions every selected task
 * allows — from the engine's `availableActions`, the same rule that accepts the act.
 */
import { availableActions, type CaseSnapshot } from '@tongban/engine';
import { actorOf } from '../cases/createCaseCommands.ts';
import { DomainError } from '../errors/DomainError.ts';
import { defineOperation, ok, S, type Operation } from '../http/operation.ts';
import { openData } from '../pii/sealData.ts';
import type { Services } from '../services.ts';

const int = { type: 'integer', minimum: 0 };
const schemas = {
  QueueCounts: { type: 'object', additionalProperties: false, required: ['all', 'unclaimed', 'mine', 'atRisk', 'overdue'],
    properties: { all: int, unclaimed: int, mine: int, atRisk: int, overdue: int } },
  BulkOptions: {
    type: 'object', additionalProperties: false, required: ['items', 'approve', 'transfer'],
    properties: {
      approve: { type: ['string', 'null'], description: '所有选中待办都可直接通过时的决定名 The approve decision every selected task offers' },
      transfer: { type: 'boolean' },
      items: { type: 'array', items: { type: 'object', additionalProperties: false, required: ['taskId', 'approve', 'transfer'],
        properties: { taskId: { type: 'string' }, approve: { type: ['string', 'null'] }, transfer: { type: 'boolean' } } } },
    },
  },
};

const quiet = (requires: string[]) => requires.every((r) => r === 'comment');

/** Queue counts and bulk options. */
export function queueExtraOperations(s: Services): Operation[] {
  return [
    defineOperation({
      method: 'get', path: '/api/tasks/queue-counts', operationId: 'queueCounts', tag: 'tasks', responses: ok('QueueCounts'), schemas,
      summary: '队列各页签数量（辖区内） Counts per queue tab in scope', query: { definitionId: S.id, orgPath: S.orgPath },
      async handler({ ability, user, query }) {
        return { body: await s.tasks.tabCounts(ability, user.id, { definitionId: query.definitionId, orgPath: query.orgPath }, Date.now()) };
      },
    }),
    defineOperation({
      method: 'post', path: '/api/tasks/bulk-options', operationId: 'bulkOptions', tag: 'tasks', responses: ok('BulkOptions'), schemas,
      summary: '选中待办可批量执行的操作 Bulk actions every selected task allows',
      body: S.object({ taskIds: { type: 'array', minItems: 1, maxItems: 100, uniqueItems: true, items: S.id } }, ['taskIds']),
      async handler({ ability, user, body }) {
        const items = [];
        for (const taskId of body.taskIds as string[]) {
          const task = await s.tasks.getVisible(ability, taskId).catch((err) => { if (err instanceof DomainError) return undefined; throw err; });
          if (!task) { items.push({ taskId, approve: null, transfer: false }); continue; }
          const row = await s.cases.getVisible(ability, String(task.case_id)).catch(() => undefined);
          if (!row) { items.push({ taskId, approve: null, transfer: false }); continue; }
          const compiled = await s.definitions.compiledFor(row.definition_id, Number(row.definition_version));
          const snap = JSON.parse(row.snapshot) as CaseSnapshot;
          snap.context.data = openData(s.codec, snap.context.data);
          const actions = availableActions(compiled, snap, actorOf(user)).filter((a) => a.taskId === taskId);
          const kinds = new Map(((JSON.parse(String(task.spec)) as { decisions?: Array<{ name: string; kind: string }> }).decisions ?? []).map((d) => [d.name, d.kind]));
          const approve = actions.find((a) => a.kind === 'decision' && kinds.get(a.name) === 'approve' && quiet(a.requires))?.name ?? null;
          const transfer = actions.some((a) => a.kind === 'operation' && a.name === 'transfer' && quiet(a.requires));
          items.push({ taskId, approve, transfer });
        }
        const names = new Set(items.map((i) => i.approve));
        const approve = names.size === 1 ? [...names][0] ?? null : null;
        return { body: { items, approve, transfer: items.every((i) => i.transfer) } };
      },
    }),
  ];
}
