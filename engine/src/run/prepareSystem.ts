/** Prepares system events: timers, adapter results, sub-case completions, an unassignable task. */
import { MachineEvents } from '../compile/internalEvents.ts';
import { firstOfKind } from '../definition/decisions.ts';
import type { SlaSpec } from '../definition/types.ts';
import { diag } from '../diagnostics/catalog.ts';
import { taskSpecOf } from './acceptance.ts';
import { own, type CaseContext } from './context.ts';
import { orgAt } from './directory.ts';
import type { Env } from './env.ts';
import { refused, type Prepared } from './prepared.ts';
import { applyRung, cancelTimers, onDue, ownedTasks } from './sla.ts';
import { createTask } from './tasks.ts';
import { TimerOwners, type TimerOwner, type TimerRecord } from './timerOwners.ts';
import type { CaseEvent, Effect } from './types.ts';

type Ev<T extends string> = Extract<CaseEvent, { type: T }>;

/** The SLA a timer counts for. */
function slaOf(env: Env, owner: TimerOwner): SlaSpec | undefined {
  if (owner.kind === 'clock') return env.compiled.definition.clocks?.[owner.clock];
  if (owner.kind === 'task' || owner.kind === 'step') return env.compiled.model.states.get(owner.state)?.spec.task?.sla;
  return undefined;
}

/** An auto-action on breach: a task SLA takes the decision on its step, a clock sends the event. */
function autoEvent(env: Env, ctx: CaseContext, owner: TimerOwner, auto: string, out: Effect[]): Pick<Extract<Prepared, { ok: true }>, 'event' | 'done'> {
  const task = ownedTasks(ctx, owner)[0];
  if (!task || owner.kind === 'clock') return { event: MachineEvents.event(auto), done: [] };
  const spec = taskSpecOf(env.compiled, task);
  const decision = Object.hasOwn(spec.decisions, auto) ? auto : firstOfKind(spec, 'approve') ?? auto;
  out.push({ kind: 'audit', action: 'task.auto-decided', detail: { taskId: task.id, decision } });
  const done = Object.values(ctx.tasks).filter((t) => t.state === task.state).map((t) => t.id);
  for (const taskId of done) out.push({ kind: 'task.complete', taskId, decision, by: 'system' });
  return { event: MachineEvents.decision(task.state, decision), done };
}

function warn(ctx: CaseContext, env: Env, timer: TimerRecord, out: Effect[]): void {
  const sla = slaOf(env, timer.owner);
  const users = ownedTasks(ctx, timer.owner).flatMap((t) => (t.assignee ? [t.assignee] : t.candidates));
  out.push({ kind: 'notify', template: sla?.warnTemplate ?? 'sla-warning', channel: 'app', recipients: { users: [...new Set(users)].sort() }, vars: { caseId: ctx.caseId, dueAt: timer.dueAt } });
  out.push({ kind: 'audit', action: 'sla.warned', detail: { owner: timer.owner } });
}

/** A durable timer fired: warning, deadline (breach ladder), a later rung, or a wait timeout. */
export function prepareTimer(env: Env, ctx: CaseContext, ev: Ev<'timer.fired'>): Prepared {
  const timer = ctx.timers[ev.timerId];
  if (!timer) return refused(diag('run.unknown-timer', '/timerId', { timerId: ev.timerId }));
  delete ctx.timers[ev.timerId];
  const out: Effect[] = [];
  const audit = { timerId: ev.timerId, purpose: timer.purpose };
  if (timer.owner.kind === 'wait') {
    const spec = env.compiled.model.states.get(timer.owner.state)?.spec.wait?.timeout;
    return { ok: true, event: spec ? MachineEvents.event(spec.event) : MachineEvents.bookkeeping, ctx, effects: out, done: [], audit, fallback: MachineEvents.bookkeeping };
  }
  const sla = slaOf(env, timer.owner);
  let auto: string | undefined;
  if (timer.purpose === 'sla.warn') warn(ctx, env, timer, out);
  else if (timer.purpose === 'sla.due' && sla) auto = onDue(ctx, env, sla, timer, out);
  else if (timer.purpose === 'sla.rung' && sla?.onBreach?.[timer.rung ?? -1]) auto = applyRung(ctx, env, sla.onBreach[timer.rung!]!, timer, timer.rung!, out);
  if (!auto) return { ok: true, event: MachineEvents.bookkeeping, ctx, effects: out, done: [], audit };
  const a = autoEvent(env, ctx, timer.owner, auto, out);
  return { ok: true, ...a, ctx, effects: out, audit, fallback: MachineEvents.bookkeeping };
}

/** An adapter answered: the request's onSuccess/onFailure event, or just bookkeeping. */
export function prepareAdapter(env: Env, ctx: CaseContext, ev: Ev<'adapter.succeeded' | 'adapter.failed'>): Prepared {
  const req = ctx.requests[ev.requestId];
  if (!req) return refused(diag('run.unknown-request', '/requestId', { requestId: ev.requestId }));
  delete own(ctx, 'requests')[ev.requestId];
  const next = ev.type === 'adapter.succeeded' ? req.onSuccess : req.onFailure;
  // the output lands in the case data only where the data schema declares (and tags) `<operation>_result`
  const field = `${req.operation.replace(/[.-]/g, '_')}_result`;
  const declared = Object.hasOwn((env.compiled.definition.data.properties ?? {}) as object, field);
  if (declared && ev.type === 'adapter.succeeded' && ev.output && typeof ev.output === 'object' && !Array.isArray(ev.output)) {
    ctx.data = { ...ctx.data, [field]: ev.output };
  }
  const audit = { requestId: ev.requestId, operation: req.operation, ...(ev.error ? { error: ev.error } : {}) };
  return { ok: true, event: next ? MachineEvents.event(next) : MachineEvents.bookkeeping, ctx, effects: [], done: [], audit };
}

/** A sub-case finished: when the join is satisfied, the parent moves on by the outcome. */
export function prepareSubcase(env: Env, ctx: CaseContext, ev: Ev<'subcase.completed'>): Prepared {
  const sub = ctx.subcases[ev.childId];
  if (!sub) return refused(diag('run.unknown-subcase', '/childId', { childId: ev.childId }));
  own(ctx, 'subcases')[ev.childId] = { ...sub, outcome: ev.outcome };
  const siblings = Object.values(ctx.subcases).filter((s) => s.state === sub.state);
  const joined = sub.join === 'any' || siblings.every((s) => s.outcome !== undefined);
  ctx.data = { ...ctx.data, subcaseOutcome: ev.outcome };
  const audit = { childId: ev.childId, outcome: ev.outcome };
  if (!joined) return { ok: true, event: MachineEvents.bookkeeping, ctx, effects: [], done: [], audit };
  const outcomes = env.compiled.model.states.get(sub.state)?.spec.subcase?.onDone;
  if (!outcomes) return { ok: true, event: MachineEvents.event('subcase.done'), ctx, effects: [], done: [], audit };
  // every child with the same outcome reports it; mixed outcomes (or one the parent does not name) take `*`
  const all = new Set(sub.join === 'any' ? [ev.outcome] : siblings.map((s) => s.outcome));
  const outcome = all.size === 1 && Object.hasOwn(outcomes, ev.outcome) ? ev.outcome : '*';
  return { ok: true, event: MachineEvents.subcase(sub.state, outcome), ctx, effects: [], done: [], audit };
}

/** The runtime found nobody to serve a task (e.g. its users were disabled): the step's empty-assignee policy applies. */
export function prepareUnassignable(env: Env, ctx: CaseContext, ev: Ev<'task.unassignable'>): Prepared {
  const task = ctx.tasks[ev.taskId];
  if (!task) return refused(diag('run.unknown-task', '/taskId', { taskId: ev.taskId }));
  const spec = taskSpecOf(env.compiled, task);
  const policy = spec.onEmpty ?? 'admin';
  const out: Effect[] = [];
  const audit = { taskId: task.id, policy: typeof policy === 'string' ? policy : 'fallback' };
  if (policy === 'auto-pass' || policy === 'auto-reject') {
    const decision = firstOfKind(spec, policy === 'auto-pass' ? 'approve' : 'reject') ?? Object.keys(spec.decisions)[0]!;
    const done = Object.values(ctx.tasks).filter((t) => t.state === task.state).map((t) => t.id);
    for (const taskId of done) out.push({ kind: 'task.complete', taskId, decision, by: 'system' });
    return { ok: true, event: MachineEvents.decision(task.state, decision), ctx, effects: out, done, audit };
  }
  delete ctx.tasks[task.id];
  out.push(...cancelTimers(ctx, TimerOwners.task(task.id, task.state)), { kind: 'task.cancel', taskId: task.id, reason: 'unassignable' });
  const county = orgAt(ctx.orgPath, 'county') ?? ctx.orgPath;
  const users = typeof policy === 'object' ? [policy.fallbackUser] : env.directory.usersWithRole('county-admin', county);
  const why = [{ 'zh-CN': typeof policy === 'object' ? `原处理人不可用，转备用处理人 ${policy.fallbackUser}` : '原处理人不可用，转县级管理员', en: typeof policy === 'object' ? `nobody available; fallback user ${policy.fallbackUser}` : 'nobody available; county admins' }];
  const trace = { rule: spec.assignee, candidates: users, ...(typeof policy === 'object' ? {} : { group: { role: 'county-admin', orgPath: county } }), why };
  createTask(ctx, env, task.state, { assignee: users.length === 1 ? users[0] : undefined, candidates: users, trace, seqIndex: task.seqIndex }, out);
  return { ok: true, event: MachineEvents.bookkeeping, ctx, effects: out, done: [], audit };
}
