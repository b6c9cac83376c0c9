/** Prepares system events: timers, adapter results, sub-case completions, plain external events. */
import type { SlaSpec } from '../definition/types.ts';
import { decisionEvent } from '../compile/compile.ts';
import { diag } from '../diagnostics/catalog.ts';
import { own, type CaseContext } from './context.ts';
import type { Env } from './env.ts';
import type { Prepared } from './prepare-task.ts';
import { applyRung, cancelTimers, onDue } from './sla.ts';
import { orgAt } from './directory.ts';
import { createTask, firstOfKind } from './tasks.ts';
import type { CaseEvent, Effect } from './types.ts';

type Ev<T extends string> = Extract<CaseEvent, { type: T }>;

function slaOf(env: Env, ref: string): SlaSpec | undefined {
  const [kind, name] = [ref.slice(0, ref.indexOf(':')), ref.slice(ref.indexOf(':') + 1)];
  if (kind === 'clock') return env.compiled.definition.clocks?.[name];
  if (kind === 'task') return env.compiled.model.states.get(name)?.spec.task?.sla;
  return undefined;
}

/** An auto-action on breach: a task SLA takes the decision on its step, a clock raises the event. */
function autoEvent(env: Env, ctx: CaseContext, owner: string, auto: string, out: Effect[]): { type: string; done: string[] } {
  const task = ctx.tasks[owner];
  if (!task) return { type: auto, done: [] };
  const spec = env.compiled.model.states.get(task.state)!.spec.task!;
  const decision = Object.hasOwn(spec.decisions, auto) ? auto : firstOfKind(spec, 'approve') ?? auto;
  out.push({ kind: 'audit', action: 'task.auto-decided', detail: { taskId: task.id, decision } });
  const done = Object.values(ctx.tasks).filter((t) => t.state === task.state).map((t) => t.id);
  return { type: decisionEvent(env.compiled, task.state, decision), done };
}

/** A durable timer fired: warning, deadline (breach ladder), a later rung, or a wait timeout. */
export function prepareTimer(env: Env, ctx: CaseContext, ev: Ev<'timer.fired'>): Prepared {
  const timer = ctx.timers[ev.timerId];
  if (!timer) return { ok: false, diagnostics: [diag('run.unknown-timer', '/timerId', { timerId: ev.timerId })] };
  delete ctx.timers[ev.timerId];
  const out: Effect[] = [];
  if (timer.purpose === 'wait.timeout') {
    const spec = env.compiled.model.states.get(timer.owner)?.spec.wait?.timeout;
    return { ok: true, type: spec?.event ?? '$ctx', ctx, effects: out, done: [] };
  }
  const sla = slaOf(env, timer.sla);
  let auto: string | undefined;
  if (timer.purpose === 'sla.warn') {
    const users = Object.values(ctx.tasks).filter((t) => timer.owner.startsWith('clock:') || t.id === timer.owner).flatMap((t) => (t.assignee ? [t.assignee] : t.candidates));
    out.push({ kind: 'notify', template: sla?.warnTemplate ?? 'sla-warning', channel: 'app', recipients: { users: [...new Set(users)].sort() }, vars: { caseId: ctx.caseId, dueAt: timer.dueAt } });
    out.push({ kind: 'audit', action: 'sla.warned', detail: { owner: timer.owner } });
  } else if (timer.purpose === 'sla.due' && sla) auto = onDue(ctx, env, sla, timer, out);
  else if (timer.purpose === 'sla.rung' && sla?.onBreach?.[timer.rung ?? -1]) auto = applyRung(ctx, env, sla.onBreach[timer.rung!]!, timer, timer.rung!, out);
  if (!auto) return { ok: true, type: '$ctx', ctx, effects: out, done: [] };
  const a = autoEvent(env, ctx, timer.owner, auto, out);
  return { ok: true, type: a.type, ctx, effects: out, done: a.done };
}

/** An adapter answered: the request's onSuccess/onFailure event, or just bookkeeping. */
export function prepareAdapter(env: Env, ctx: CaseContext, ev: Ev<'adapter.succeeded' | 'adapter.failed'>): Prepared {
  const req = ctx.requests[ev.requestId];
  if (!req) return { ok: false, diagnostics: [diag('run.unknown-request', '/requestId', { requestId: ev.requestId })] };
  delete own(ctx, 'requests')[ev.requestId];
  const next = ev.type === 'adapter.succeeded' ? req.onSuccess : req.onFailure;
  // the output lands in the case data only where the data schema declares (and tags) `<operation>_result`
  const field = `${req.operation.replace(/[.-]/g, '_')}_result`;
  const declared = Object.hasOwn((env.compiled.definition.data.properties ?? {}) as object, field);
  if (declared && ev.type === 'adapter.succeeded' && ev.output && typeof ev.output === 'object' && !Array.isArray(ev.output)) {
    ctx.data = { ...ctx.data, [field]: ev.output };
  }
  const effects: Effect[] = [{ kind: 'audit', action: ev.type, detail: { requestId: ev.requestId, operation: req.operation, ...(ev.error ? { error: ev.error } : {}) } }];
  return { ok: true, type: next ?? '$ctx', ctx, effects, done: [] };
}

/** A sub-case finished: when the join is satisfied, `subcase.done` is sent. */
export function prepareSubcase(ctx: CaseContext, ev: Ev<'subcase.completed'>): Prepared {
  const sub = ctx.subcases[ev.childId];
  if (!sub) return { ok: false, diagnostics: [diag('run.unknown-subcase', '/childId', { childId: ev.childId })] };
  own(ctx, 'subcases')[ev.childId] = { ...sub, outcome: ev.outcome };
  const siblings = Object.values(ctx.subcases).filter((s) => s.state === sub.state);
  const joined = sub.join === 'any' || siblings.every((s) => s.outcome !== undefined);
  ctx.data = { ...ctx.data, subcaseOutcome: ev.outcome };
  return { ok: true, type: joined ? 'subcase.done' : '$ctx', ctx, effects: [], done: [] };
}

/** The runtime found nobody to serve a task (e.g. its users were disabled): the step's empty-assignee policy applies. */
export function prepareUnassignable(env: Env, ctx: CaseContext, ev: Ev<'task.unassignable'>): Prepared {
  const task = ctx.tasks[ev.taskId];
  if (!task) return { ok: false, diagnostics: [diag('run.unknown-task', '/taskId', { taskId: ev.taskId })] };
  const spec = env.compiled.model.states.get(task.state)!.spec.task!;
  const policy = spec.onEmpty ?? 'admin';
  const out: Effect[] = [{ kind: 'audit', action: 'task.unassignable', detail: { taskId: task.id, policy: typeof policy === 'string' ? policy : 'fallback' } }];
  if (policy === 'auto-pass' || policy === 'auto-reject') {
    const decision = firstOfKind(spec, policy === 'auto-pass' ? 'approve' : 'reject') ?? Object.keys(spec.decisions)[0]!;
    const done = Object.values(ctx.tasks).filter((t) => t.state === task.state).map((t) => t.id);
    return { ok: true, type: decisionEvent(env.compiled, task.state, decision), ctx, effects: out, done };
  }
  delete ctx.tasks[task.id];
  out.push(...cancelTimers(ctx, task.id), { kind: 'task.cancel', taskId: task.id, reason: 'unassignable' });
  const county = orgAt(ctx.orgPath, 'county') ?? ctx.orgPath;
  const users = typeof policy === 'object' ? [policy.fallbackUser] : env.directory.usersWithRole('county-admin', county);
  const why = [{ 'zh-CN': typeof policy === 'object' ? `原处理人不可用，转备用处理人 ${policy.fallbackUser}` : '原处理人不可用，转县级管理员', en: typeof policy === 'object' ? `nobody available; fallback user ${policy.fallbackUser}` : 'nobody available; county admins' }];
  const trace = { rule: spec.assignee, candidates: users, ...(typeof policy === 'object' ? {} : { group: { role: 'county-admin', orgPath: county } }), why };
  createTask(ctx, env, task.state, { assignee: users.length === 1 ? users[0] : undefined, candidates: users, trace, seqIndex: task.seqIndex }, out);
  return { ok: true, type: '$ctx', ctx, effects: out, done: [] };
}
