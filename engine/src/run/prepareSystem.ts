/** Prepares system events: timers, adapter results, sub-case completions, an unassignable task. */
import { MachineEvents } from '../compile/internalEvents.ts';
import { firstOfKind } from '../definition/decisions.ts';
import { decisionKind } from '../definition/decisions.ts';
import type { BreachRung, SlaSpec, TaskSpec } from '../definition/types.ts';
import type { LocalizedText } from '../diagnostics/Diagnostic.ts';
import { voteTurnout } from './decide.ts';
import { closeOptions } from './voteOptions.ts';
import { checkForm } from './formCheck.ts';
import { diag } from '../diagnostics/catalog.ts';
import { taskSpecOf } from './acceptance.ts';
import { own, type CaseContext } from './context.ts';
import { fallbackFor } from './assign.ts';
import type { Env } from './env.ts';
import { refused, type Prepared } from './prepared.ts';
import { applyRung, onDue } from './breach.ts';
import { cancelTimers, ownedTasks } from './sla.ts';
import { scheduleFired } from './schedules.ts';
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

type AutoResult = Pick<Extract<Prepared, { ok: true }>, 'event' | 'done' | 'warnings'> | { notTaken: LocalizedText };

/** Why the system cannot take a decision by itself: inputs only a person can give, or a form still incomplete. */
function autoBlocker(env: Env, ctx: CaseContext, spec: TaskSpec, decision: string, rung: BreachRung, at: number): LocalizedText | undefined {
  const needs = (spec.decisions[decision]?.requires ?? []).filter((i) => !(i === 'comment' && rung.autoComment));
  if (needs.length) return { 'zh-CN': `决定“${decision}”需要${needs.join('、')}，系统无法代填`, en: `decision "${decision}" requires ${needs.join(', ')}, which the system cannot give` };
  if (spec.form && decisionKind(decision, spec.decisions[decision]) === 'approve' && checkForm(env.compiled, spec.form, ctx, undefined, true, at).length) {
    return { 'zh-CN': `表单“${spec.form}”尚未填写完整`, en: `form "${spec.form}" is not complete` };
  }
  return undefined;
}

/** An auto-action on breach: a task SLA takes the decision on its step (when the system can), a clock sends the event. */
function autoEvent(env: Env, ctx: CaseContext, owner: TimerOwner, rung: BreachRung, out: Effect[]): AutoResult {
  const auto = rung.auto!;
  const task = ownedTasks(ctx, owner)[0];
  if (!task || owner.kind === 'clock') return { event: MachineEvents.event(auto), done: [] };
  const spec = taskSpecOf(env.compiled, task);
  const turnout = spec.mode === 'vote' && spec.vote?.quorum !== undefined && ctx.steps[task.state] ? voteTurnout(spec, ctx.steps[task.state]!) : undefined;
  const noQuorum = turnout && !turnout.met && spec.vote?.onNoQuorum;
  const decision = noQuorum ? noQuorum : Object.hasOwn(spec.decisions, auto) ? auto : firstOfKind(spec, 'approve') ?? auto;
  const blocked = autoBlocker(env, ctx, spec, decision, rung, env.meta.at);
  if (blocked) return { notTaken: blocked };
  out.push({ kind: 'audit', action: 'task.auto-decided', detail: { taskId: task.id, decision, ...(rung.autoComment ? { comment: rung.autoComment } : {}) } });
  const done = Object.values(ctx.tasks).filter((t) => t.state === task.state).map((t) => t.id);
  for (const taskId of done) {
    delete ctx.tasks[taskId];
    out.push(...cancelTimers(ctx, TimerOwners.task(taskId, task.state)), { kind: 'task.complete', taskId, decision, by: 'system' });
  }
  ctx.trail = [...ctx.trail.slice(-49), { state: task.state, taskId: task.id, by: 'system', decision, at: env.meta.at }];
  if (spec.mode === 'vote') closeOptions(ctx, spec, ctx.steps[task.state]);
  if (noQuorum && turnout) {
    // a vote short of its quorum is void, not lost: coded, audited, and routed by the definition
    const detail = { cast: turnout.cast, all: turnout.all, quorum: spec.vote!.quorum!, decision };
    out.push({ kind: 'audit', action: 'vote.no-quorum', detail });
    return { event: MachineEvents.decision(task.state, decision), done, warnings: [diag('run.vote-no-quorum', '/steps/' + task.state, detail)] };
  }
  return { event: MachineEvents.decision(task.state, decision), done };
}

function warn(ctx: CaseContext, env: Env, timer: TimerRecord, out: Effect[]): void {
  const sla = slaOf(env, timer.owner);
  const users = ownedTasks(ctx, timer.owner).flatMap((t) => (t.assignee ? [t.assignee] : t.candidates));
  out.push({ kind: 'notify', template: sla?.warnTemplate ?? 'sla-warning', channel: 'app', recipients: { users: [...new Set(users)].sort() }, vars: { caseId: ctx.caseId, dueAt: timer.dueAt } });
  out.push({ kind: 'audit', action: 'sla.warned', detail: { owner: timer.owner } });
}

/** A durable timer fired: warning, deadline (breach ladder), a later rung, or a wait timeout. */
export function prepareTimer(env: Env, ctx: CaseContext, ev: Ev<'timer.fired'>, manualOnly = false): Prepared {
  const timer = Object.hasOwn(ctx.timers, ev.timerId) ? ctx.timers[ev.timerId] : undefined;
  if (!timer) return refused(diag('run.unknown-timer', '/timerId', { timerId: ev.timerId }));
  delete ctx.timers[ev.timerId];
  const out: Effect[] = [];
  const audit = { timerId: ev.timerId, purpose: timer.purpose };
  if (timer.owner.kind === 'schedule') {
    const event = scheduleFired(ctx, env, timer.owner.schedule, timer.occurrence ?? 1, timer.dueAt, out);
    return event && !manualOnly ? { ok: true, event: MachineEvents.event(event), ctx, effects: out, done: [], audit, automatic: true } : { ok: true, event: MachineEvents.bookkeeping, ctx, effects: out, done: [], audit };
  }
  if (timer.owner.kind === 'wait') {
    const spec = env.compiled.model.states.get(timer.owner.state)?.spec.wait?.timeout;
    return spec && !manualOnly ? { ok: true, event: MachineEvents.event(spec.event), ctx, effects: out, done: [], audit, automatic: true } : { ok: true, event: MachineEvents.bookkeeping, ctx, effects: out, done: [], audit };
  }
  const sla = slaOf(env, timer.owner);
  let auto: BreachRung | undefined;
  if (timer.purpose === 'sla.warn') warn(ctx, env, timer, out);
  else if (timer.purpose === 'sla.due' && sla) auto = onDue(ctx, env, sla, timer, out);
  else if (timer.purpose === 'sla.rung' && sla?.onBreach?.[timer.rung ?? -1]) auto = applyRung(ctx, env, sla.onBreach[timer.rung!]!, timer, timer.rung!, out);
  if (!auto || manualOnly) return { ok: true, event: MachineEvents.bookkeeping, ctx, effects: out, done: [], audit };
  const a = autoEvent(env, ctx, timer.owner, auto, out);
  if ('notTaken' in a) {
    const warning = diag('run.auto-not-taken', '', { event: auto.auto, reason: a.notTaken });
    return { ok: true, event: MachineEvents.bookkeeping, ctx, effects: out, done: [], audit, warnings: [warning] };
  }
  const { warnings, ...taken } = a;
  return { ok: true, ...taken, ctx, effects: out, audit, automatic: true, ...(warnings ? { warnings } : {}) };
}

/** An adapter answered: the request's onSuccess/onFailure event, or just bookkeeping. */
export function prepareAdapter(env: Env, ctx: CaseContext, ev: Ev<'adapter.succeeded' | 'adapter.failed'>): Prepared {
  const req = Object.hasOwn(ctx.requests, ev.requestId) ? ctx.requests[ev.requestId] : undefined;
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
  const sub = Object.hasOwn(ctx.subcases, ev.childId) ? ctx.subcases[ev.childId] : undefined;
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
  const task = Object.hasOwn(ctx.tasks, ev.taskId) ? ctx.tasks[ev.taskId] : undefined;
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
  const why = [{ 'zh-CN': '原处理人不可用', en: 'the assignees are no longer available' }];
  const fb = fallbackFor(ctx, env, spec, why);
  const trace = { rule: spec.assignee, candidates: fb.candidates, ...(fb.group ? { group: fb.group } : {}), why };
  createTask(ctx, env, task.state, { assignee: fb.assignee ?? (fb.candidates.length === 1 ? fb.candidates[0] : undefined), candidates: fb.candidates, trace, seqIndex: task.seqIndex }, out);
  return { ok: true, event: MachineEvents.bookkeeping, ctx, effects: out, done: [], audit };
}
