/**
 * Task operations that do not decide a step: claim, open, transfer (转办), delegate (委派),
 * add/remove signer (加签/减签), urge (催办), copy-to (抄送). Each edits the working context
 * and pushes effects; `removeSigner` may complete an aggregating step.
 */
import type { CaseContext } from './context.ts';
import type { Env } from './env.ts';
import { recheckStep } from './decide.ts';
import { cancelTimers } from './sla.ts';
import { TimerOwners } from './timerOwners.ts';
import { taskHolders } from './acceptance.ts';
import { createSlotTask, createTask } from './tasks.ts';
import type { Effect, TaskRecord } from './types.ts';

export interface OpInput {
  users: string[];
  position?: 'before' | 'after';
  actor: string;
}

/** The effect that tells the runtime a task's status or holders changed. */
export function taskUpdate(task: TaskRecord): Effect {
  return { kind: 'task.update', taskId: task.id, status: task.status, assignee: task.assignee ?? null, candidates: task.candidates };
}

/** Cancels an open task (and its timers). */
export function closeTask(ctx: CaseContext, task: TaskRecord, reason: string, out: Effect[]): void {
  delete ctx.tasks[task.id];
  out.push(...cancelTimers(ctx, TimerOwners.task(task.id, task.state)), { kind: 'task.cancel', taskId: task.id, reason });
}

function trace(ctx: CaseContext, env: Env, state: string) {
  const spec = env.compiled.model.states.get(state)!.spec.task!;
  return ctx.steps[state]?.trace ?? { rule: spec.assignee, candidates: [], why: [] };
}

/** 转办: the task moves to another user entirely (a new task; the old one is cancelled). */
export function transfer(ctx: CaseContext, env: Env, task: TaskRecord, input: OpInput, out: Effect[]): void {
  const to = input.users[0]!;
  closeTask(ctx, task, 'transferred', out);
  const step = ctx.steps[task.state];
  if (step) {
    const from = task.assignee ?? '';
    ctx.steps[task.state] = { ...step, order: step.order.map((u) => (u === from ? to : u)) };
  }
  const why = [...trace(ctx, env, task.state).why, { 'zh-CN': `由 ${input.actor} 转办给 ${to}`, en: `transferred by ${input.actor} to ${to}` }];
  createTask(ctx, env, task.state, { assignee: to, candidates: [to], trace: { ...trace(ctx, env, task.state), why }, seqIndex: task.seqIndex }, out);
}

/** 委派: B gets a task; the owner's task waits and comes back when B has acted. */
export function delegate(ctx: CaseContext, env: Env, task: TaskRecord, input: OpInput, out: Effect[]): void {
  const to = input.users[0]!;
  ctx.tasks[task.id] = { ...task, status: 'delegated' };
  out.push(taskUpdate(ctx.tasks[task.id]!));
  const why = [{ 'zh-CN': `由 ${input.actor} 委派，办理后退回原处理人`, en: `delegated by ${input.actor}; returns to the owner when done` }];
  createTask(ctx, env, task.state, { assignee: to, candidates: [to], trace: { ...trace(ctx, env, task.state), why }, delegatedFrom: task.id }, out);
}

/** A delegate has acted: the owner's task is back in their hands. */
export function returnDelegation(ctx: CaseContext, task: TaskRecord, out: Effect[]): void {
  const owner = task.delegatedFrom ? ctx.tasks[task.delegatedFrom] : undefined;
  if (!owner) return;
  ctx.tasks[owner.id] = { ...owner, status: 'pending' };
  out.push(taskUpdate(ctx.tasks[owner.id]!));
}

/** 加签: parallel modes get extra tasks; single/sequence insert slots before or after the current one. */
export function addSigner(ctx: CaseContext, env: Env, task: TaskRecord, input: OpInput, out: Effect[]): void {
  const spec = env.compiled.model.states.get(task.state)!.spec.task!;
  const prev = ctx.steps[task.state]!;
  const step = { ...prev, order: [...prev.order], added: [...prev.added, ...input.users] };
  ctx.steps[task.state] = step;
  const mode = spec.mode ?? 'single';
  const tr = trace(ctx, env, task.state);
  if (mode === 'all' || mode === 'any' || mode === 'vote') {
    step.order.push(...input.users);
    for (const u of input.users) createTask(ctx, env, task.state, { assignee: u, candidates: [u], trace: tr, added: true }, out);
    return;
  }
  if (step.order[step.index] === '' && task.assignee) step.order[step.index] = task.assignee;
  if (input.position === 'before') {
    step.order.splice(step.index, 0, ...input.users);
    closeTask(ctx, task, 'add-signer-before', out);
    createSlotTask(ctx, env, task.state, step, tr, out);
  } else {
    step.order.splice(step.index + 1, 0, ...input.users);
  }
}

/** 减签: removes added signers who have not acted; may complete the step. */
export function removeSigner(ctx: CaseContext, env: Env, task: TaskRecord, input: OpInput, out: Effect[]): string | undefined {
  const prev = ctx.steps[task.state]!;
  const removable = input.users.filter((u) => prev.added.includes(u) && !(u in prev.decisions));
  const step = { ...prev, order: [...prev.order], added: prev.added.filter((u) => !removable.includes(u)) };
  for (const u of removable) {
    const at = step.order.indexOf(u);
    if (at > step.index || (at >= 0 && !['single', 'sequence', undefined].includes(env.compiled.model.states.get(task.state)!.spec.task!.mode))) step.order.splice(at, 1);
    for (const t of Object.values(ctx.tasks)) if (t.state === task.state && t.assignee === u && t.added) closeTask(ctx, t, 'signer-removed', out);
  }
  ctx.steps[task.state] = step;
  return recheckStep(ctx, env, task.state);
}

/** 催办 and 抄送: notices and audit records, no change to the flow. */
export function notice(ctx: CaseContext, task: TaskRecord, kind: 'urge' | 'copy', input: OpInput, out: Effect[]): void {
  const users = kind === 'urge' ? taskHolders(task) : input.users;
  out.push({ kind: 'notify', template: kind === 'urge' ? 'urge' : 'copy', channel: kind === 'copy' ? 'cc' : 'app', recipients: { users }, vars: { caseId: ctx.caseId, taskId: task.id, by: input.actor } });
}
