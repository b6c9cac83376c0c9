/**
 * The case context kept in the XState snapshot. Plain JSON: the runtime stores it, a replay of the
 * event log rebuilds it exactly. Ids are derived from the case id and a sequence number, never random.
 */
import type { Clock } from '../definition/types.ts';
import type { Diagnostic } from '../diagnostics/Diagnostic.ts';
import type { Env } from './env.ts';
import type { TimerRecord } from './timerOwners.ts';
import type { Actor, AssignmentTrace, Effect, EventMeta, TaskRecord } from './types.ts';

export type { TimerRecord } from './timerOwners.ts';

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
  trace?: AssignmentTrace;
  /** user → the group (role@org) their task belongs to, when the step combines several assignment rules */
  groups?: Record<string, { role: string; orgPath: string }>;
  /** the step's one deadline (a step-level SLA: countersign, or-sign and vote steps by default) */
  dueAt?: number;
}

export interface TrailEntry {
  state: string;
  taskId: string;
  by: string;
  decision: string;
  at: number;
}

export interface ClockRecord {
  startedAt: number;
  dueAt: number;
  within: number;
  paused?: { at: number; remaining: number };
  extended?: number;
  breached?: boolean;
  /** the clock counted on when `clockFrom` chose another than the clock's own */
  clock?: Clock;
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
  /** running recurring schedules: the anchor and the next occurrence number */
  schedules?: Record<string, { anchor: number; next: number; /** the instants of an `at` schedule, in order */ times?: number[] }>;
  rejectReturn?: { from: string; to: string };
  escalation: number;
  flags: string[];
  seq: number;
  outcome?: string;
  /** the id of the last event applied (makes the patch idempotent across eventless transitions) */
  applied?: string;
  /**
   * This step's inputs while XState runs it (transient: `step` and `start` remove it before they
   * return). Events XState makes itself (`done.state.*`) carry no payload of ours; the hooks read
   * it here, from the context being stepped, instead of from any ambient state.
   */
  $step?: StepPayload;
}

/** What one event hands to the hooks XState runs for it. */
export interface StepPayload {
  env: Env;
  meta: EventMeta;
  actor?: Actor;
  data?: Record<string, unknown>;
  comment?: string;
  /** task ids completed by this event: exit does not cancel them */
  done?: string[];
  /** the working copy `prepare` made (taken over by the first hook), and the effects `prepare` produced */
  ctx?: CaseContext;
  pre?: Effect[];
  label: string;
  /** filled while stepping: transitions taken (JSON Pointer, or a label for engine jumps) and states entered */
  trace?: StepTrace;
  /** filled while stepping: reasons the hooks found to refuse the whole event (a picked user without the role, ...) */
  refusals: Diagnostic[];
  /** filled while stepping: warnings about an accepted event (a notify recipient that is not a user, ...) */
  warnings: Diagnostic[];
  /** hook calls so far in this event (shared with the events it raises); bounded by run/limits.ts */
  budget: { hooks: number };
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

type Lazy = 'clocks' | 'requests' | 'subcases' | 'schedules';

/** Copy-on-write for the rarely written maps: returns a map of the working copy that may be edited. */
export function own<K extends Lazy>(ctx: CaseContext, key: K): NonNullable<CaseContext[K]> {
  const cur = ctx[key];
  if (!cur || !owned.has(cur)) {
    ctx[key] = { ...(cur ?? {}) } as CaseContext[K];
    owned.add(ctx[key]!);
  }
  return ctx[key] as NonNullable<CaseContext[K]>;
}
