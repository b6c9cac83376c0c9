/**
 * The deadline of a whole case: its case-level clock (e.g. 处置时限, paused while 挂账) when the
 * definition has one running, else the earliest deadline among its open tasks.
 */
import type { CaseSnapshot, Definition, StateSpec, WorkCalendar } from '@tongban/engine';
import { describeDeadline, type Deadline } from './describeDeadline.ts';

type Clock = 'natural' | 'working' | 'urgent';
type ClockRecord = { startedAt: number; dueAt: number; paused?: { at: number; remaining: number } };

/**
 * A state's spec by id: a dot path from the root (`care.answering`), else — as a step's trail records
 * a nested state by its own name (`answering`) — the state of that name anywhere in the tree.
 */
export function stateSpecAt(def: Definition, id: string): StateSpec | undefined {
  let states = def.states as Record<string, StateSpec> | undefined;
  let spec: StateSpec | undefined;
  for (const part of id.split('.')) {
    spec = states?.[part];
    states = spec?.states;
  }
  if (spec) return spec;
  const name = id.split('.').pop()!;
  const find = (nodes: Record<string, StateSpec> | undefined): StateSpec | undefined => {
    for (const [k, v] of Object.entries(nodes ?? {})) {
      if (k === name) return v;
      const deeper = find(v.states);
      if (deeper) return deeper;
    }
    return undefined;
  };
  return find(def.states as Record<string, StateSpec>);
}

/** A state's title by id (dot path for nested states, or a nested state's own name), or the id itself. */
export function stateTitle(def: Definition, id: string): { 'zh-CN': string; en: string } {
  const spec = stateSpecAt(def, id);
  return spec?.task?.title ?? spec?.title ?? { 'zh-CN': id, en: id };
}

/** The case's deadline at `now`; `taskDeadlines` are the deadlines of its open tasks. */
export function caseDeadline(calendar: WorkCalendar, def: Definition, snap: CaseSnapshot, caseState: string, taskDeadlines: Deadline[], now: number): Deadline {
  if (snap.status !== 'active') return describeDeadline(calendar, { dueAt: null, warnAt: null, clock: null, open: false }, now);
  const clocks = Object.entries((snap.context as { clocks?: Record<string, ClockRecord> }).clocks ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const [name, rec] = clocks[0] ?? [];
  const spec = name ? def.clocks?.[name] : undefined;
  if (rec && spec) {
    const clock = spec.clock as Clock;
    const warnAt = spec.warnAt ? calendar.fractionPoint(rec.startedAt, rec.dueAt, spec.warnAt, clock) : null;
    const paused = rec.paused ? { reason: stateTitle(def, caseState.split(',')[0]!), remainingMs: rec.paused.remaining } : null;
    return describeDeadline(calendar, { dueAt: rec.dueAt, warnAt, clock, open: true, paused }, now);
  }
  const running = taskDeadlines.filter((d) => d.dueAt !== null).sort((a, b) => a.dueAt! - b.dueAt!);
  return running[0] ?? describeDeadline(calendar, { dueAt: null, warnAt: null, clock: null, open: true }, now);
}
