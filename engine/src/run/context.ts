/**
 * The case context kept in the XState snapshot. Plain JSON: the runtime stores it, a replay of the
 * event log rebuilds it exactly. Ids are derived from the case id and a sequence number, never random.
 */
import type { Clock } from '../definition/types.ts';
import type { Actor, Effect, EventMeta, TaskRecord } from './types.ts';

export interface StepState {
  /** users in order (sequence, chain) */
  order: string[];
  index: number;
  /** user → decision name, for all/any/vote */
  decisions: Record<string, string>;
  /** user → weight (vote) */
  weights: Record<string, number>;
  /** users added by 加签 */
  added: string[];
  /** the assignment trace the step was created with (reused for later slots) */
  trace?: import('./types.ts').AssignmentTrace;
}

export interface TrailEntry {
  state: string;
  taskId: string;
  by: string;
  decision: string;
  at: number;
}

export interface TimerRecord {
  purpose: 'sla.warn' | 'sla.due' | 'sla.rung' | 'wait.timeout';
  dueAt: number;
  clock: Clock;
  /** task id or clock name or state id the timer belongs to */
  owner: string;
  /** where the SLA spec lives: 'task:<state>' or 'clock:<name>' or 'wait:<state>' */
  sla: string;
  rung?: number;
  repeat?: number;
}

export interface ClockRecord {
  startedAt: number;
  dueAt: number;
  within: number;
  paused?: { at: number; remaining: number };
  extended?: number;
  breached?: boolean;
}

export interface CaseContext {
  caseId: string;
  definition: string;
  version: number;
  orgPath: string;
  initiator: { userId: string; orgPath: string };
  data: Record<string, unknown>;
  tasks: Record<string, TaskRecord>;
  steps: Record<string, StepState>;
  trail: TrailEntry[];
  timers: Record<string, TimerRecord>;
  clocks: Record<string, ClockRecord>;
  requests: Record<string, { operation: string; onSuccess?: string; onFailure?: string }>;
  subcases: Record<string, { definition: string; state: string; outcome?: string; join: 'all' | 'any' }>;
  rejectReturn?: { from: string; to: string };
  escalation: number;
  flags: string[];
  seq: number;
  outcome?: string;
  /** the id of the last event applied (makes the patch idempotent across eventless transitions) */
  applied?: string;
}

/** What pre-processing hands to XState on the event (`$`), applied by the `take` action. */
export interface EventPayload {
  meta: EventMeta;
  actor?: Actor;
  data?: Record<string, unknown>;
  comment?: string;
  /** task ids completed by this event: exit does not cancel them */
  done?: string[];
  /** replaces whole keys of the context (computed from the pre-event context) */
  patch?: Partial<CaseContext>;
  effects?: Effect[];
  label: string;
  /** filled while stepping: transitions taken (JSON Pointer, or `$goto.<state>`) and states entered */
  trace?: StepTrace;
}

export interface StepTrace {
  transitions: string[];
  entered: string[];
}

/** The next id in this case's sequence (`<case>:<prefix><n>`). */
export function nextId(ctx: { caseId: string; seq: number }, prefix: string): [string, number] {
  const seq = ctx.seq + 1;
  return [`${ctx.caseId}:${prefix}${seq}`, seq];
}

/** Maps copied for the current step (a copy is written in place; an original never is). */
const owned = new WeakSet<object>();

/** A working copy for one step: the hot maps are copied now, the rarely written ones on first write (`own`). */
export function draft(ctx: CaseContext): CaseContext {
  const copy = { ...ctx, tasks: { ...ctx.tasks }, steps: { ...ctx.steps }, timers: { ...ctx.timers } };
  owned.add(copy.tasks).add(copy.steps).add(copy.timers);
  return copy;
}

type Lazy = 'clocks' | 'requests' | 'subcases';

/** Copy-on-write for the rarely written maps: returns a map of the working copy that may be edited. */
export function own<K extends Lazy>(ctx: CaseContext, key: K): CaseContext[K] {
  if (!owned.has(ctx[key])) {
    ctx[key] = { ...ctx[key] } as CaseContext[K];
    owned.add(ctx[key]);
  }
  return ctx[key];
}
