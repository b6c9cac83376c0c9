/**
 * The breach ladder (超时处理): rungs due at the deadline are applied at once, later ones get their
 * own timers. A rung reminds the handlers (N times every D), escalates up the org tree — a notice,
 * or the task itself moved to (or added at) the superior level — asks the supervising level to
 * 督办, flags the case for 通报, and may name an action the system then takes by itself.
 */
import type { BreachRung, SlaSpec } from '../definition/types.ts';
import type { CaseContext } from './context.ts';
import { own } from './context.ts';
import { orgUp } from './directory.ts';
import type { Env } from './env.ts';
import { closeTask } from './ops.ts';
import { addTimer, currentHandlers, ownedTasks } from './sla.ts';
import { createTask, isAggregating } from './tasks.ts';
import type { TimerOwner, TimerRecord } from './timerOwners.ts';
import type { Effect } from './types.ts';
import { readPath } from './view.ts';

function baseOrg(ctx: CaseContext, owner: TimerOwner): string {
  return ownedTasks(ctx, owner).find((t) => t.group)?.group?.orgPath ?? ctx.orgPath;
}

/**
 * `escalate.task`: the overdue task moves to `role` at the superior org (`move`: the old one is
 * cancelled) or a task is added there beside it (`add`; in a countersign the superior joins as a
 * signer). Returns the new task ids, or undefined for a notice-only rung or nobody to take it.
 */
function escalateTask(ctx: CaseContext, env: Env, esc: NonNullable<BreachRung['escalate']>, owner: TimerOwner, orgPath: string, out: Effect[]): string[] | undefined {
  if (!esc.task || esc.task === 'notify') return undefined;
  const users = env.directory.usersWithRole(esc.role, orgPath);
  const tasks = ownedTasks(ctx, owner).filter((t) => t.status === 'pending');
  const state = tasks[0]?.state;
  if (!state || users.length === 0) return undefined;
  const spec = env.compiled.model.states.get(state)!.spec.task!;
  const group = { role: esc.role, orgPath };
  const why = [{ 'zh-CN': `超时提级：${esc.task === 'move' ? '移交' : '加派'}上${esc.levels}级“${env.directory.orgName(orgPath) ?? orgPath}”的 ${esc.role}`, en: `overdue: ${esc.task === 'move' ? 'moved' : 'added'} ${esc.levels} level(s) up to ${esc.role} at "${env.directory.orgName(orgPath) ?? orgPath}"` }];
  const trace = { rule: spec.assignee, candidates: users, group, why };
  const step = ctx.steps[state];
  if (isAggregating(spec)) {
    // a countersign, or-sign or vote: the superior level joins as signers (加签); nobody is taken off
    if (step) ctx.steps[state] = { ...step, order: [...step.order, ...users.filter((u) => !step.order.includes(u))], added: [...step.added, ...users] };
    return users.map((u) => createTask(ctx, env, state, { assignee: u, candidates: [u], trace, added: true }, out).id);
  }
  if (esc.task === 'move') for (const t of tasks) closeTask(ctx, t, 'escalated', out);
  const task = createTask(ctx, env, state, { assignee: users.length === 1 ? users[0] : undefined, candidates: users, trace, seqIndex: tasks[0]?.seqIndex }, out);
  if (esc.task === 'move' && step) {
    const from = tasks[0]?.assignee ?? '';
    ctx.steps[state] = { ...step, order: step.order.map((u) => (u === from || u === '' ? task.assignee ?? '' : u)) };
  }
  return [task.id];
}

/** Applies one rung of the breach ladder; returns the rung when it has an auto-action for the caller to take. */
export function applyRung(ctx: CaseContext, env: Env, rung: BreachRung, timer: TimerRecord, rungIndex: number, out: Effect[]): BreachRung | undefined {
  const vars = { caseId: ctx.caseId, data: ctx.data, escalation: ctx.escalation };
  if (rung.remind) {
    out.push({ kind: 'notify', template: rung.remind.template, channel: 'app', recipients: { users: currentHandlers(ctx, timer.owner) }, vars });
    const done = (timer.repeat ?? 0) + 1;
    if (done < rung.remind.times) {
      const dueAt = env.calendar.add(env.meta.at, rung.remind.every, timer.clock);
      out.push(addTimer(ctx, { ...timer, purpose: 'sla.rung', dueAt, rung: rungIndex, repeat: done }));
    }
  }
  if (rung.escalate) {
    ctx.escalation += rung.escalate.levels;
    const orgPath = orgUp(baseOrg(ctx, timer.owner), rung.escalate.levels);
    out.push({ kind: 'notify', template: rung.escalate.template ?? 'escalated', channel: 'app', recipients: { role: rung.escalate.role, orgPath }, vars });
    const moved = escalateTask(ctx, env, rung.escalate, timer.owner, orgPath, out);
    out.push({ kind: 'audit', action: 'sla.escalated', detail: { owner: timer.owner, levels: rung.escalate.levels, orgPath, ...(moved ? { task: moved } : {}) } });
  }
  if (rung.supervise) {
    const orgPath = orgUp(baseOrg(ctx, timer.owner), rung.supervise.levels ?? 1);
    out.push({ kind: 'notify', template: rung.supervise.template, channel: 'app', recipients: { role: rung.supervise.role, orgPath }, vars });
    const cc = rung.supervise.cc;
    const unit = cc ? readPath(ctx.data, cc.orgField.replace(/^data\./, '')) : undefined;
    if (cc && typeof unit === 'string' && unit) out.push({ kind: 'notify', template: cc.template ?? rung.supervise.template, channel: 'app', recipients: { role: cc.role, orgPath: unit }, vars });
    out.push({ kind: 'audit', action: 'sla.supervised', detail: { owner: timer.owner, orgPath, ...(cc && typeof unit === 'string' && unit ? { cc: unit } : {}) } });
  }
  if (rung.flag) {
    ctx.flags = [...ctx.flags, rung.flag];
    out.push({ kind: 'audit', action: 'sla.flagged', detail: { owner: timer.owner, flag: rung.flag } });
  }
  return rung.auto ? rung : undefined;
}

/** True for PT0S, P0D, PT0H0M and the like: every number in the duration is zero. */
function isZeroDuration(iso: string): boolean {
  return !/[1-9]/.test(iso);
}

/** Handles the deadline: rungs due now are applied, later rungs get their own timers. */
export function onDue(ctx: CaseContext, env: Env, sla: SlaSpec, timer: TimerRecord, out: Effect[]): BreachRung | undefined {
  out.push({ kind: 'audit', action: 'sla.breached', detail: { owner: timer.owner, dueAt: timer.dueAt } });
  const owner = timer.owner;
  if (owner.kind === 'clock' && ctx.clocks[owner.clock]) own(ctx, 'clocks')[owner.clock] = { ...ctx.clocks[owner.clock]!, breached: true };
  let auto: BreachRung | undefined;
  (sla.onBreach ?? []).forEach((rung, i) => {
    if (!rung.after || isZeroDuration(rung.after)) {
      auto = applyRung(ctx, env, rung, timer, i, out) ?? auto;
    } else {
      const dueAt = env.calendar.add(timer.dueAt, rung.after, timer.clock);
      out.push(addTimer(ctx, { ...timer, purpose: 'sla.rung', dueAt, rung: i, repeat: 0 }));
    }
  });
  return auto;
}
