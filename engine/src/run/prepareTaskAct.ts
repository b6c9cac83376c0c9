/**
 * Turns a `task.act` event into the engine event to send: checks who may act (./acceptance.ts)
 * and with what inputs, applies the task-mode bookkeeping on a working copy of the context, and
 * picks the event — the step's outcome, a jump (reject-back, withdraw, resubmit), or bookkeeping.
 */
import { MachineEvents, type MachineEventRef } from '../compile/internalEvents.ts';
import { isInitiatorStep } from '../compile/model.ts';
import { decisionKind } from '../definition/decisions.ts';
import type { TaskSpec } from '../definition/types.ts';
import { diag } from '../diagnostics/catalog.ts';
import type { Diagnostic } from '../diagnostics/Diagnostic.ts';
import { taskActRefusal, taskSpecOf } from './acceptance.ts';
import { targetRefusal } from './assign.ts';
import type { CaseContext } from './context.ts';
import { applyDecision } from './decide.ts';
import type { Env } from './env.ts';
import { checkEventData, checkForm } from './formCheck.ts';
import { checkRules } from './rules.ts';
import { missingRequired, unwritable } from './fieldAccess.ts';
import { addSigner, delegate, notice, removeSigner, returnDelegation, taskUpdate, transfer } from './ops.ts';
import { refused, type Prepared } from './prepared.ts';
import { cancelTimers } from './sla.ts';
import { weightFor } from './tasks.ts';
import { isSecretBallot, SECRET_DECISION } from './secretBallot.ts';
import { TimerOwners } from './timerOwners.ts';
import type { CaseEvent, Effect, TaskRecord } from './types.ts';

export type TaskActEvent = Extract<CaseEvent, { type: 'task.act' }>;

function checkInputs(action: string, requires: readonly string[] | undefined, ev: Pick<TaskActEvent, 'comment' | 'signature' | 'attachments'>): Diagnostic | undefined {
  for (const input of requires ?? []) {
    const has = input === 'comment' ? Boolean(ev.comment?.trim()) : input === 'signature' ? Boolean(ev.signature) : Boolean(ev.attachments?.length);
    if (!has) return diag('run.missing-input', '/' + input, { action, input });
  }
  return undefined;
}

/** Field-matrix check: only write/required fields (or the form's own fields) may be written, nested paths leaf by leaf. */
export function checkFields(env: Env, spec: TaskSpec, data: Record<string, unknown> | undefined, before: Record<string, unknown>, merged: Record<string, unknown>, approving: boolean): Diagnostic[] {
  const props = (env.compiled.definition.data.properties ?? {}) as Record<string, unknown>;
  const form = spec.form ? env.compiled.definition.forms?.[spec.form] : undefined;
  const matrix = spec.fields ?? {};
  const written = data ?? {};
  const unknown = Object.keys(written).filter((k) => !Object.hasOwn(props, k));
  if (unknown.length) return unknown.map((k) => diag('run.unknown-field', '/data/' + k, { field: k }));
  const out = unwritable(matrix, written, before, (k) => (form?.fields.includes(k) ? 'write' : 'read'));
  // the form's own required fields are checked by checkForm (which knows what visibleIf hides)
  return approving ? [...out, ...missingRequired(matrix, merged)] : out;
}

function rejectTarget(env: Env, ctx: CaseContext, state: string, to: string): string | undefined {
  const allowed = env.compiled.gotoTargets.get(state) ?? [];
  if (to === 'initiator') {
    // a correction step assigned to the initiator, when the item has one: a task in the initiator's own hands
    const own = env.compiled.initiatorTargets.filter((s) => isInitiatorStep(env.compiled.model, s));
    if (own.length) return own.find((s) => allowed.includes(s)) ?? own[0];
    // otherwise the first human step this case took (documented: it is the initiator's only when they took it)
    const steps = env.compiled.initiatorSteps;
    const taken = ctx.trail.find((t) => steps.includes(t.state) && t.by === ctx.initiator.userId) ?? ctx.trail.find((t) => steps.includes(t.state));
    return taken?.state ?? steps[0];
  }
  if (to !== 'previous') return to;
  return [...ctx.trail].reverse().find((t) => t.state !== state && allowed.includes(t.state))?.state;
}

/** The event a reached outcome sends: reject-back and resubmit-return jump; others leave by the step's decision. */
export function outcomeEvent(env: Env, ctx: CaseContext, state: string, spec: TaskSpec, outcome: string): MachineEventRef | Diagnostic {
  const d = spec.decisions[outcome];
  const kind = decisionKind(outcome, d);
  if (d?.to && (kind === 'reject' || kind === 'return')) {
    const target = rejectTarget(env, ctx, state, d.to);
    if (!target) return diag('run.no-reject-target', '/action', { action: outcome });
    if ((d.resubmit ?? 'flow') === 'return') ctx.rejectReturn = { from: state, to: target };
    return MachineEvents.goto(target);
  }
  if (kind === 'approve' && ctx.rejectReturn?.to === state) {
    const back = ctx.rejectReturn.from;
    ctx.rejectReturn = undefined; // not `delete`: XState merges the assigned context into the old one
    return MachineEvents.goto(back);
  }
  return MachineEvents.decision(state, outcome);
}

const isDiagnostic = (x: MachineEventRef | Diagnostic): x is Diagnostic => 'code' in x;

function decide(env: Env, ctx: CaseContext, task: TaskRecord, ev: TaskActEvent, spec: TaskSpec, out: Effect[]): Prepared {
  const d = spec.decisions[ev.action]!;
  const actor = ev.meta.actor!;
  const missing = checkInputs(ev.action, d.requires, ev);
  if (missing) return refused(missing);
  const merged = ev.data ? { ...ctx.data, ...ev.data } : ctx.data;
  const approving = decisionKind(ev.action, d) === 'approve';
  const fieldErrors = checkFields(env, spec, ev.data, ctx.data, merged, approving);
  if (fieldErrors.length) return { ok: false, diagnostics: fieldErrors };
  ctx.data = merged;
  const written = ev.data ? checkEventData(env.compiled, ev.data, ev.meta.at) : [];
  if (written.length) return { ok: false, diagnostics: written };
  const view = { meta: ev.meta, actor, data: ev.data, comment: ev.comment };
  const formErrors = spec.form ? checkForm(env.compiled, spec.form, ctx, view, approving, ev.meta.at) : ev.data ? checkRules(env.compiled, undefined, ctx.data, view) : [];
  if (formErrors.length) return { ok: false, diagnostics: formErrors };
  delete ctx.tasks[task.id];
  // 无记名投票: the task row, the trail and the audit entry say that the voter voted, never the choice
  const shown = isSecretBallot(spec, ctx.data) && decisionKind(ev.action, d) !== 'other' ? SECRET_DECISION : ev.action;
  out.push(...cancelTimers(ctx, TimerOwners.task(task.id, task.state)), { kind: 'task.complete', taskId: task.id, decision: shown, by: actor.userId });
  ctx.trail = [...ctx.trail.slice(-49), { state: task.state, taskId: task.id, by: actor.userId, decision: shown, at: ev.meta.at }];
  const audit = { taskId: task.id, decision: shown };
  if (task.delegatedFrom) {
    returnDelegation(ctx, task, out);
    return { ok: true, event: MachineEvents.bookkeeping, ctx, effects: out, done: [task.id], audit };
  }
  const weight = spec.mode === 'vote' ? weightFor(spec, actor.roles) : undefined;
  const outcome = applyDecision(ctx, env, task, ev.action, actor.userId, weight, out);
  if (!outcome) return { ok: true, event: MachineEvents.bookkeeping, ctx, effects: out, done: [task.id], audit };
  const event = outcomeEvent(env, ctx, task.state, spec, outcome);
  if (isDiagnostic(event)) return refused(event);
  return { ok: true, event, ctx, effects: out, done: [task.id], audit };
}

function operate(env: Env, ctx: CaseContext, task: TaskRecord, ev: TaskActEvent, spec: TaskSpec, out: Effect[]): Prepared {
  const op = ev.action as 'transfer' | 'delegate' | 'addSigner' | 'removeSigner' | 'urge' | 'copy';
  const actor = ev.meta.actor!.userId;
  const missing = checkInputs(op, spec.requires?.[op], ev);
  if (missing) return refused(missing);
  const users = ev.users ?? [];
  if (op !== 'urge' && users.length === 0) return refused(diag('run.missing-users', '/users', { action: op }));
  const unknown = users.find((u) => !env.directory.hasUser(u));
  if (unknown) return refused(diag('run.unknown-user', '/users', { user: unknown }));
  if (op === 'transfer' || op === 'delegate' || op === 'addSigner') {
    const problems = users.map((u, i) => targetRefusal(ctx, env, spec, task.group, u, `/users/${i}`)).filter((d): d is Diagnostic => Boolean(d));
    if (problems.length) return { ok: false, diagnostics: problems };
  }
  const input = { users, position: ev.position, actor };
  let outcome: string | undefined;
  if (op === 'transfer') transfer(ctx, env, task, input, out);
  else if (op === 'delegate') delegate(ctx, env, task, input, out);
  else if (op === 'addSigner') addSigner(ctx, env, task, input, out);
  else if (op === 'removeSigner') outcome = removeSigner(ctx, env, task, input, out);
  else notice(ctx, task, op, input, out);
  const audit = { taskId: task.id, ...(op === 'urge' ? {} : { users }) };
  if (!outcome) return { ok: true, event: MachineEvents.bookkeeping, ctx, effects: out, done: [], audit };
  const event = outcomeEvent(env, ctx, task.state, spec, outcome);
  return isDiagnostic(event) ? refused(event) : { ok: true, event, ctx, effects: out, done: [], audit };
}

function withdraw(ctx: CaseContext): Prepared {
  const last = ctx.trail[ctx.trail.length - 1]!;
  ctx.trail = ctx.trail.slice(0, -1);
  return { ok: true, event: MachineEvents.goto(last.state), ctx, effects: [], done: [], audit: { taskId: last.taskId } };
}

function claim(ctx: CaseContext, task: TaskRecord, ev: TaskActEvent, out: Effect[]): Prepared {
  const actor = ev.meta.actor!.userId;
  if (ev.action === 'open') {
    ctx.tasks[task.id] = { ...task, opened: true };
    return { ok: true, event: MachineEvents.bookkeeping, ctx, effects: out, done: [] };
  }
  const next: TaskRecord = { ...task, opened: true };
  if (ev.action === 'claim') next.assignee = actor;
  else delete next.assignee;
  ctx.tasks[task.id] = next;
  out.push(taskUpdate(next));
  return { ok: true, event: MachineEvents.bookkeeping, ctx, effects: out, done: [], audit: { taskId: task.id } };
}

/** Prepares a task action on a working copy `ctx` of the context. */
export function prepareTaskAct(env: Env, ctx: CaseContext, ev: TaskActEvent): Prepared {
  const refusal = taskActRefusal(env.compiled, ctx, ev.taskId, ev.action, ev.meta.actor);
  if (refusal) return refused(refusal);
  if (ev.action === 'withdraw') return withdraw(ctx);
  const task = ctx.tasks[ev.taskId]!;
  const spec = taskSpecOf(env.compiled, task);
  const out: Effect[] = [];
  if (ev.action === 'open' || ev.action === 'claim' || ev.action === 'unclaim') return claim(ctx, task, ev, out);
  // acting on an unclaimed group task claims it for this decision
  if (Object.hasOwn(spec.decisions, ev.action)) return decide(env, ctx, { ...task, assignee: task.assignee ?? ev.meta.actor!.userId }, ev, spec, out);
  return operate(env, ctx, task, ev, spec, out);
}
