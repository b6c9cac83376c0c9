/**
 * SLA timers on the county calendar: start (due + 2/3 warning), pause/resume for case clocks,
 * extension, and the breach ladder (remind, escalate, 督办, 通报 flag, auto-action).
 * Durable time is data: every timer is a `timer.start` effect with an absolute due time.
 */
import type { BreachRung, SlaSpec } from '../definition/types.ts';
import { expression } from '../compile/compile.ts';
import { ExprKeys } from '../compile/exprKeys.ts';
import type { CaseContext } from './context.ts';
import { nextId, own } from './context.ts';
import { orgUp } from './directory.ts';
import type { Env } from './env.ts';
import { sameOwner, type TimerOwner, type TimerRecord } from './timerOwners.ts';
import type { Effect } from './types.ts';
import { logicView } from './view.ts';

/** Adds a timer to the context and returns its effect. */
export function addTimer(ctx: CaseContext, rec: TimerRecord): Effect {
  const [id, seq] = nextId(ctx, 'tm');
  ctx.seq = seq;
  ctx.timers[id] = rec;
  return { kind: 'timer.start', timerId: id, dueAt: rec.dueAt, purpose: rec.purpose, clock: rec.clock };
}

/** Cancels every timer of `owner`. */
export function cancelTimers(ctx: CaseContext, owner: TimerOwner): Effect[] {
  const out: Effect[] = [];
  for (const [id, t] of Object.entries(ctx.timers)) {
    if (!sameOwner(t.owner, owner)) continue;
    delete ctx.timers[id];
    out.push({ kind: 'timer.cancel', timerId: id });
  }
  return out;
}

/** The SLA's duration: `withinFrom` (JSONLogic giving an ISO duration) when it yields one, else `within`. */
export function slaWithin(ctx: CaseContext, env: Env, sla: SlaSpec, slaPath: string): string {
  if (sla.withinFrom === undefined) return sla.within;
  const v = expression(env.compiled, ExprKeys.withinFrom(slaPath)).evaluate(logicView(ctx, undefined));
  return typeof v === 'string' && /^P/.test(v) ? v : sla.within;
}

/** Starts an SLA for `owner`: the due timer, and the warning timer at `warnAt` of the clock time. Returns the due time. */
export function startSla(ctx: CaseContext, env: Env, sla: SlaSpec, owner: TimerOwner, within: string, out: Effect[]): number {
  const at = env.meta.at;
  const dueAt = env.calendar.add(at, within, sla.clock);
  out.push(addTimer(ctx, { purpose: 'sla.due', dueAt, clock: sla.clock, owner }));
  if (sla.warnAt) {
    const warnAt = env.calendar.fractionPoint(at, dueAt, sla.warnAt, sla.clock);
    out.push(addTimer(ctx, { purpose: 'sla.warn', dueAt: warnAt, clock: sla.clock, owner }));
  }
  return dueAt;
}

/** The open tasks an owner's deadline is about: its task, its step's tasks, or every open task for a case clock. */
export function ownedTasks(ctx: CaseContext, owner: TimerOwner): CaseContext['tasks'][string][] {
  const open = Object.values(ctx.tasks);
  if (owner.kind === 'task') return open.filter((t) => t.id === owner.taskId);
  if (owner.kind === 'step') return open.filter((t) => t.state === owner.state);
  return owner.kind === 'clock' ? open : [];
}

/** Who a ladder notice goes to: the pending tasks' holders. */
export function currentHandlers(ctx: CaseContext, owner: TimerOwner): string[] {
  const tasks = ownedTasks(ctx, owner).filter((t) => t.status === 'pending');
  return [...new Set(tasks.flatMap((t) => (t.assignee ? [t.assignee] : t.candidates)))].sort();
}

function baseOrg(ctx: CaseContext, owner: TimerOwner): string {
  return ownedTasks(ctx, owner).find((t) => t.group)?.group?.orgPath ?? ctx.orgPath;
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
    out.push({ kind: 'audit', action: 'sla.escalated', detail: { owner: timer.owner, levels: rung.escalate.levels, orgPath } });
  }
  if (rung.supervise) {
    const orgPath = orgUp(baseOrg(ctx, timer.owner), rung.supervise.levels ?? 1);
    out.push({ kind: 'notify', template: rung.supervise.template, channel: 'app', recipients: { role: rung.supervise.role, orgPath }, vars });
    out.push({ kind: 'audit', action: 'sla.supervised', detail: { owner: timer.owner, orgPath } });
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
