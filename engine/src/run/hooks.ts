/**
 * What happens on entering and leaving a state and on taking a transition. These are the only
 * functions XState runs (as enqueued actions); each returns the next context and effect data.
 */
import type { CaseContext, EventPayload } from './context.ts';
import { nextId, own } from './context.ts';
import { resolveEffects } from './effects.ts';
import type { Env } from './env.ts';
import { addTimer, cancelTimers, slaWithin, startSla } from './sla.ts';
import { enterHumanStep } from './tasks.ts';
import type { TransitionInfo } from '../compile/model.ts';
import { decisionEvent } from '../compile/compile.ts';
import type { Effect } from './types.ts';
import { logicView, writeData } from './view.ts';

export interface HookResult {
  ctx: CaseContext;
  effects: Effect[];
  /** an event to raise (auto-pass, auto-reject) */
  raise?: string;
}

function clockEnter(ctx: CaseContext, env: Env, stateId: string, out: Effect[]): void {
  for (const [name, clock] of Object.entries(env.compiled.definition.clocks ?? {})) {
    const owner = `clock:${name}`;
    const rec = ctx.clocks[name];
    if (clock.stopOn.includes(stateId) && rec) {
      out.push(...cancelTimers(ctx, owner));
      delete own(ctx, 'clocks')[name];
    } else if (clock.startOn.includes(stateId) && !rec) {
      const within = slaWithin(ctx, env, clock, `/clocks/${name}`);
      const dueAt = startSla(ctx, env, clock, owner, owner, within, out);
      own(ctx, 'clocks')[name] = { startedAt: env.meta.at, dueAt, within: env.calendar.elapsed(env.meta.at, dueAt, clock.clock) };
    } else if (rec && !rec.paused && (clock.pauseIn ?? []).includes(stateId)) {
      out.push(...cancelTimers(ctx, owner));
      own(ctx, 'clocks')[name] = { ...rec, paused: { at: env.meta.at, remaining: env.calendar.elapsed(env.meta.at, rec.dueAt, clock.clock) } };
      out.push({ kind: 'audit', action: 'sla.paused', detail: { clock: name } });
    }
  }
}

function clockExit(ctx: CaseContext, env: Env, stateId: string, out: Effect[]): void {
  for (const [name, clock] of Object.entries(env.compiled.definition.clocks ?? {})) {
    const rec = ctx.clocks[name];
    if (!rec?.paused || !(clock.pauseIn ?? []).includes(stateId)) continue;
    const dueAt = env.calendar.addMs(env.meta.at, rec.paused.remaining, clock.clock);
    own(ctx, 'clocks')[name] = { startedAt: rec.startedAt, dueAt, within: rec.within, ...(rec.extended ? { extended: rec.extended } : {}) };
    out.push(addTimer(ctx, { purpose: 'sla.due', dueAt, clock: clock.clock, owner: `clock:${name}`, sla: `clock:${name}` }));
    out.push({ kind: 'audit', action: 'sla.resumed', detail: { clock: name, dueAt } });
  }
}

function spawnSubcase(ctx: CaseContext, env: Env, stateId: string, path: string, p: EventPayload | undefined, out: Effect[]): void {
  const sub = env.compiled.model.states.get(stateId)!.spec.subcase!;
  const [childId, seq] = nextId(ctx, 'c');
  ctx.seq = seq;
  const view = logicView(ctx, p);
  const input: Record<string, unknown> = {};
  for (const key of Object.keys(sub.input ?? {})) input[key] = env.compiled.logic.get(`${path}/subcase/input/${key}`)?.evaluate(view);
  own(ctx, 'subcases')[childId] = { definition: sub.definition, state: stateId, join: sub.join ?? 'all' };
  out.push({ kind: 'case.spawn', childId, definition: sub.definition, input });
}

/** Entering a state: clocks, tasks, wait timeouts, sub-cases, entry effects, final outcome. */
export function enterState(base: CaseContext, env: Env, stateId: string, p: EventPayload | undefined): HookResult {
  const ctx = base; // owned by this step (see baseContext): edited in place, no copy per hook
  const out: Effect[] = [];
  const info = env.compiled.model.states.get(stateId)!;
  const spec = info.spec;
  if (env.compiled.clockStates.has(stateId)) clockEnter(ctx, env, stateId, out);
  let raise: string | undefined;
  if (spec.task) {
    const decision = enterHumanStep(ctx, env, stateId, out);
    if (decision) raise = decisionEvent(env.compiled, stateId, decision);
  }
  if (spec.wait?.timeout) {
    const t = spec.wait.timeout;
    out.push(addTimer(ctx, { purpose: 'wait.timeout', dueAt: env.calendar.add(env.meta.at, t.within, t.clock), clock: t.clock, owner: stateId, sla: `wait:${stateId}` }));
  }
  if (spec.subcase) spawnSubcase(ctx, env, stateId, info.path, p, out);
  resolveEffects(ctx, env, spec.entry, info.path + '/entry', p, out);
  if (info.kind === 'final' && !info.parent) ctx.outcome = spec.outcome ?? stateId;
  return { ctx, effects: out, ...(raise ? { raise } : {}) };
}

/** Leaving a state: its open tasks and timers are cancelled (tasks this event completed are not). */
export function exitState(base: CaseContext, env: Env, stateId: string, p: EventPayload | undefined): HookResult {
  const ctx = base; // owned by this step (see baseContext): edited in place, no copy per hook
  const out: Effect[] = [];
  const done = new Set(p?.done ?? []);
  for (const task of Object.values(ctx.tasks)) {
    if (task.state !== stateId) continue;
    delete ctx.tasks[task.id];
    out.push(...cancelTimers(ctx, task.id));
    if (!done.has(task.id)) out.push({ kind: 'task.cancel', taskId: task.id, reason: 'state-exited' });
  }
  delete ctx.steps[stateId];
  out.push(...cancelTimers(ctx, stateId));
  const spec = env.compiled.model.states.get(stateId)!.spec;
  if (env.compiled.clockStates.has(stateId)) clockExit(ctx, env, stateId, out);
  resolveEffects(ctx, env, spec.exit, env.compiled.model.states.get(stateId)!.path + '/exit', p, out);
  return { ctx, effects: out };
}

function extendClock(ctx: CaseContext, env: Env, t: TransitionInfo, out: Effect[]): void {
  const ext = t.spec.extend!;
  const clock = env.compiled.definition.clocks?.[ext.clock];
  const rec = ctx.clocks[ext.clock];
  const by = env.compiled.logic.get(t.path + '/extend/by')?.evaluate(logicView(ctx, undefined));
  if (!clock || !rec || typeof by !== 'string') return;
  const requested = env.calendar.elapsed(rec.dueAt, env.calendar.add(rec.dueAt, by, clock.clock), clock.clock);
  const ms = Math.min(requested, rec.within * (ext.maxFactor ?? 1));
  const dueAt = env.calendar.addMs(rec.dueAt, ms, clock.clock);
  out.push(...cancelTimers(ctx, `clock:${ext.clock}`));
  own(ctx, 'clocks')[ext.clock] = { ...rec, dueAt, extended: (rec.extended ?? 0) + 1 };
  out.push(addTimer(ctx, { purpose: 'sla.due', dueAt, clock: clock.clock, owner: `clock:${ext.clock}`, sla: `clock:${ext.clock}` }));
  out.push({ kind: 'audit', action: 'sla.extended', detail: { clock: ext.clock, dueAt } });
}

/** Taking a transition: computed `set` values, SLA extension, transition effects. */
export function takeTransition(base: CaseContext, env: Env, t: TransitionInfo | undefined, p: EventPayload | undefined): HookResult {
  if (!t) return { ctx: base, effects: [] };
  const ctx = base; // owned by this step (see baseContext): edited in place, no copy per hook
  const out: Effect[] = [];
  if (t.spec.set) {
    const view = logicView(ctx, p);
    for (const key of Object.keys(t.spec.set)) {
      const value = env.compiled.logic.get(`${t.path}/set/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`)?.evaluate(view);
      ctx.data = writeData(ctx.data, key, value);
    }
  }
  if (t.spec.extend) extendClock(ctx, env, t, out);
  resolveEffects(ctx, env, t.spec.effects, t.path + '/effects', p, out);
  return { ctx, effects: out };
}
