/**
 * Who may do what on a case now — the one place that decides it. `step` refuses an event with
 * these checks before it prepares anything, and `availableActions` lists exactly the actions these
 * checks let through, so the buttons a user sees and what the engine accepts cannot disagree
 * (as XState's `can(event)` runs the real transition). Input checks (a comment, the form) come
 * later in `step`: a listed action may still need its inputs.
 */
import type { CompiledDefinition } from '../compile/compile.ts';
import { eventOf, ancestors, type TransitionInfo } from '../compile/model.ts';
import { listenedEvent } from '../compile/machineConfig.ts';
import { TaskOps, type TaskSpec } from '../definition/types.ts';
import { diag } from '../diagnostics/catalog.ts';
import type { Diagnostic } from '../diagnostics/Diagnostic.ts';
import type { CaseContext } from './context.ts';
import type { Actor, EventMeta, TaskRecord } from './types.ts';
import { decisionKind } from '../definition/decisions.ts';
import { choiceIndex, optionList } from './voteOptions.ts';

/** Task operations a holder may use when the step allows them (withdraw is the submitter's, urge anyone's). */
export const HolderOps: readonly string[] = TaskOps.filter((op) => op !== 'withdraw' && op !== 'urge');

/** Users that may act on a task now: its assignee, or its candidates while unclaimed. */
export function taskHolders(task: TaskRecord): string[] {
  return task.assignee ? [task.assignee] : task.candidates;
}

/** The task spec of a task's step. */
export function taskSpecOf(c: CompiledDefinition, task: TaskRecord): TaskSpec {
  return c.model.states.get(task.state)!.spec.task!;
}

/** 撤回: only the last submitter, on a step that allows it, while no next task has been opened. */
export function withdrawRefusal(c: CompiledDefinition, ctx: CaseContext, taskId: string, actor: Actor | undefined): Diagnostic | undefined {
  const last = ctx.trail[ctx.trail.length - 1];
  if (!last || !actor || last.by !== actor.userId || last.taskId !== taskId) return diag('run.nothing-to-withdraw', '/taskId');
  if (!c.model.states.get(last.state)?.spec.task?.allow?.includes('withdraw')) return diag('run.action-not-allowed', '/action', { action: 'withdraw' });
  const open = Object.values(ctx.tasks);
  const reachable = open.every((t) => (c.gotoTargets.get(t.state) ?? []).includes(last.state));
  if (open.length === 0 || !reachable || open.some((t) => t.opened || t.createdAt < last.at)) return diag('run.withdraw-too-late', '/taskId');
  return undefined;
}

function claimRefusal(task: TaskRecord, action: string, actor: Actor): Diagnostic | undefined {
  if (action === 'claim' && task.assignee !== undefined) return diag('run.not-claimable', '/taskId');
  if (action === 'unclaim' && (task.assignee !== actor.userId || task.candidates.length < 2)) return diag('run.not-claimable', '/taskId');
  return undefined;
}

/** A decision's own role limit. (A delegate's decision is an opinion handed back to the owner: it never routes the case.) */
function decisionRefusal(spec: TaskSpec, action: string, actor: Actor): Diagnostic | undefined {
  const d = spec.decisions[action]!;
  return d.roles && !d.roles.some((r) => actor.roles.includes(r)) ? diag('run.role-not-allowed', '/action', { action }) : undefined;
}

/** In a vote between options, a voter takes a choice that names a listed option (or abstains, or takes an `other` decision). */
export function optionRefusal(spec: TaskSpec, ctx: CaseContext, action: string): Diagnostic | undefined {
  const opts = spec.mode === 'vote' ? spec.vote?.options : undefined;
  if (!opts) return undefined;
  const i = choiceIndex(opts, action);
  if (i < 0) {
    const kind = decisionKind(action, spec.decisions[action]);
    return kind === 'approve' || kind === 'reject' ? diag('run.vote-not-a-choice', '/action', { action }) : undefined;
  }
  const count = optionList(opts, ctx.data).length;
  return i >= count ? diag('run.vote-no-such-option', '/action', { count, option: i + 1 }) : undefined;
}

/**
 * Why `actor` may not take `action` on task `taskId` now (undefined: they may). Actions are a
 * decision of the step, `open`, `claim`, `unclaim`, `withdraw`, `urge` or an allowed operation.
 */
export function taskActRefusal(c: CompiledDefinition, ctx: CaseContext, taskId: string, action: string, actor: Actor | undefined): Diagnostic | undefined {
  if (action === 'withdraw') return withdrawRefusal(c, ctx, taskId, actor);
  const task = Object.hasOwn(ctx.tasks, taskId) ? ctx.tasks[taskId] : undefined;
  if (!task) return diag('run.unknown-task', '/taskId', { taskId });
  if (!actor) return diag('run.not-assignee', '/meta/actor');
  if (action === 'urge') return undefined;
  if (!taskHolders(task).includes(actor.userId)) return diag('run.not-assignee', '/meta/actor');
  if (action === 'open' || action === 'claim' || action === 'unclaim') return claimRefusal(task, action, actor);
  if (task.status !== 'pending') return diag('run.task-not-pending', '/taskId', { status: task.status });
  const spec = taskSpecOf(c, task);
  if (Object.hasOwn(spec.decisions, action)) return decisionRefusal(spec, action, actor) ?? optionRefusal(spec, ctx, action);
  if (!HolderOps.includes(action)) return diag('run.unknown-action', '/action', { action });
  if (!(spec.allow ?? []).includes(action as never) || task.delegatedFrom) return diag('run.action-not-allowed', '/action', { action });
  return undefined;
}

/** The active atomic state ids of a snapshot value and their ancestors. */
export function activeStates(c: CompiledDefinition, value: unknown): string[] {
  const out = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string') { out.add(v); for (const a of ancestors(c.model, v)) out.add(a); return; }
    if (v && typeof v === 'object') for (const [k, child] of Object.entries(v)) { out.add(k); walk(child); }
  };
  walk(value);
  return [...out];
}

/**
 * Who may send a plain event: the roles (or sources: `system`, `device`, `external`, `user`) its
 * transition names. A transition that names none is the system's own (a timeout, an adapter result):
 * no person, device or outside party may send it.
 */
export function maySend(t: TransitionInfo, meta: Pick<EventMeta, 'source' | 'actor'>): boolean {
  const roles = t.spec.roles ?? [];
  const source = meta.source ?? (meta.actor ? 'user' : 'system');
  if (roles.length === 0) return source === 'system';
  if (roles.includes(source)) return true;
  return Boolean(meta.actor?.roles.some((r) => roles.includes(r)));
}

/** The transitions a plain event may take in the active states (decisions are taken through `task.act`, never as events). */
export function eventTransitions(c: CompiledDefinition, value: unknown, type: string): TransitionInfo[] {
  const active = activeStates(c, value);
  return c.model.transitions.filter((t) => eventOf(t) === type && active.includes(t.from) && listenedEvent(c.model, t)?.kind === 'event');
}

/** Why a plain event may not be sent now by this sender (undefined: it may); the transitions it may take otherwise. */
export function eventRefusal(c: CompiledDefinition, value: unknown, type: string, meta: Pick<EventMeta, 'source' | 'actor'>): { refusal?: Diagnostic; allowed: TransitionInfo[] } {
  const candidates = eventTransitions(c, value, type);
  if (candidates.length === 0) return { refusal: diag('run.event-not-accepted', '/type', { state: activeStates(c, value).join(','), event: type }), allowed: [] };
  const allowed = candidates.filter((t) => maySend(t, meta));
  return allowed.length ? { allowed } : { refusal: diag('run.role-not-allowed', '/meta/actor', { action: type }), allowed: [] };
}
