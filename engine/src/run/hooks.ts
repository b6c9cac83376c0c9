/**
 * What happens on entering and leaving a state and on taking a transition. These are the only
 * functions XState runs (as enqueued actions, see ./machine.ts); each returns the next context
 * and effect data. `p` is the event's payload: the run options, the event meta, the actor.
 */
import { expression } from '../compile/compile.ts';
import { ExprKeys } from '../compile/exprKeys.ts';
import { xstateType, MachineEvents } from '../compile/internalEvents.ts';
import type { TransitionInfo } from '../compile/model.ts';
import type { CaseContext, StepPayload } from './context.ts';
import { nextId, own } from './context.ts';
import { checkChildIntake, resolveEffects } from './effects.ts';
import type { Env } from './env.ts';
import { addTimer, cancelTimers, startSla } from './sla.ts';
import { pointer } from '../diagnostics/Diagnostic.ts';
import { scheduleEnter } from './schedules.ts';
import { enterHumanStep } from './tasks.ts';
import { TimerOwners } from './timerOwners.ts';
import type { Effect } from './types.ts';
import { logicView, writeData } from './view.ts';

export interface HookResult {
  ctx: CaseContext;
  effects: Effect[];
  /** an XState event to raise (a step decided by itself: auto-pass, auto-reject) */
  raise?: string;
}

function clockEnter(ctx: CaseContext, env: Env, stateId: string, out: Effect[]): void {
  for (const [name, clock] of Object.entries(env.compiled.definition.clocks ?? {})) {
    const owner = TimerOwners.clock(name);
    const rec = ctx.clocks[name];
    if (clock.stopOn.includes(stateId) && rec) {
      out.push(...cancelTimers(ctx, owner));
      delete own(ctx, 'clocks')[name];
    } else if (clock.startOn.includes(stateId) && !rec) {
      const { dueAt, clock: counted } = startSla(ctx, env, clock, pointer('clocks', name), owner, out);
      own(ctx, 'clocks')[name] = { startedAt: env.meta.at, dueAt, within: env.calendar.elapsed(env.meta.at, dueAt, counted), ...(counted !== clock.clock ? { clock: counted } : {}) };
    } else if (rec && !rec.paused && (clock.pauseIn ?? []).includes(stateId)) {
      out.push(...cancelTimers(ctx, owner));
      own(ctx, 'clocks')[name] = { ...rec, paused: { at: env.meta.at, remaining: env.calendar.elapsed(env.meta.at, rec.dueAt, rec.clock ?? clock.clock) } };
      out.push({ kind: 'audit', action: 'sla.paused', detail: { clock: name } });
    }
  }
}

function clockExit(ctx: CaseContext, env: Env, stateId: string, out: Effect[]): void {
  for (const [name, clock] of Object.entries(env.compiled.definition.clocks ?? {})) {
    const rec = ctx.clocks[name];
    if (!rec?.paused || !(clock.pauseIn ?? []).includes(stateId)) continue;
    const counted = rec.clock ?? clock.clock;
    const dueAt = env.calendar.addMs(env.meta.at, rec.paused.remaining, counted);
    own(ctx, 'clocks')[name] = { startedAt: rec.startedAt, dueAt, within: rec.within, ...(rec.extended ? { extended: rec.extended } : {}), ...(rec.clock ? { clock: rec.clock } : {}) };
    out.push(addTimer(ctx, { purpose: 'sla.due', dueAt, clock: counted, owner: TimerOwners.clock(name) }));
    out.push({ kind: 'audit', action: 'sla.resumed', detail: { clock: name, dueAt } });
  }
}

function spawnSubcase(ctx: CaseContext, p: StepPayload, stateId: string, path: string, out: Effect[]): void {
  const env = p.env;
  const sub = env.compiled.model.states.get(stateId)!.spec.subcase!;
  const [childId, seq] = nextId(ctx, 'c');
  ctx.seq = seq;
  const view = logicView(ctx, p);
  const input: Record<string, unknown> = {};
  for (const key of Object.keys(sub.input ?? {})) input[key] = expression(env.compiled, ExprKeys.subcaseInput(path, key)).evaluate(view);
  checkChildIntake(p, sub.definition, input, path + '/subcase');
  own(ctx, 'subcases')[childId] = { definition: sub.definition, state: stateId, join: sub.join ?? 'all' };
  out.push({ kind: 'case.spawn', childId, definition: sub.definition, input });
}

/** Entering a state: clocks, tasks, wait timeouts, sub-cases, entry effects, final outcome. */
export function enterState(ctx: CaseContext, p: StepPayload, stateId: string): HookResult {
  const env = p.env;
  const out: Effect[] = [];
  const info = env.compiled.model.states.get(stateId)!;
  const spec = info.spec;
  if (env.compiled.clockStates.has(stateId)) {
    clockEnter(ctx, env, stateId, out);
    scheduleEnter(ctx, p, stateId, out);
  }
  let raise: string | undefined;
  if (spec.task) {
    const decision = enterHumanStep(ctx, p, stateId, out);
    if (decision) raise = xstateType(MachineEvents.decision(stateId, decision));
  }
  if (spec.wait?.timeout) {
    const t = spec.wait.timeout;
    out.push(addTimer(ctx, { purpose: 'wait.timeout', dueAt: env.calendar.add(env.meta.at, t.within, t.clock), clock: t.clock, owner: TimerOwners.wait(stateId) }));
  }
  if (spec.subcase) spawnSubcase(ctx, p, stateId, info.path, out);
  resolveEffects(ctx, p, spec.entry, info.path + '/entry', out);
  if (info.kind === 'final' && !info.parent) ctx.outcome = spec.outcome ?? stateId;
  return { ctx, effects: out, ...(raise ? { raise } : {}) };
}

/** Leaving a state: its open tasks and timers are cancelled (tasks this event completed are not). */
export function exitState(ctx: CaseContext, p: StepPayload, stateId: string): HookResult {
  const env = p.env;
  const out: Effect[] = [];
  const done = new Set(p.done ?? []);
  for (const task of Object.values(ctx.tasks)) {
    if (task.state !== stateId) continue;
    delete ctx.tasks[task.id];
    out.push(...cancelTimers(ctx, TimerOwners.task(task.id, stateId)));
    if (!done.has(task.id)) out.push({ kind: 'task.cancel', taskId: task.id, reason: 'state-exited' });
  }
  delete ctx.steps[stateId];
  out.push(...cancelTimers(ctx, TimerOwners.wait(stateId)), ...cancelTimers(ctx, TimerOwners.step(stateId)));
  const info = env.compiled.model.states.get(stateId)!;
  if (env.compiled.clockStates.has(stateId)) clockExit(ctx, env, stateId, out);
  resolveEffects(ctx, p, info.spec.exit, info.path + '/exit', out);
  return { ctx, effects: out };
}

function extendClock(ctx: CaseContext, env: Env, t: TransitionInfo, out: Effect[]): void {
  const ext = t.spec.extend!;
  const clock = env.compiled.definition.clocks?.[ext.clock];
  const rec = ctx.clocks[ext.clock];
  const by = expression(env.compiled, ExprKeys.extendBy(t)).evaluate(logicView(ctx, undefined));
  if (!clock || !rec || typeof by !== 'string') return;
  const counted = rec.clock ?? clock.clock;
  const requested = env.calendar.elapsed(rec.dueAt, env.calendar.add(rec.dueAt, by, counted), counted);
  const ms = Math.min(requested, rec.within * (ext.maxFactor ?? 1));
  const dueAt = env.calendar.addMs(rec.dueAt, ms, counted);
  const owner = TimerOwners.clock(ext.clock);
  out.push(...cancelTimers(ctx, owner));
  own(ctx, 'clocks')[ext.clock] = { ...rec, dueAt, extended: (rec.extended ?? 0) + 1 };
  out.push(addTimer(ctx, { purpose: 'sla.due', dueAt, clock: counted, owner }));
  out.push({ kind: 'audit', action: 'sla.extended', detail: { clock: ext.clock, dueAt } });
}

/** Taking a transition: computed `set` values, SLA extension, transition effects. */
export function takeTransition(ctx: CaseContext, p: StepPayload, t: TransitionInfo | undefined): HookResult {
  if (!t) return { ctx, effects: [] };
  const env = p.env;
  const out: Effect[] = [];
  if (t.spec.set) {
    const view = logicView(ctx, p);
    for (const key of Object.keys(t.spec.set)) ctx.data = writeData(ctx.data, key, expression(env.compiled, ExprKeys.set(t, key)).evaluate(view));
  }
  if (t.spec.extend) extendClock(ctx, env, t, out);
  resolveEffects(ctx, p, t.spec.effects, t.path + '/effects', out);
  return { ctx, effects: out };
}
