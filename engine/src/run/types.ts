/**
 * The engine's run-time contract: events in, snapshots and effects out. Everything here is plain,
 * JSON-serialisable data so the runtime can store it and a replay reproduces it exactly.
 */
import type { Diagnostic } from '../diagnostics/Diagnostic.ts';
import type { Assignee, DecisionKind, FieldAccess, TaskMode, Clock } from '../definition/types.ts';

/** Who acts. `orgPath` is the materialized path of the actor's org unit (/county/township/...). */
export interface Actor {
  userId: string;
  roles: string[];
  orgPath: string;
  name?: string;
}

export interface EventMeta {
  /** epoch ms: the engine never reads the clock itself */
  at: number;
  /** unique event id (idempotency, derived ids) */
  id: string;
  actor?: Actor;
  /** 'user' (default when actor is set), 'system' (timers, automatic), 'device', 'external' */
  source?: 'user' | 'system' | 'device' | 'external';
}

export type TaskActionName =
  | string // a decision name from the task's `decisions`
  | 'open' | 'claim' | 'transfer' | 'delegate' | 'addSigner' | 'removeSigner' | 'withdraw' | 'urge' | 'copy';

/** Events the engine accepts. */
export type CaseEvent =
  | { type: 'task.act'; taskId: string; action: TaskActionName; data?: Record<string, unknown>; comment?: string;
      signature?: string; attachments?: string[]; users?: string[]; position?: 'before' | 'after'; nextAssignee?: string;
      meta: EventMeta }
  | { type: 'timer.fired'; timerId: string; meta: EventMeta }
  | { type: 'adapter.succeeded' | 'adapter.failed'; requestId: string; output?: unknown; error?: { code: string; message?: string }; meta: EventMeta }
  | { type: 'subcase.completed'; childId: string; outcome: string; meta: EventMeta }
  | { type: 'task.unassignable'; taskId: string; meta: EventMeta }
  /** a user (default: the assignee) left the task's group (moved to another unit): back to the group's queue, without them */
  | { type: 'task.released'; taskId: string; userId?: string; meta: EventMeta }
  | { type: string; data?: Record<string, unknown>; comment?: string; meta: EventMeta };

export interface TaskRecord {
  id: string;
  state: string; // state id (dot path for nested)
  status: 'pending' | 'waiting' | 'delegated' | 'done' | 'cancelled';
  assignee?: string;
  candidates: string[];
  group?: { role: string; orgPath: string };
  createdAt: number;
  opened?: boolean;
  delegatedFrom?: string;
  decision?: string;
  added?: boolean;
  seqIndex?: number;
  weight?: number;
}

export interface AssignmentTrace {
  rule: Assignee;
  group?: { role: string; orgPath: string };
  candidates: string[];
  assignee?: string;
  /** "why this assignee", in order, zh-CN then en */
  why: Array<{ 'zh-CN': string; en: string }>;
}

/** Effects are data: the runtime performs them and reports results back as events. */
export type Effect =
  | { kind: 'task.create'; taskId: string; state: string; title: { 'zh-CN': string; en: string }; mode: TaskMode;
      assignment: AssignmentTrace; form?: string; fields: Record<string, FieldAccess>;
      decisions: Array<{ name: string; kind: DecisionKind; requires: string[] }>; dueAt?: number; priority: string;
      delegatedFrom?: string }
  | { kind: 'task.cancel'; taskId: string; reason: string }
  /** a task's status or holders changed (claim, unclaim, delegate, delegation returned) */
  | { kind: 'task.update'; taskId: string; status: TaskRecord['status']; assignee: string | null; candidates: string[]; state?: string }
  /** a task was decided (its holder took a decision, or the system did on a breach or an empty assignment) */
  | { kind: 'task.complete'; taskId: string; decision: string; by: string }
  | { kind: 'timer.start'; timerId: string; dueAt: number; purpose: string; clock: Clock }
  | { kind: 'timer.cancel'; timerId: string }
  /**
   * a notice. `phoneFields` are case-data paths holding mobile numbers to text: the number itself never
   * rides in the effect (it is personal data); the runtime reads it from the case when it sends.
   */
  | { kind: 'notify'; template: string; channel: string; recipients: { role?: string; orgPath?: string; orgPaths?: string[]; users?: string[]; phoneFields?: string[] }; vars: Record<string, unknown>; replies?: Record<string, string>; replyWithin?: string }
  | { kind: 'adapter.invoke'; requestId: string; operation: string; input: Record<string, unknown>; retry: { max: number; backoff: string }; idempotencyKey: string; consent?: { ref: unknown; purpose: string; subject?: unknown } }
  | { kind: 'case.spawn'; childId: string; definition: string; input: Record<string, unknown> }
  | { kind: 'audit'; action: string; detail: Record<string, unknown> }
  /** credit (or reverse) the points ledger's rule for an activity, once per person (the ledger's key) */
  | { kind: 'points.award'; rule: string; people: string[]; activity: string; hours?: number; reverse?: boolean };

export interface StepResult<S> {
  snapshot: S;
  effects: Effect[];
  diagnostics: Diagnostic[];
  /** false when the event was refused (diagnostics say why) and the snapshot is unchanged */
  accepted: boolean;
  /** the transitions taken (JSON Pointers into the definition; `$goto.<state>` for reject-back/withdraw) and the states entered */
  trace: { transitions: string[]; entered: string[] };
}
