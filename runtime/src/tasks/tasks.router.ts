/** Human tasks: queues, counts, claim/unclaim, complete, 转办/委派/加签/减签/撤回/催办/抄送, drafts, bulk. */
import { ConflictError, DomainError, ForbiddenError, NotFoundError, RateLimitedError } from '../errors/DomainError.ts';
import { statusOf } from '../http/httpErrors.ts';
import { defineOperation, ok, S, type Operation, type OpContext } from '../http/operation.ts';
import type { Services } from '../services.ts';
import { toTaskSummary } from './KnexTaskQueries.ts';
import { checkCopyTargets, mayUrge, stepSpecOf, type TaskRow } from './taskRules.ts';
import { caseIdOfTask, taskSubject } from './taskSubject.ts';
import type { CommandHooks } from '../cases/createCaseCommands.ts';
import { openData, sealData } from '../pii/sealData.ts';
import { piiFieldsOf } from '../pii/piiFields.ts';
import { viewData } from '../pii/viewPolicy.ts';
import { checkPhotoRefs } from '../attachments/checkPhotoRefs.ts';

/**
 * 抄送 names users the engine does not check (a copy hands no work over): the runtime keeps them to
 * staff the case concerns. 转办 / 委派 / 加签 targets are the engine's to decide, on the step's rules.
 */
const naming = new Set(['copy']);

/** True when the user holds the task row: its assignee, or (unassigned) a named candidate or a member of its group. */
function holds(task: Record<string, unknown>, user: { id: string; roles: Array<{ role: string; orgPath: string }> }): boolean {
  if (task.assignee) return task.assignee === user.id;
  const candidates = JSON.parse(String(task.candidates ?? '[]')) as string[];
  return candidates.includes(user.id) || user.roles.some((r) => r.role === task.group_role && r.orgPath === task.group_org);
}

const users = { type: 'array', items: S.id, minItems: 1, maxItems: 20 };
const actBody = (extra: Record<string, object> = {}, required: string[] = []): Record<string, unknown> =>
  S.object({ comment: S.text(2000), expectedVersion: S.version, ...extra }, required);
const queueQuery = {
  definitionId: S.id, status: { type: 'string', enum: ['pending', 'waiting', 'delegated', 'done', 'cancelled', 'open'] },
  dueBefore: { type: 'integer', minimum: 0 }, dueAfter: { type: 'integer', minimum: 0 }, overdue: { type: 'boolean' },
  orgPath: S.orgPath, assigned: { type: 'string', enum: ['me', 'unassigned', 'any'] }, sort: { type: 'string', enum: ['due', 'priority'] },
  sla: { type: 'string', enum: ['on-track', 'at-risk', 'overdue', 'none'] },
  cursor: S.cursor, limit: S.limit,
};

/** Operations on tasks. */
export function taskOperations(s: Services): Operation[] {
  /** Runs one task action through the command path after the scope check (404 outside scope). */
  async function act(ctx: OpContext, taskId: string, action: string, extra: Record<string, unknown> = {}, expectedVersion?: number, visible?: Record<string, unknown>) {
    const task = visible ?? await s.tasks.getVisible(ctx.ability, taskId);
    // the engine decides who may act; targets are checked only for a caller who holds the task, so
    // anyone else still gets the engine's "not the assignee" rather than a verdict on the target
    if (naming.has(action) && Array.isArray(extra.users) && holds(task, ctx.user)) await checkCopyTargets(s.identity, task as unknown as TaskRow, extra.users as string[]);
    const out = await s.commands.act(ctx.user, String(task.case_id), { type: 'task.act', taskId, action, ...extra } as never, expectedVersion);
    return { caseId: String(task.case_id), version: out.version };
  }

  /** The definition id and version a task row's case runs. */
  async function definitionOf(task: Record<string, unknown>): Promise<[string, number]> {
    return s.taskRecords.definitionOf(task);
  }

  /** The definition's step of a task row. */
  async function stepOf(task: Record<string, unknown>) {
    const { definition } = await s.definitions.compiledFor(...(await definitionOf(task)));
    return stepSpecOf(definition, String(task.state));
  }

  /** A stored draft, opened and shown to its owner as the step's field matrix allows. */
  async function openDraft(t: Record<string, unknown>, user: OpContext['user'], spec: Record<string, unknown>): Promise<Record<string, unknown>> {
    const { definition } = await s.definitions.compiledFor(...(await definitionOf(t)));
    const data = openData(s.codec, JSON.parse(String(t.draft)) as Record<string, unknown>);
    return viewData(piiFieldsOf(definition), data, { roles: user.roles.map((r) => r.role), stepFields: spec.fields as never }).data;
  }

  /**
   * An action that names no one (claim, unclaim, complete): the scope check (404) and, for complete,
   * the assignee check (403) run inside the command's transaction on the case it reads anyway —
   * no read of the task before the command. A task no longer in the snapshot (done, cancelled) is
   * looked up through the transaction, so the answer is the same as before: 404 or the engine's 409.
   */
  async function actInPlace(ctx: OpContext, taskId: string, action: string, extra: Record<string, unknown>, expectedVersion: number | undefined, requireAssignee: boolean) {
    const caseId = caseIdOfTask(taskId);
    if (!caseId) throw new NotFoundError('task.not-found', { id: taskId });
    const authorize: CommandHooks['authorize'] = async (row, snap, trx) => {
      const rec = snap.context.tasks[taskId];
      const assignee = rec ? rec.assignee : (await s.tasks.getVisible(ctx.ability, taskId, trx)).assignee;
      if (rec && !ctx.ability.can('read', taskSubject(row.org_path, rec))) throw new NotFoundError('task.not-found', { id: taskId });
      if (requireAssignee && assignee !== ctx.user.id) throw new ForbiddenError('task.not-assignee', { taskId });
    };
    try {
      const out = await s.commands.act(ctx.user, caseId, { type: 'task.act', taskId, action, ...extra } as never, expectedVersion, { authorize });
      return { caseId, version: out.version };
    } catch (err) {
      // no such case is no such task
      if (err instanceof NotFoundError && err.code === 'case.not-found') throw new NotFoundError('task.not-found', { id: taskId });
      throw err;
    }
  }

  async function complete(ctx: OpContext, taskId: string, b: { outcome: string; data?: Record<string, unknown>; comment?: string; signature?: string; attachments?: string[]; expectedVersion?: number }) {
    // the field matrix and the form rules are enforced by the engine inside the command (one place)
    const { outcome, expectedVersion, ...rest } = b;
    return actInPlace(ctx, taskId, outcome, rest, expectedVersion, true);
  }

  /**
   * The task to urge: an open task of a case the user may read (404 otherwise, like any lookup),
   * and the user its initiator, a supervisor up the tree or a role of the step (403 otherwise).
   */
  async function urgeable(ctx: OpContext): Promise<Record<string, unknown>> {
    const task = await s.taskRecords.byId(ctx.params.id);
    if (!task) throw new NotFoundError('task.not-found', { id: ctx.params.id });
    const c = await s.cases.getVisible(ctx.ability, String(task.case_id)).catch(() => undefined);
    if (!c) throw new NotFoundError('task.not-found', { id: ctx.params.id });
    if (!mayUrge(ctx.user, task as unknown as TaskRow, c.created_by, await stepOf(task))) throw new ForbiddenError('authz.forbidden', { reason: 'urge: initiator, supervisor or step role only' });
    return task;
  }

  const op = (name: string, path: string, summary: string, body: Record<string, unknown>, run: (ctx: OpContext) => Promise<unknown>): Operation =>
    defineOperation({ method: 'post', path, operationId: name, responses: ok('TaskActed'), tag: 'tasks', summary, params: { id: S.id }, body, async handler(ctx) { return { body: await run(ctx) }; } });

  return [
    defineOperation({
      method: 'get', path: '/api/tasks', operationId: 'taskQueue', responses: ok('TaskPage'), tag: 'tasks', summary: '待办队列（辖区内） Task queue in scope', query: queueQuery,
      async handler({ ability, user, query }) { return { body: await s.tasks.queue(ability, user.id, query) }; },
    }),
    defineOperation({
      method: 'get', path: '/api/tasks/mine', operationId: 'myTasks', responses: ok('TaskPage'), tag: 'tasks', summary: '我的待办 My tasks', query: { ...queueQuery, assigned: undefined as never },
      async handler({ ability, user, query }) { return { body: await s.tasks.queue(ability, user.id, { ...query, assigned: 'me' }) }; },
    }),
    defineOperation({
      method: 'get', path: '/api/tasks/counts', operationId: 'taskCounts', responses: ok('TaskCounts'), tag: 'tasks', summary: '按状态统计 Counts by status',
      async handler({ ability }) { return { body: await s.tasks.counts(ability) }; },
    }),
    defineOperation({
      method: 'get', path: '/api/tasks/{id}', operationId: 'getTask', responses: ok('TaskDetail'), tag: 'tasks', summary: '待办详情 A task', params: { id: S.id },
      async handler({ ability, user, params }) {
        const t = await s.tasks.getVisible(ability, params.id);
        const spec = JSON.parse(String(t.spec)) as Record<string, unknown>;
        // drafts are sealed like case data; their owner sees them through the step's field matrix
        const draft = t.assignee === user.id && t.draft ? await openDraft(t, user, spec) : null;
        return { body: { ...toTaskSummary(t, s.tasks.calendars), form: t.form ?? null, fields: spec.fields, decisions: spec.decisions, why: spec.why ?? null, draft } };
      },
    }),
    op('claimTask', '/api/tasks/{id}/claim', '认领 Claim', actBody(), (ctx) => actInPlace(ctx, ctx.params.id, 'claim', {}, ctx.body.expectedVersion, false)),
    op('unclaimTask', '/api/tasks/{id}/unclaim', '取消认领 Unclaim', actBody(), (ctx) => actInPlace(ctx, ctx.params.id, 'unclaim', {}, ctx.body.expectedVersion, false)),
    op('completeTask', '/api/tasks/{id}/complete', '办理（提交结果） Complete with an outcome',
      actBody({ outcome: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]{0,63}$' }, data: S.anyObject, signature: S.text(20000), attachments: { type: 'array', items: S.id, maxItems: 20 } }, ['outcome']),
      (ctx) => complete(ctx, ctx.params.id, ctx.body)),
    op('transferTask', '/api/tasks/{id}/transfer', '转办 Transfer', actBody({ users }, ['users']), (ctx) => act(ctx, ctx.params.id, 'transfer', { users: ctx.body.users, comment: ctx.body.comment }, ctx.body.expectedVersion)),
    op('delegateTask', '/api/tasks/{id}/delegate', '委派 Delegate', actBody({ users }, ['users']), (ctx) => act(ctx, ctx.params.id, 'delegate', { users: ctx.body.users, comment: ctx.body.comment }, ctx.body.expectedVersion)),
    op('addSigner', '/api/tasks/{id}/signers', '加签 Add signers', actBody({ users, position: { type: 'string', enum: ['before', 'after'] } }, ['users']),
      (ctx) => act(ctx, ctx.params.id, 'addSigner', { users: ctx.body.users, position: ctx.body.position, comment: ctx.body.comment }, ctx.body.expectedVersion)),
    op('removeSigner', '/api/tasks/{id}/signers/remove', '减签 Remove signers', actBody({ users }, ['users']),
      (ctx) => act(ctx, ctx.params.id, 'removeSigner', { users: ctx.body.users, comment: ctx.body.comment }, ctx.body.expectedVersion)),
    op('withdrawTask', '/api/tasks/{id}/withdraw', '撤回 Withdraw a submission', actBody(), (ctx) => withdraw(s, ctx)),
    op('urgeTask', '/api/tasks/{id}/urge', '催办（发起人、上级或本步骤角色） Urge: the initiator, a supervisor up the tree or a role of the step', actBody(), async (ctx) => {
      const task = await urgeable(ctx);
      // counted per user and task, after scope and permission: an outsider spends no one's budget
      if (!(await s.rateLimits.hit(`urge:${ctx.params.id}:${ctx.user.id}`, 3_600_000, 3))) throw new RateLimitedError('task.urge-rate-limited', { retryAfterSeconds: 3600 });
      return act(ctx, ctx.params.id, 'urge', { comment: ctx.body.comment }, ctx.body.expectedVersion, task);
    }),
    op('copyTask', '/api/tasks/{id}/copy', '抄送 Copy to', actBody({ users }, ['users']), (ctx) => act(ctx, ctx.params.id, 'copy', { users: ctx.body.users, comment: ctx.body.comment }, ctx.body.expectedVersion)),
    defineOperation({
      method: 'put', path: '/api/tasks/{id}/draft', operationId: 'saveDraft', responses: ok('DraftSaved'), tag: 'tasks', summary: '暂存草稿 Save a draft', params: { id: S.id },
      body: S.object({ data: S.anyObject }, ['data']),
      async handler({ ability, user, params, body }) {
        const t = await s.tasks.getVisible(ability, params.id);
        if (t.assignee !== user.id) throw new ForbiddenError('task.not-assignee');
        if (!['pending', 'waiting', 'delegated'].includes(String(t.status))) throw new ConflictError('task.not-open');
        const { definition } = await s.definitions.compiledFor(...(await definitionOf(t)));
        await checkPhotoRefs(s.attachments.typesOf, definition, body.data);
        const sealed = sealData(s.codec, piiFieldsOf(definition), body.data);
        await s.taskRecords.saveDraft(params.id, sealed);
        return { body: { saved: true } };
      },
    }),
    defineOperation({
      method: 'post', path: '/api/tasks/bulk', operationId: 'bulkTasks', responses: ok('BulkResults'), tag: 'tasks', summary: '批量审批/转办 Bulk approve or transfer',
      body: S.object({ action: { type: 'string', enum: ['complete', 'transfer'] }, outcome: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]{0,63}$' }, users, comment: S.text(2000),
        items: { type: 'array', minItems: 1, maxItems: 100, items: S.object({ taskId: S.id, expectedVersion: S.version }, ['taskId']) } }, ['action', 'items']),
      async handler(ctx) {
        const b = ctx.body as { action: string; outcome?: string; users?: string[]; comment?: string; items: Array<{ taskId: string; expectedVersion?: number }> };
        const results = [];
        for (const it of b.items) {
          try {
            const out = b.action === 'complete'
              ? await complete(ctx, it.taskId, { outcome: b.outcome ?? 'approve', comment: b.comment, expectedVersion: it.expectedVersion })
              : await act(ctx, it.taskId, 'transfer', { users: b.users ?? [], comment: b.comment }, it.expectedVersion);
            results.push({ taskId: it.taskId, ok: true, status: 200, version: out.version });
          } catch (err) {
            if (!(err instanceof DomainError)) throw err;
            results.push({ taskId: it.taskId, ok: false, status: statusOf(err), error: { code: err.code, message: err.message, details: err.details } });
          }
        }
        return { body: { results } };
      },
    }),
  ];
}

async function withdraw(s: Services, ctx: OpContext): Promise<unknown> {
  // 撤回 names the submitter's own finished task: visible to them as its last holder.
  const t = await s.taskRecords.byId(ctx.params.id);
  if (!t) throw new NotFoundError('task.not-found');
  if (t.assignee !== ctx.user.id) {
    await s.tasks.getVisible(ctx.ability, ctx.params.id); // 404 outside scope; inside scope it is not theirs to withdraw
    throw new ForbiddenError('task.not-assignee', { taskId: ctx.params.id });
  }
  const out = await s.commands.act(ctx.user, String(t.case_id), { type: 'task.act', taskId: ctx.params.id, action: 'withdraw' } as never, ctx.body.expectedVersion);
  return { caseId: String(t.case_id), version: out.version };
}
