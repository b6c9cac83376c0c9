/**
 * The task rows an engine step implies, from its effects alone: `task.create` opens a row,
 * `task.update` changes its status or holders, `task.complete` and `task.cancel` close it. The
 * runtime's task projection applies exactly these effects (no snapshot diff); the scenario tests
 * check after every step that this projection equals the snapshot's open tasks.
 */
import type { CaseContext } from './context.ts';
import type { Effect } from './types.ts';

/** What a task row holds that the engine decides. */
export interface TaskRow {
  state: string;
  status: 'pending' | 'waiting' | 'delegated';
  assignee: string | null;
  candidates: string[];
}

/** Open task rows after applying one step's effects to the rows before it. */
export function projectTasks(before: Record<string, TaskRow>, effects: readonly Effect[]): Record<string, TaskRow> {
  const rows = { ...before };
  for (const e of effects) {
    if (e.kind === 'task.create') rows[e.taskId] = { state: e.state, status: 'pending', assignee: e.assignment.assignee ?? null, candidates: e.assignment.candidates };
    else if (e.kind === 'task.update' && rows[e.taskId]) {
      rows[e.taskId] = { ...rows[e.taskId]!, status: e.status as TaskRow['status'], assignee: e.assignee, candidates: e.candidates, ...(e.state ? { state: e.state } : {}) };
    } else if (e.kind === 'task.complete' || e.kind === 'task.cancel') delete rows[e.taskId];
  }
  return rows;
}

/** The open tasks of a case context as rows (what `projectTasks` must arrive at). */
export function taskRowsOf(ctx: Pick<CaseContext, 'tasks'>): Record<string, TaskRow> {
  return Object.fromEntries(Object.values(ctx.tasks).map((t) => [t.id, { state: t.state, status: t.status as TaskRow['status'], assignee: t.assignee ?? null, candidates: t.candidates }]));
}
