/**
 * Who a durable timer belongs to, as typed values: the runtime cancels and the engine finds the
 * timer's SLA by its owner, so owners are constructed here and compared with `sameOwner`, never
 * parsed from strings. `upgradeTimer` reads the string owners of snapshots stored before this type.
 */
import type { Clock } from '../definition/types.ts';

export type TimerOwner =
  /** one task's SLA (single / sequence steps: each slot has its own deadline) */
  | { kind: 'task'; taskId: string; state: string }
  /** a step-level SLA: one deadline for every signer of a countersign, or-sign or vote */
  | { kind: 'step'; state: string }
  /** a case clock (`clocks.<name>`) spanning several states */
  | { kind: 'clock'; clock: string }
  /** a `wait` state's timeout */
  | { kind: 'wait'; state: string }
  /** a recurring schedule (`schedules.<name>`) */
  | { kind: 'schedule'; schedule: string };

/** Constructors, so a typo in an owner does not compile. */
export const TimerOwners = {
  task: (taskId: string, state: string): TimerOwner => ({ kind: 'task', taskId, state }),
  step: (state: string): TimerOwner => ({ kind: 'step', state }),
  clock: (clock: string): TimerOwner => ({ kind: 'clock', clock }),
  wait: (state: string): TimerOwner => ({ kind: 'wait', state }),
  schedule: (schedule: string): TimerOwner => ({ kind: 'schedule', schedule }),
} as const;

/** True when two owners are the same (a task owner is its task, whatever the state). */
export function sameOwner(a: TimerOwner, b: TimerOwner): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'task': return a.taskId === (b as typeof a).taskId;
    case 'step': case 'wait': return a.state === (b as typeof a).state;
    case 'clock': return a.clock === (b as typeof a).clock;
    case 'schedule': return a.schedule === (b as typeof a).schedule;
  }
}

export type TimerPurpose = 'sla.warn' | 'sla.due' | 'sla.rung' | 'wait.timeout' | 'schedule';

export interface TimerRecord {
  purpose: TimerPurpose;
  dueAt: number;
  clock: Clock;
  owner: TimerOwner;
  /** the breach rung this timer fires (sla.rung) */
  rung?: number;
  /** how many times a remind rung has fired */
  repeat?: number;
  /** which occurrence of a schedule this is (1, 2, ...) */
  occurrence?: number;
}

/** A timer as stored by an older release (`owner: '<taskId>' | 'clock:<name>' | '<state>'`, `sla: 'task:<state>' | 'clock:<name>' | 'wait:<state>'`). */
interface LegacyTimer { purpose: TimerPurpose; dueAt: number; clock: Clock; owner: string; sla: string; rung?: number; repeat?: number }

/** Reads a stored timer, upgrading the string owner of an older snapshot. */
export function upgradeTimer(t: TimerRecord | LegacyTimer): TimerRecord {
  if (typeof t.owner !== 'string') return t as TimerRecord;
  const legacy = t as LegacyTimer;
  const { sla, owner, ...rest } = legacy;
  const at = sla.indexOf(':');
  const [kind, name] = [sla.slice(0, at), sla.slice(at + 1)];
  const typed = kind === 'clock' ? TimerOwners.clock(name) : kind === 'wait' ? TimerOwners.wait(name) : TimerOwners.task(owner, name);
  return { ...rest, owner: typed };
}
