/**
 * Turns a `task.act` event into the XState event to send: checks who may act and with what
 * inputs, applies the task-mode bookkeeping on a working copy of the context, and picks the
 * event — the decision name, a `$goto.<state>` for reject-back/withdraw/resubmit, or `$ctx`.
 */
import type { TaskSpec } from '../definition/types.ts';
import { decisionEvent } from '../compile/compile.ts';
import { diag } from '../diagnostics/catalog.ts';
import type { Diagnostic } from '../diagnostics/Diagnostic.ts';
import type { CaseContext } from './context.ts';
import { applyDecision } from './decide.ts';
import { checkEventData, checkForm } from './formCheck.ts';
import type { Env } from './env.ts';
import { addSigner, delegate, notice, removeSigner, returnDelegation, taskHolders, transfer } from './ops.ts';
import { cancelTimers } from './sla.ts';
import { decisionKind, weightFor } from './tasks.ts';
import type { CaseEvent, Effect, TaskRecord } from './types.ts';

export type TaskActEvent = Extract<CaseEvent, { type: 'task.act' }>;
export type Prepared = { ok: true; type: string; ctx: CaseContext; effects: Effect[]; done: string[]; data?: Record<string, unknown> } | { ok: false; diagnostics: Diagnostic[] };

const fail = (d: Diagnostic): Prepared => ({ ok: false, diagnostics: [d] });

function checkInputs(action: string, requires: string[] | undefined, ev: TaskActEvent): Diagnostic | undefined {
  for (const input of requires ?? []) {
    const has = input === 'comment' ? Boolean(ev.comment?.trim()) : input === 'signature' ? Boolean(ev.signature) : Boolean(ev.attachments?.length);
    if (!has) return diag('run.missing-input', '/' + input, { action, input });
  }
  return undefined;
}

/** Field-matrix check: only write/required fields (or the form's own fields) may be written. */
export function checkFields(env: Env, spec: TaskSpec, data: Record<string, unknown> | undefined, merged: Record<string, unknown>, approving: boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  const props = (env.compiled.definition.data.properties ?? {}) as Record<string, unknown>;
  const form = spec.form ? env.compiled.definition.forms?.[spec.form] : undefined;
  const matrix = spec.fields ?? {};
  for (const key of Object.keys(data ?? {})) {
    if (!Object.hasOwn(props, key)) { out.push(diag('run.unknown-field', '/data/' + key, { field: key })); continue; }
    const access = matrix[key] ?? (form?.fields.includes(key) ? 'write' : 'read');
    if (access !== 'write' && access !== 'required') out.push(diag('run.field-not-writable', '/data/' + key, { field: key }));
  }
  if (!approving) return out;
  // the form's own required fields are checked by checkForm (which knows what visibleIf hides)
  for (const key of Object.entries(matrix).filter(([, a]) => a === 'required').map(([k]) => k)) {
    const v = merged[key];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) out.push(diag('run.field-required', '/data/' + key, { field: key }));
  }
  return out;
}

function rejectTarget(env: Env, ctx: CaseContext, state: string, to: string): string | undefined {
  const allowed = env.compiled.gotoTargets.get(state) ?? [];
  if (to === 'initiator') {
    const steps = env.compiled.initiatorSteps;
    const taken = ctx.trail.find((t) => steps.includes(t.state) && t.by === ctx.initiator.userId) ?? ctx.trail.find((t) => steps.includes(t.state));
    return taken?.state ?? steps[0];
  }
  if (to !== 'previous') return to;
  return [...ctx.trail].reverse().find((t) => t.state !== state && allowed.includes(t.state))?.state;
}

/** The event a reached outcome sends: reject-back and resubmit-return jump; others use `on`. */
function outcomeEvent(env: Env, ctx: CaseContext, state: string, spec: TaskSpec, outcome: string): string | Diagnostic {
  const d = spec.decisions[outcome];
  const kind = decisionKind(outcome, d);
  if (d?.to && (kind === 'reject' || kind === 'return')) {
    const target = rejectTarget(env, ctx, state, d.to);
    if (!target) return diag('run.no-reject-target', '/action', { action: outcome });
    if ((d.resubmit ?? 'flow') === 'return') ctx.rejectReturn = { from: state, to: target };
    return '$goto.' + target;
  }
  if (kind === 'approve' && ctx.rejectReturn?.to === state) {
    const back = ctx.rejectReturn.from;
    ctx.rejectReturn = undefined; // not `delete`: XState merges the assigned context into the old one
    return '$goto.' + back;
  }
  return decisionEvent(env.compiled, state, outcome);
}

function decide(env: Env, ctx: CaseContext, task: TaskRecord, ev: TaskActEvent, spec: TaskSpec, out: Effect[]): Prepared {
  const d = spec.decisions[ev.action]!;
  const actor = ev.meta.actor!;
  if (d.roles && !d.roles.some((r) => actor.roles.includes(r))) return fail(diag('run.role-not-allowed', '/action', { action: ev.action }));
  const missing = checkInputs(ev.action, d.requires, ev);
  if (missing) return fail(missing);
  const merged = ev.data ? { ...ctx.data, ...ev.data } : ctx.data;
  const approving = decisionKind(ev.action, d) === 'approve';
  const fieldErrors = checkFields(env, spec, ev.data, merged, approving);
  if (fieldErrors.length) return { ok: false, diagnostics: fieldErrors };
  ctx.data = merged;
  const written = ev.data ? checkEventData(env.compiled, ev.data, ev.meta.at) : [];
  if (written.length) return { ok: false, diagnostics: written };
  if (spec.form) {
    const formErrors = checkForm(env.compiled, spec.form, ctx, { meta: ev.meta, actor, data: ev.data, comment: ev.comment, label: ev.action }, approving, ev.meta.at);
    if (formErrors.length) return { ok: false, diagnostics: formErrors };
  }
  delete ctx.tasks[task.id];
  out.push(...cancelTimers(ctx, task.id));
  ctx.trail = [...ctx.trail.slice(-49), { state: task.state, taskId: task.id, by: actor.userId, decision: ev.action, at: ev.meta.at }];
  if (task.delegatedFrom) {
    returnDelegation(ctx, task, out);
    return { ok: true, type: '$ctx', ctx, effects: out, done: [task.id] };
  }
  const weight = spec.mode === 'vote' ? weightFor(spec, actor.roles) : undefined;
  const outcome = applyDecision(ctx, env, task, ev.action, actor.userId, weight, out);
  if (!outcome) return { ok: true, type: '$ctx', ctx, effects: out, done: [task.id] };
  const type = outcomeEvent(env, ctx, task.state, spec, outcome);
  if (typeof type !== 'string') return fail(type);
  return { ok: true, type, ctx, effects: out, done: [task.id] };
}

function operate(env: Env, ctx: CaseContext, task: TaskRecord, ev: TaskActEvent, spec: TaskSpec, out: Effect[]): Prepared {
  const op = ev.action as 'transfer' | 'delegate' | 'addSigner' | 'removeSigner' | 'urge' | 'copy';
  const actor = ev.meta.actor!.userId;
  if (op !== 'urge' && !(spec.allow ?? []).includes(op)) return fail(diag('run.action-not-allowed', '/action', { action: op }));
  const missing = checkInputs(op, spec.requires?.[op], ev);
  if (missing) return fail(missing);
  const users = ev.users ?? [];
  if (op !== 'urge' && users.length === 0) return fail(diag('run.missing-users', '/users', { action: op }));
  const unknown = users.find((u) => !env.directory.hasUser(u));
  if (unknown) return fail(diag('run.unknown-user', '/users', { user: unknown }));
  const input = { users, position: ev.position, actor };
  let outcome: string | undefined;
  if (op === 'transfer') transfer(ctx, env, task, input, out);
  else if (op === 'delegate') delegate(ctx, env, task, input, out);
  else if (op === 'addSigner') addSigner(ctx, env, task, input, out);
  else if (op === 'removeSigner') outcome = removeSigner(ctx, env, task, input, out);
  else notice(ctx, task, op, input, out);
  out.push({ kind: 'audit', action: `task.${op}`, detail: { taskId: task.id, by: actor, users } });
  if (!outcome) return { ok: true, type: '$ctx', ctx, effects: out, done: [] };
  const type = outcomeEvent(env, ctx, task.state, spec, outcome);
  return typeof type === 'string' ? { ok: true, type, ctx, effects: out, done: [] } : fail(type);
}

/** 撤回: the last submitter pulls the case back while no next task has been opened. */
export function prepareWithdraw(env: Env, ctx: CaseContext, ev: TaskActEvent): Prepared {
  const actor = ev.meta.actor?.userId;
  const last = ctx.trail[ctx.trail.length - 1];
  if (!last || last.by !== actor || last.taskId !== ev.taskId) return fail(diag('run.nothing-to-withdraw', '/taskId'));
  const open = Object.values(ctx.tasks);
  const spec = env.compiled.model.states.get(last.state)?.spec.task;
  const allowed = spec?.allow?.includes('withdraw');
  if (!allowed) return fail(diag('run.action-not-allowed', '/action', { action: 'withdraw' }));
  const reachable = open.every((t) => (env.compiled.gotoTargets.get(t.state) ?? []).includes(last.state));
  if (open.length === 0 || !reachable || open.some((t) => t.opened || t.createdAt < last.at)) return fail(diag('run.withdraw-too-late', '/taskId'));
  ctx.trail = ctx.trail.slice(0, -1);
  return { ok: true, type: '$goto.' + last.state, ctx, effects: [{ kind: 'audit', action: 'task.withdrawn', detail: { taskId: last.taskId, by: actor } }], done: [] };
}

function claim(ctx: CaseContext, task: TaskRecord, ev: TaskActEvent, out: Effect[]): Prepared {
  const actor = ev.meta.actor!.userId;
  if (ev.action === 'open') {
    ctx.tasks[task.id] = { ...task, opened: true };
    return { ok: true, type: '$ctx', ctx, effects: out, done: [] };
  }
  if (ev.action === 'claim' ? task.assignee !== undefined : task.assignee !== actor || task.candidates.length < 2) return fail(diag('run.not-claimable', '/taskId'));
  const next: TaskRecord = { ...task, opened: true };
  if (ev.action === 'claim') next.assignee = actor;
  else delete next.assignee;
  ctx.tasks[task.id] = next;
  out.push({ kind: 'task.update', taskId: task.id, status: 'pending', ...(next.assignee ? { assignee: next.assignee } : {}) });
  return { ok: true, type: '$ctx', ctx, effects: out, done: [] };
}

/** Prepares a task action on a working copy `ctx` of the context. */
export function prepareTaskAct(env: Env, ctx: CaseContext, ev: TaskActEvent): Prepared {
  if (ev.action === 'withdraw') return prepareWithdraw(env, ctx, ev);
  const task = ctx.tasks[ev.taskId];
  if (!task) return fail(diag('run.unknown-task', '/taskId', { taskId: ev.taskId }));
  const actor = ev.meta.actor;
  const holders = taskHolders(task);
  const isHolder = Boolean(actor && holders.includes(actor.userId));
  const out: Effect[] = [];
  const spec = env.compiled.model.states.get(task.state)!.spec.task!;
  if (ev.action === 'urge') return actor ? operate(env, ctx, task, ev, spec, out) : fail(diag('run.not-assignee', '/meta/actor'));
  if (!actor || !isHolder) return fail(diag('run.not-assignee', '/meta/actor'));
  if (ev.action === 'open' || ev.action === 'claim' || ev.action === 'unclaim') return claim(ctx, task, ev, out);
  if (task.status !== 'pending') return fail(diag('run.task-not-pending', '/taskId', { status: task.status }));
  if (Object.hasOwn(spec.decisions, ev.action)) {
    // acting on an unclaimed group task claims it for this decision
    return decide(env, ctx, { ...task, assignee: task.assignee ?? actor.userId }, ev, spec, out);
  }
  if (['transfer', 'delegate', 'addSigner', 'removeSigner', 'copy'].includes(ev.action)) return operate(env, ctx, task, ev, spec, out);
  return fail(diag('run.unknown-action', '/action', { action: ev.action }));
}
