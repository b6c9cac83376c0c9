/**
 * `task.released` (from the runtime, issue 9): a user no longer belongs to the task's group — an
 * admin moved them to another unit. A task they hold (the county's rule is "return to the group")
 * goes back to its group's queue: unassigned, offered to the group's current members (read from the
 * directory, so the moved worker is no longer among them). An unclaimed task merely offered to them
 * is offered to the group's current members. With nobody left it follows the step's `onEmpty`
 * policy, as an unassignable task does.
 */
import { MachineEvents } from '../compile/internalEvents.ts';
import { diag } from '../diagnostics/catalog.ts';
import type { CaseContext } from './context.ts';
import type { Env } from './env.ts';
import { taskUpdate } from './ops.ts';
import { refused, type Prepared } from './prepared.ts';
import { prepareUnassignable } from './prepareSystem.ts';
import type { CaseEvent, TaskRecord } from './types.ts';

/** Prepares `task.released` on a working copy of the context. */
export function prepareRelease(env: Env, ctx: CaseContext, ev: Extract<CaseEvent, { type: 'task.released' }>): Prepared {
  const task = Object.hasOwn(ctx.tasks, ev.taskId) ? ctx.tasks[ev.taskId] : undefined;
  if (!task) return refused(diag('run.unknown-task', '/taskId', { taskId: ev.taskId }));
  const left = ev.userId ?? task.assignee;
  const holds = task.assignee !== undefined && task.assignee === left;
  const offered = task.assignee === undefined && left !== undefined && task.candidates.includes(left);
  if (task.status !== 'pending' || (!holds && !offered)) return refused(diag('run.not-claimable', '/taskId'));
  const members = task.group ? env.directory.usersWithRole(task.group.role, task.group.orgPath) : task.candidates;
  const candidates = members.filter((u) => u !== left);
  if (!candidates.length) return prepareUnassignable(env, ctx, { type: 'task.unassignable', taskId: task.id, meta: ev.meta });
  const { assignee: _gone, ...rest } = task;
  const next: TaskRecord = { ...rest, candidates, opened: false };
  ctx.tasks[task.id] = next;
  return { ok: true, event: MachineEvents.bookkeeping, ctx, effects: [taskUpdate(next)], done: [], audit: { taskId: task.id, released: left } };
}
