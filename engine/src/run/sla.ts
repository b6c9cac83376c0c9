/**
 * SLA timers on the county calendar: start (due + 2/3 warning), cancel, the clock an SLA counts
 * on, and who a deadline is about. The breach ladder is ./breach.ts.
 * Durable time is data: every timer is a `timer.start` effect with an absolute due time.
 */
import type { Clock, SlaSpec } from '../definition/types.ts';
import { expression } from '../compile/compile.ts';
import { ExprKeys } from '../compile/exprKeys.ts';
import type { CaseContext } from './context.ts';
import { nextId } from './context.ts';
import type { Env } from './env.ts';
import { sameOwner, type TimerOwner, type TimerRecord } from './timerOwners.ts';
import type { Effect } from './types.ts';
import { logicView } from './view.ts';
import { toEpochMs } from '../expr/dates.ts';

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

const Clocks: readonly Clock[] = ['natural', 'working', 'urgent'];

/** The clock an SLA counts on: `clockFrom` (JSONLogic over the case data, e.g. urgent cases on the urgent clock) when it names one, else `clock`. */
export function slaClock(ctx: CaseContext, env: Env, sla: SlaSpec, slaPath: string): Clock {
  if (sla.clockFrom === undefined) return sla.clock;
  const v = expression(env.compiled, ExprKeys.clockFrom(slaPath)).evaluate(logicView(ctx, undefined));
  return Clocks.includes(v as Clock) ? (v as Clock) : sla.clock;
}

/** The SLA's absolute cap from `dueBy` (an ISO date-time or epoch ms from the case data), if it yields one. */
export function slaDueBy(ctx: CaseContext, env: Env, sla: SlaSpec, slaPath: string): number | undefined {
  if (sla.dueBy === undefined) return undefined;
  const ms = toEpochMs(expression(env.compiled, ExprKeys.dueBy(slaPath)).evaluate(logicView(ctx, undefined)));
  return ms === null ? undefined : ms;
}

/**
 * Starts the SLA at `slaPath` for `owner`: the due timer, and the warning timer at `warnAt` of the
 * clock time. The duration and the clock may come from the case data. Returns the due time and clock.
 */
export function startSla(ctx: CaseContext, env: Env, sla: SlaSpec, slaPath: string, owner: TimerOwner, out: Effect[]): { dueAt: number; clock: Clock } {
  const at = env.meta.at;
  const clock = slaClock(ctx, env, sla, slaPath);
  const computed = env.calendar.add(at, slaWithin(ctx, env, sla, slaPath), clock);
  // an outside deadline (the hotline's per-ticket one) wins when it is shorter; one already past is due at once
  const cap = slaDueBy(ctx, env, sla, slaPath);
  const dueAt = cap !== undefined && cap < computed ? Math.max(cap, at) : computed;
  out.push(addTimer(ctx, { purpose: 'sla.due', dueAt, clock, owner }));
  if (sla.warnAt) {
    const warnAt = env.calendar.fractionPoint(at, dueAt, sla.warnAt, clock);
    out.push(addTimer(ctx, { purpose: 'sla.warn', dueAt: warnAt, clock, owner }));
  }
  return { dueAt, clock };
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
