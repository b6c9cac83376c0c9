/**
 * `start` and `step`: the engine's pure core. An event is checked and prepared (task-mode
 * bookkeeping on a working copy), then sent through XState's pure `transition`; effects come
 * back as data. A refused event returns the snapshot unchanged with diagnostics. Nothing here
 * reads the clock, randomness or any I/O: time and ids come in with the event.
 */
import { initialTransition, type AnyMachineSnapshot } from 'xstate';
import { pureTransition } from '../compile/pureTransition.ts';
import { stepping, type CompiledDefinition, type MachineEvent } from '../compile/compile.ts';
import { diag } from '../diagnostics/catalog.ts';
import type { Diagnostic } from '../diagnostics/Diagnostic.ts';
import { EngineError } from '../diagnostics/Diagnostic.ts';
import type { CaseContext } from './context.ts';
import { draft } from './context.ts';
import type { Env, RunOptions } from './env.ts';
import { prepareAdapter, prepareSubcase, prepareTimer, prepareUnassignable } from './prepare-system.ts';
import { prepareTaskAct, type Prepared, type TaskActEvent } from './prepare-task.ts';
import { prepareExternal } from './prepare-external.ts';
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

/** Starts a case: the initial state's tasks, timers and effects. */
export function start(c: CompiledDefinition, input: StartInput, opts: RunOptions): StepResult<LiveSnapshot> {
  const actor = input.meta.actor;
  const ctx: CaseContext = {
    caseId: input.caseId, definition: c.definition.id, version: c.definition.version, orgPath: input.orgPath,
    initiator: { userId: actor?.userId ?? 'system', orgPath: actor?.orgPath ?? input.orgPath },
    data: withDefaults(c, input.data), tasks: {}, steps: {}, trail: [], timers: {}, clocks: {}, requests: {}, subcases: {},
    escalation: 0, flags: [], seq: 0,
  };
  const env: Env = { ...opts, compiled: c, meta: input.meta };
  const trace = { transitions: [], entered: [] };
  const $ = { env, meta: input.meta, actor, data: input.data, label: 'case.created', trace };
  stepping.current = $ as MachineEvent['$'];
  let snapshot: AnyMachineSnapshot;
  let actions: unknown[];
  try {
    [snapshot, actions] = initialTransition(c.machine, { ctx, $ } as never);
  } finally {
    stepping.current = undefined;
  }
  const effects = [...collect(actions as never), audit('case.created', input.meta, undefined, snapshot.value)];
  return { snapshot: snapshot as LiveSnapshot, effects, diagnostics: [], accepted: true, trace };
}

function audit(action: string, meta: EventMeta, from: unknown, to: unknown): Effect {
  return { kind: 'audit', action, detail: { eventId: meta.id, at: meta.at, actor: meta.actor?.userId ?? meta.source ?? 'system', from, to } };
}

function checkEvent(ev: unknown): Diagnostic | undefined {
  if (!ev || typeof ev !== 'object') return diag('run.bad-event', '', { reason: 'not an object' });
  const e = ev as { type?: unknown; meta?: { at?: unknown; id?: unknown } };
  if (typeof e.type !== 'string' || e.type.length === 0 || e.type.length > 100) return diag('run.bad-event', '/type', { reason: 'type' });
  if (e.type.startsWith('$') || e.type.startsWith('xstate.')) return diag('run.bad-event', '/type', { reason: 'reserved type' });
  if (!e.meta || typeof e.meta.at !== 'number' || !Number.isFinite(e.meta.at)) return diag('run.bad-event', '/meta/at', { reason: 'meta.at' });
  if (typeof e.meta.id !== 'string' || !e.meta.id) return diag('run.bad-event', '/meta/id', { reason: 'meta.id' });
  return undefined;
}

function prepare(env: Env, snap: LiveSnapshot, ev: CaseEvent): Prepared {
  const ctx = draft(snap.context);
  switch (ev.type) {
    case 'task.act': return prepareTaskAct(env, ctx, ev as TaskActEvent);
    case 'timer.fired': return prepareTimer(env, ctx, ev as Extract<CaseEvent, { type: 'timer.fired' }>);
    case 'adapter.succeeded': case 'adapter.failed': return prepareAdapter(env, ctx, ev as Extract<CaseEvent, { type: 'adapter.succeeded' }>);
    case 'task.unassignable': return prepareUnassignable(env, ctx, ev as Extract<CaseEvent, { type: 'task.unassignable' }>);
    case 'subcase.completed': return prepareSubcase(ctx, ev as Extract<CaseEvent, { type: 'subcase.completed' }>);
    default: return prepareExternal(env, snap, ctx, ev);
  }
}

/** Turns a stored snapshot back into a live one (no-op for a live snapshot). */
export function restore(c: CompiledDefinition, snap: CaseSnapshot | LiveSnapshot): LiveSnapshot {
  if ('machine' in snap && (snap as LiveSnapshot).machine === c.machine) return snap as LiveSnapshot;
  try {
    return c.machine.resolveState({ value: snap.value as never, context: snap.context, status: snap.status } as never) as LiveSnapshot;
  } catch (err) {
    throw new EngineError('run.bad-snapshot', String((err as Error).message), [diag('run.bad-snapshot', '/value', { reason: (err as Error).message })]);
  }
}

/** The stored form of a snapshot. */
export function persist(snap: LiveSnapshot): CaseSnapshot {
  return { value: snap.value, status: snap.status as CaseSnapshot['status'], context: snap.context };
}

function refuse(snap: LiveSnapshot, diagnostics: Diagnostic[]): StepResult<LiveSnapshot> {
  return { snapshot: snap, effects: [], diagnostics, accepted: false, trace: { transitions: [], entered: [] } };
}

/** Applies one event to a case. Never throws for bad input: refusals come back as diagnostics. */
export function step(c: CompiledDefinition, stored: CaseSnapshot | LiveSnapshot, event: CaseEvent, opts: RunOptions): StepResult<LiveSnapshot> {
  const snap = restore(c, stored);
  const bad = checkEvent(event);
  if (bad) return refuse(snap, [bad]);
  if (snap.status !== 'active') return refuse(snap, [diag('run.case-finished', '')]);
  const env: Env = { ...opts, compiled: c, meta: event.meta };
  const prepared = prepare(env, snap, event);
  if (!prepared.ok) return refuse(snap, prepared.diagnostics);
  const e = event as { data?: Record<string, unknown>; comment?: string };
  const label = event.type === 'task.act' ? `task.${(event as TaskActEvent).action}` : event.type;
  const xe: MachineEvent = {
    type: prepared.type,
    $: { env, meta: event.meta, actor: event.meta.actor, data: e.data, comment: e.comment, done: prepared.done, ctx: prepared.ctx, pre: prepared.effects, label, trace: { transitions: [], entered: [] } },
  };
  stepping.current = xe.$;
  let next: AnyMachineSnapshot;
  let actions: unknown[];
  try {
    [next, actions] = pureTransition(c.machine, snap as AnyMachineSnapshot, xe);
  } finally {
    stepping.current = undefined;
  }
  if ((next as unknown) === snap) {
    return refuse(snap, [diag('run.transition-blocked', '/type', { event: /^[$@]/.test(prepared.type) ? label : prepared.type })]);
  }
  const effects = collect(actions as never);
  effects.push(audit(label, event.meta, snap.value, next.value));
  return { snapshot: next as LiveSnapshot, effects, diagnostics: [], accepted: true, trace: xe.$!.trace! };
}
