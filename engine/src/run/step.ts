/**
 * `start` and `step`: the engine's pure core. An event is checked (./acceptance.ts) and prepared
 * (task-mode bookkeeping on a working copy), then sent through XState's pure `transition`; effects
 * come back as data. A refused event returns the snapshot unchanged with diagnostics. Nothing here
 * reads the clock, randomness or any I/O: time and ids come in with the event. Every event is
 * bounded (./limits.ts): a definition that loops is refused with a coded diagnostic, never run forever.
 */
import { initialTransition, type AnyMachineSnapshot } from 'xstate';
import type { CompiledDefinition } from '../compile/compile.ts';
import { describeEvent, xstateType, type MachineEventRef } from '../compile/internalEvents.ts';
import { listenedEvent } from '../compile/machineConfig.ts';
import { diag } from '../diagnostics/catalog.ts';
import type { Diagnostic, LocalizedText } from '../diagnostics/Diagnostic.ts';
import { EngineError } from '../diagnostics/Diagnostic.ts';
import { activeStates } from './acceptance.ts';
import type { CaseContext, StepPayload } from './context.ts';
import { draft } from './context.ts';
import { calendarFor, type Env, type RunOptions } from './env.ts';
import { RunLimitExceeded, runLimits } from './limits.ts';
import { machineOf, type MachineEvent } from './machine.ts';
import { expression } from '../compile/compile.ts';
import { ExprKeys } from '../compile/exprKeys.ts';
import { truthy } from '../expr/index.ts';
import { logicView } from './view.ts';
import type { Prepared } from './prepared.ts';
import { prepareAdapter, prepareSubcase, prepareTimer, prepareUnassignable } from './prepareSystem.ts';
import { prepareRelease } from './prepareRelease.ts';
import { prepareTaskAct, type TaskActEvent } from './prepareTaskAct.ts';
import { prepareExternal } from './prepareExternal.ts';
import { pureTransition } from './pureTransition.ts';
import { upgradeTimer } from './timerOwners.ts';
import type { CaseEvent, Effect, EventMeta, StepResult } from './types.ts';

/** A case snapshot as stored: plain JSON. */
export interface CaseSnapshot {
  value: unknown;
  status: 'active' | 'done' | 'error' | 'stopped';
  context: CaseContext;
}

export type LiveSnapshot = Omit<AnyMachineSnapshot, 'context'> & { context: CaseContext };

export interface StartInput {
  caseId: string;
  orgPath: string;
  data: Record<string, unknown>;
  meta: EventMeta;
  /**
   * Values the runtime derived for fields annotated `x-count` (e.g. a resident's falls across cases),
   * merged after the intake check: the reporter cannot write them, guards can read them. Other keys are ignored.
   */
  derived?: Record<string, unknown>;
}

/** The derived values of fields the data schema marks `x-count` (nothing else gets in). */
function derivedOf(c: CompiledDefinition, derived: Record<string, unknown> | undefined): Record<string, unknown> {
  const props = (c.definition.data.properties ?? {}) as Record<string, { 'x-count'?: unknown }>;
  return Object.fromEntries(Object.entries(derived ?? {}).filter(([k]) => Object.hasOwn(props, k) && props[k]!['x-count'] !== undefined));
}

/** The case data with the data schema's `default`s for absent fields (counters start at 0 without the intake sending them). */
function withDefaults(c: CompiledDefinition, data: Record<string, unknown>): Record<string, unknown> {
  const props = (c.definition.data.properties ?? {}) as Record<string, { default?: unknown }>;
  let out = data;
  for (const [k, field] of Object.entries(props)) {
    if (field.default === undefined || Object.hasOwn(data, k)) continue;
    if (out === data) out = { ...data };
    out[k] = structuredClone(field.default);
  }
  return out;
}

function collect(actions: Array<{ type: string; params?: unknown }>): Effect[] {
  const out: Effect[] = [];
  for (const a of actions) if (a.type === 'fx') out.push(...(a.params as { effects: Effect[] }).effects);
  return out;
}

function audit(action: string, meta: EventMeta, from: unknown, to: unknown, extra?: Record<string, unknown>): Effect {
  return { kind: 'audit', action, detail: { eventId: meta.id, at: meta.at, actor: meta.actor?.userId ?? meta.source ?? 'system', from, to, ...extra } };
}

const emptyTrace = () => ({ transitions: [] as string[], entered: [] as string[] });

function payload(env: Env, meta: EventMeta, label: string, extra: Partial<StepPayload> = {}): StepPayload {
  return { env, meta, actor: meta.actor, label, trace: emptyTrace(), refusals: [], warnings: [], budget: { hooks: 0 }, ...extra };
}

/** Checks an event's result against the bounds of one event (./limits.ts); a diagnostic when one is exceeded. */
function overLimit(effects: Effect[], ctx: CaseContext): Diagnostic | undefined {
  const over = (limit: keyof typeof runLimits, value: number) => (value > runLimits[limit] ? diag('run.limit-exceeded', '', { limit, value, max: runLimits[limit] }) : undefined);
  if (effects.length > runLimits.maxEffectsPerEvent) return over('maxEffectsPerEvent', effects.length);
  // counting the maps allocates; a step that created no task or timer cannot have grown them
  const grew = effects.some((e) => e.kind === 'task.create' || e.kind === 'timer.start');
  return grew ? over('maxOpenTasks', Object.keys(ctx.tasks).length) ?? over('maxTimers', Object.keys(ctx.timers).length) : undefined;
}

function limitDiagnostic(err: unknown): Diagnostic | undefined {
  return err instanceof RunLimitExceeded ? diag('run.limit-exceeded', '', { limit: err.limit, value: err.value, max: runLimits[err.limit] }) : undefined;
}

/**
 * The snapshot without the transient step payload (see CaseContext.$step). Set to undefined rather
 * than deleted: `delete` turns the context into a slow dictionary-mode object (measured: ~30% of
 * step throughput); JSON, and so every stored snapshot, leaves an undefined property out.
 */
function settle<T extends { context: CaseContext }>(snap: T): T {
  if (snap.context.$step) snap.context.$step = undefined;
  return snap;
}

/** Starts a case: the initial state's tasks, timers and effects. A start that breaks a bound is refused. */
export function start(c: CompiledDefinition, input: StartInput, opts: RunOptions): StepResult<LiveSnapshot> {
  const actor = input.meta.actor;
  const machine = machineOf(c);
  const env = envFor(c, opts, input.meta);
  if (isDiagnostic(env)) return { snapshot: machine.resolveState({ value: c.definition.initial, context: {} } as never) as LiveSnapshot, effects: [], diagnostics: [env], accepted: false, trace: emptyTrace() };
  const p = payload(env, input.meta, 'case.created', { data: input.data });
  const ctx: CaseContext = {
    caseId: input.caseId, definition: c.definition.id, version: c.definition.version, orgPath: input.orgPath,
    initiator: { userId: actor?.userId ?? 'system', orgPath: actor?.orgPath ?? input.orgPath },
    data: { ...withDefaults(c, input.data), ...derivedOf(c, input.derived) }, tasks: {}, steps: {}, trail: [], timers: {}, clocks: {}, requests: {}, subcases: {},
    escalation: 0, flags: [], seq: 0, $step: p,
  };
  p.ctx = ctx;
  const { $step: _transient, ...bare } = ctx;
  const empty = () => machine.resolveState({ value: c.definition.initial, context: bare } as never) as LiveSnapshot;
  let snapshot: AnyMachineSnapshot;
  let actions: unknown[];
  try {
    [snapshot, actions] = initialTransition(machine, { ctx, $: p } as never);
  } catch (err) {
    const d = limitDiagnostic(err);
    if (!d) throw err;
    return { snapshot: empty(), effects: [], diagnostics: [d], accepted: false, trace: emptyTrace() };
  }
  const live = settle(snapshot as LiveSnapshot);
  const effects = [...collect(actions as never), audit('case.created', input.meta, undefined, live.value)];
  const problem = p.refusals.length ? p.refusals : [overLimit(effects, live.context)].filter((d): d is Diagnostic => Boolean(d));
  if (problem.length) return { snapshot: empty(), effects: [], diagnostics: problem, accepted: false, trace: emptyTrace() };
  return { snapshot: live, effects, diagnostics: p.warnings, accepted: true, trace: p.trace! };
}

function checkEvent(ev: unknown): Diagnostic | undefined {
  if (!ev || typeof ev !== 'object') return diag('run.bad-event', '', { reason: 'not an object' });
  const e = ev as { type?: unknown; meta?: { at?: unknown; id?: unknown } };
  if (typeof e.type !== 'string' || e.type.length === 0 || e.type.length > 100) return diag('run.bad-event', '/type', { reason: 'type' });
  if (e.type.startsWith('$') || e.type.startsWith('@') || e.type.startsWith('xstate.')) return diag('run.bad-event', '/type', { reason: 'reserved type' });
  if (!e.meta || typeof e.meta.at !== 'number' || !Number.isFinite(e.meta.at)) return diag('run.bad-event', '/meta/at', { reason: 'meta.at' });
  if (typeof e.meta.id !== 'string' || !e.meta.id) return diag('run.bad-event', '/meta/id', { reason: 'meta.id' });
  return undefined;
}

/** Prepares an event on a fresh working copy; `manualOnly` leaves out the actions the system would take by itself. */
function prepare(env: Env, snap: LiveSnapshot, ev: CaseEvent, manualOnly = false): Prepared {
  const ctx = draft(snap.context);
  switch (ev.type) {
    case 'task.act': return prepareTaskAct(env, ctx, ev as TaskActEvent);
    case 'timer.fired': return prepareTimer(env, ctx, ev as Extract<CaseEvent, { type: 'timer.fired' }>, manualOnly);
    case 'adapter.succeeded': case 'adapter.failed': return prepareAdapter(env, ctx, ev as Extract<CaseEvent, { type: 'adapter.succeeded' }>);
    case 'task.unassignable': return prepareUnassignable(env, ctx, ev as Extract<CaseEvent, { type: 'task.unassignable' }>);
    case 'task.released': return prepareRelease(env, ctx, ev as Extract<CaseEvent, { type: 'task.released' }>);
    case 'subcase.completed': return prepareSubcase(env, ctx, ev as Extract<CaseEvent, { type: 'subcase.completed' }>);
    default: return prepareExternal(env, snap.value, ctx, ev);
  }
}

/** Turns a stored snapshot back into a live one (no-op for a live snapshot); older stored forms are upgraded. */
export function restore(c: CompiledDefinition, snap: CaseSnapshot | LiveSnapshot): LiveSnapshot {
  const machine = machineOf(c);
  if ('machine' in snap && (snap as LiveSnapshot).machine === machine) return snap as LiveSnapshot;
  try {
    const timers = snap.context?.timers ?? {};
    const upgraded = Object.values(timers).some((t) => typeof (t as { owner: unknown }).owner === 'string')
      ? { ...snap.context, timers: Object.fromEntries(Object.entries(timers).map(([k, t]) => [k, upgradeTimer(t)])) } : snap.context;
    return machine.resolveState({ value: snap.value as never, context: upgraded, status: snap.status } as never) as LiveSnapshot;
  } catch (err) {
    throw new EngineError('run.bad-snapshot', String((err as Error).message), [diag('run.bad-snapshot', '/value', { reason: (err as Error).message })]);
  }
}

/** The stored form of a snapshot. */
export function persist(snap: LiveSnapshot): CaseSnapshot {
  return { value: snap.value, status: snap.status as CaseSnapshot['status'], context: snap.context };
}

function refuse(snap: LiveSnapshot, diagnostics: Diagnostic[]): StepResult<LiveSnapshot> {
  return { snapshot: snap, effects: [], diagnostics, accepted: false, trace: emptyTrace() };
}

/** The run environment of one event; a coded refusal when the definition's calendar is not available. */
function envFor(c: CompiledDefinition, opts: RunOptions, meta: EventMeta): Env | Diagnostic {
  const calendar = calendarFor(c.definition.calendar, opts);
  if (!calendar) return diag('run.unknown-calendar', '/calendar', { calendar: c.definition.calendar, known: [opts.calendar.id, ...Object.keys(opts.calendars ?? {})].join(', ') });
  return { ...opts, calendar, compiled: c, meta };
}

const isDiagnostic = (x: Env | Diagnostic): x is Diagnostic => 'code' in x;

/** The transitions listening on the event in the active states (only guarded ones when `guarded`). */
function listening(c: CompiledDefinition, value: unknown, e: MachineEventRef, guarded: boolean) {
  const active = activeStates(c, value);
  const type = xstateType(e);
  return c.model.transitions
    .filter((t) => active.includes(t.from) && (!guarded || t.spec.guard !== undefined) && (() => { const l = listenedEvent(c.model, t); return l !== undefined && xstateType(l) === type; })());
}

/** What a blocked event would have taken: the guarded transitions listening on it in the active states. */
function blockedBecause(c: CompiledDefinition, value: unknown, e: MachineEventRef): LocalizedText {
  const said = listening(c, value, e, true).map((t) => t.spec.description).filter((d): d is LocalizedText => Boolean(d));
  if (said.length === 0) return { 'zh-CN': '定义未说明该条件', en: 'the definition does not describe the condition' };
  return { 'zh-CN': said.map((d) => d['zh-CN']).join('；'), en: said.map((d) => d.en).join('; ') };
}

/** The first refusal rule (`refuse`) of a transition listening on the event whose `when` holds: a coded refusal. */
function refusalOf(c: CompiledDefinition, value: unknown, e: MachineEventRef, ctx: CaseContext, p: StepPayload): Diagnostic | undefined {
  for (const t of listening(c, value, e, false)) {
    for (const [i, r] of (t.spec.refuse ?? []).entries()) {
      if (!truthy(expression(c, ExprKeys.refuse(t, i)).evaluate(logicView(ctx, p)))) continue;
      return diag('run.refused', t.path + '/refuse/' + i, { event: describeEvent(e), code: r.code, reason: r.message });
    }
  }
  return undefined;
}

function run(c: CompiledDefinition, snap: LiveSnapshot, e: MachineEventRef, p: StepPayload): [AnyMachineSnapshot, Array<{ type: string; params?: unknown }>] {
  const xe: MachineEvent = { type: xstateType(e), $: p };
  return pureTransition(machineOf(c), snap as AnyMachineSnapshot, xe);
}

/** Applies one event to a case. Never throws for bad input: refusals come back as diagnostics. */
export function step(c: CompiledDefinition, stored: CaseSnapshot | LiveSnapshot, event: CaseEvent, opts: RunOptions): StepResult<LiveSnapshot> {
  const snap = restore(c, stored);
  const bad = checkEvent(event);
  if (bad) return refuse(snap, [bad]);
  if (snap.status !== 'active') return refuse(snap, [diag('run.case-finished', '')]);
  const env = envFor(c, opts, event.meta);
  if (isDiagnostic(env)) return refuse(snap, [env]);
  let prepared = prepare(env, snap, event);
  if (!prepared.ok) return refuse(snap, prepared.diagnostics);
  const e = event as { data?: Record<string, unknown>; comment?: string };
  const label = event.type === 'task.act' ? `task.${(event as TaskActEvent).action}` : event.type;
  const payloadOf = (x: Extract<Prepared, { ok: true }>) => payload(env, event.meta, label, { data: e.data, comment: e.comment, done: x.done, ctx: x.ctx, pre: x.effects, warnings: [...(x.warnings ?? [])] });
  let p = payloadOf(prepared);
  const refused = refusalOf(c, snap.value, prepared.event, p.ctx ?? snap.context, p);
  if (refused) return refuse(snap, [refused]);
  let next: AnyMachineSnapshot;
  let actions: Array<{ type: string; params?: unknown }>;
  try {
    [next, actions] = run(c, snap, prepared.event, p);
    if ((next as unknown) === snap && prepared.automatic) {
      // the system's own action was not taken (no state handles it, a guard says no): the event still counts without it
      const warning = diag('run.auto-not-taken', '', { event: describeEvent(prepared.event), reason: blockedBecause(c, snap.value, prepared.event) });
      const again = prepare(env, snap, event, true);
      if (!again.ok) return refuse(snap, again.diagnostics);
      prepared = again;
      p = payloadOf(again);
      p.warnings.push(warning);
      [next, actions] = run(c, snap, again.event, p);
    }
  } catch (err) {
    const d = limitDiagnostic(err);
    if (!d) throw err;
    return refuse(snap, [d]);
  }
  if ((next as unknown) === snap) {
    const what = prepared.event.kind === 'event' ? prepared.event.name : label;
    return refuse(snap, [diag('run.transition-blocked', '/type', { event: what, reason: blockedBecause(c, snap.value, prepared.event) })]);
  }
  if (p.refusals.length) return refuse(snap, p.refusals);
  const live = settle(next as LiveSnapshot);
  const effects = collect(actions);
  effects.push(audit(label, event.meta, snap.value, live.value, prepared.audit));
  const limit = overLimit(effects, live.context);
  if (limit) return refuse(snap, [limit]);
  return { snapshot: live, effects, diagnostics: p.warnings, accepted: true, trace: p.trace! };
}
