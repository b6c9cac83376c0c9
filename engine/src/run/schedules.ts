/**
 * Recurring schedules (定期任务): a schedule runs while the case is between its start and stop
 * states and sends its event at every occurrence. Occurrence k is computed from the fixed anchor
 * (anchor + k × every on its clock, or the day-N / Nth-working-day of each month on the county
 * calendar), never from the previous firing, so a late or retried firing never shifts the next.
 * An `at` schedule fires ahead of each instant of a list the case gives (each shift's start).
 * A date-time without a zone (`2026-05-02T01:00`) is wall-clock time in the county calendar's zone
 * (`utcOffsetMinutes`): a definition writes local times, never a fixed `+08:00`.
 */
import { expression } from '../compile/compile.ts';
import { ExprKeys } from '../compile/exprKeys.ts';
import { parseDuration } from '../calendar/index.ts';
import type { ScheduleSpec } from '../definition/types.ts';
import type { CaseContext, StepPayload } from './context.ts';
import { own } from './context.ts';
import type { Env } from './env.ts';
import { addTimer, cancelTimers } from './sla.ts';
import { TimerOwners } from './timerOwners.ts';
import type { Effect } from './types.ts';
import { logicView } from './view.ts';

/** `duration` × k as an ISO 8601 duration (each part multiplied), or undefined when it does not parse. */
export function times(duration: string, k: number): string | undefined {
  const r = parseDuration(duration);
  if (!r.ok) return undefined;
  const v = r.value;
  const date = `${v.years ? v.years * k + 'Y' : ''}${v.months ? v.months * k + 'M' : ''}${v.weeks ? v.weeks * k + 'W' : ''}${v.days ? v.days * k + 'D' : ''}`;
  const time = `${v.hours ? v.hours * k + 'H' : ''}${v.minutes ? v.minutes * k + 'M' : ''}${v.seconds ? v.seconds * k + 'S' : ''}`;
  return `P${date || (time ? '' : '0D')}${time ? 'T' + time : ''}`;
}

/** An instant the case gives: epoch ms, a date (its local midnight) or an ISO date-time read in the calendar's zone when it has none; NaN otherwise. */
function instantOf(env: Env, v: unknown): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : NaN;
  if (typeof v !== 'string') return NaN;
  return (/^\d{4}-\d{2}-\d{2}$/.test(v) ? env.calendar.startOfDay(v) : env.calendar.instantOf(v)) ?? NaN;
}

/** The anchor instant: the `anchor` expression (epoch ms, an ISO date-time, or a date = its local midnight), else now. */
function anchorOf(ctx: CaseContext, p: StepPayload, name: string, spec: ScheduleSpec): number {
  const env = p.env;
  if (spec.anchor === undefined) return env.meta.at;
  const v = expression(env.compiled, ExprKeys.scheduleAnchor(name)).evaluate(logicView(ctx, p));
  const t = instantOf(env, v);
  return Number.isFinite(t) ? t : env.meta.at;
}

/** When occurrence `k` (1, 2, ...) falls; `after` is the previous occurrence (monthly rules count on from it). */
export function occurrence(env: Env, spec: ScheduleSpec, anchor: number, k: number, after: number): number | undefined {
  if (spec.monthly) return env.calendar.nextMonthly(after, spec.monthly);
  const step = spec.every ? times(spec.every, k) : undefined;
  return step ? env.calendar.add(anchor, step, spec.clock ?? 'natural') : undefined;
}

/** A duration in milliseconds of natural time (days of 24 h), or 0 when it does not parse. */
function naturalMs(duration: string | undefined): number {
  const r = duration ? parseDuration(duration) : undefined;
  if (!r?.ok) return 0;
  const v = r.value;
  return ((((v.years * 366 + v.months * 31 + v.weeks * 7 + v.days) * 24 + v.hours) * 60 + v.minutes) * 60 + v.seconds) * 1000;
}

/** The instants of an `at` schedule still ahead of now, `before` earlier, in order. */
function instantsOf(ctx: CaseContext, p: StepPayload, name: string, spec: ScheduleSpec): number[] {
  const v = expression(p.env.compiled, ExprKeys.scheduleAt(name)).evaluate(logicView(ctx, p));
  const lead = naturalMs(spec.before);
  const times = (Array.isArray(v) ? v : [v]).map((x) => instantOf(p.env, x)).filter((x) => Number.isFinite(x)).map((x) => x - lead);
  return [...new Set(times)].filter((x) => x > p.env.meta.at).sort((a, b) => a - b);
}

function arm(ctx: CaseContext, env: Env, name: string, spec: ScheduleSpec, k: number, after: number, out: Effect[]): void {
  const rec = ctx.schedules?.[name];
  if (!rec || (spec.count !== undefined && k > spec.count)) return;
  const dueAt = rec.times ? rec.times[k - 1] : occurrence(env, spec, rec.anchor, k, after);
  if (dueAt === undefined) return;
  own(ctx, 'schedules')[name] = { ...rec, next: k };
  out.push(addTimer(ctx, { purpose: 'schedule', dueAt, clock: spec.clock ?? 'natural', owner: TimerOwners.schedule(name), occurrence: k }));
}

/** Entering a state: schedules that start here begin (first occurrence armed), those that stop here end. */
export function scheduleEnter(ctx: CaseContext, p: StepPayload, stateId: string, out: Effect[]): void {
  for (const [name, spec] of Object.entries(p.env.compiled.definition.schedules ?? {})) {
    if (spec.stopOn.includes(stateId) && ctx.schedules?.[name]) {
      out.push(...cancelTimers(ctx, TimerOwners.schedule(name)));
      delete own(ctx, 'schedules')[name];
      out.push({ kind: 'audit', action: 'schedule.stopped', detail: { schedule: name } });
    } else if (spec.startOn.includes(stateId) && !ctx.schedules?.[name]) {
      const anchor = anchorOf(ctx, p, name, spec);
      own(ctx, 'schedules')[name] = { anchor, next: 1, ...(spec.at !== undefined ? { times: instantsOf(ctx, p, name, spec) } : {}) };
      arm(ctx, p.env, name, spec, 1, anchor, out);
    }
  }
}

/** A schedule fired: the next occurrence is armed (from the anchor), and the schedule's event is returned to send. */
export function scheduleFired(ctx: CaseContext, env: Env, name: string, k: number, dueAt: number, out: Effect[]): string | undefined {
  const spec = env.compiled.definition.schedules?.[name];
  if (!spec || !ctx.schedules?.[name]) return undefined;
  arm(ctx, env, name, spec, k + 1, dueAt, out);
  out.push({ kind: 'audit', action: 'schedule.fired', detail: { schedule: name, occurrence: k, dueAt } });
  return spec.event;
}
