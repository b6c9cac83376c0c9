/**
 * Dry run of a new version against a running case: its event log is replayed from the start on
 * the old and the new version side by side. Ids of tasks, timers, adapter requests and child cases
 * are derived from a case's own sequence, so an event that named a task of the old run is pointed at
 * the matching task of the new run (same step, same holder). The report says whether the case
 * would stop (an event the new version refuses), end in another state, or lose or gain open tasks.
 */
import type { CompiledDefinition } from '../compile/compile.ts';
import type { Diagnostic } from '../diagnostics/Diagnostic.ts';
import type { RunOptions } from '../run/env.ts';
import { persist, start, step, type CaseSnapshot, type LiveSnapshot } from '../run/step.ts';
import type { CaseEvent, EventMeta, TaskRecord } from '../run/types.ts';
import type { TimerOwner } from '../run/timerOwners.ts';

/** A case as its log tells it: how it was opened, then every accepted event in order. */
export interface CaseLog {
  caseId: string;
  orgPath: string;
  created: { data: Record<string, unknown>; meta: EventMeta; derived?: Record<string, unknown> };
  events: CaseEvent[];
}

/** What replaying a case on a new version shows. */
export interface ReplayReport {
  caseId: string;
  /** the first event the new version refuses (the case would stop there), if any */
  stops?: { index: number; type: string; diagnostics: Diagnostic[] };
  state: { now: unknown; replayed: unknown };
  changesState: boolean;
  /** steps (state ids) of open tasks now that the replayed case would not have, and the other way round */
  tasks: { lost: string[]; gained: string[] };
  /** the snapshot the replay arrived at on the new version */
  replayed: CaseSnapshot;
}

const sameOwnerKind = (a: TimerOwner, b: TimerOwner) => a.kind === b.kind && JSON.stringify({ ...a, taskId: undefined }) === JSON.stringify({ ...b, taskId: undefined });

function matchTask(old: TaskRecord | undefined, tasks: TaskRecord[]): TaskRecord | undefined {
  if (!old) return undefined;
  const here = tasks.filter((t) => t.state === old.state);
  return here.find((t) => t.assignee === old.assignee && t.candidates.join() === old.candidates.join())
    ?? here.find((t) => (old.assignee ? t.candidates.includes(old.assignee) || t.assignee === old.assignee : true))
    ?? here[0];
}

/** The event as the new run should see it: ids of the old run's things pointed at the new run's matching ones. */
function translate(e: CaseEvent, before: LiveSnapshot, now: LiveSnapshot): CaseEvent | undefined {
  const o = before.context;
  const n = now.context;
  if (e.type === 'task.act' || e.type === 'task.unassignable' || e.type === 'task.released') {
    const ev = e as Extract<CaseEvent, { type: 'task.act' }>;
    if (ev.type === 'task.act' && ev.action === 'withdraw') {
      const last = n.trail[n.trail.length - 1];
      return last ? { ...ev, taskId: last.taskId } : ev;
    }
    const task = matchTask(o.tasks[ev.taskId], Object.values(n.tasks));
    return task ? { ...ev, taskId: task.id } : ev;
  }
  if (e.type === 'timer.fired') {
    const old = o.timers[(e as { timerId: string }).timerId];
    const match = old && Object.entries(n.timers).filter(([, t]) => t.purpose === old.purpose && t.rung === old.rung && sameOwnerKind(t.owner, old.owner)).sort((a, b) => a[1].dueAt - b[1].dueAt)[0];
    return match ? ({ ...e, timerId: match[0] } as CaseEvent) : undefined; // the new version has no such timer: nothing fires
  }
  if (e.type === 'adapter.succeeded' || e.type === 'adapter.failed') {
    const old = o.requests[(e as { requestId: string }).requestId];
    const match = old && Object.entries(n.requests).find(([, r]) => r.operation === old.operation);
    return match ? ({ ...e, requestId: match[0] } as CaseEvent) : undefined;
  }
  if (e.type === 'subcase.completed') {
    const old = o.subcases[(e as { childId: string }).childId];
    const match = old && Object.entries(n.subcases).find(([, s]) => s.definition === old.definition && s.outcome === undefined);
    return match ? ({ ...e, childId: match[0] } as CaseEvent) : undefined;
  }
  return e;
}

function taskStates(s: CaseSnapshot): string[] {
  return Object.values(s.context.tasks).map((t) => t.state).sort();
}

/** `a` minus `b`, as multisets. */
function minus(a: string[], b: string[]): string[] {
  const rest = [...b];
  return a.filter((x) => {
    const i = rest.indexOf(x);
    if (i < 0) return true;
    rest.splice(i, 1);
    return false;
  });
}

/** Replays a case's log on `from` and `to` side by side and compares the result with the case as it is now. */
export function replayCase(log: CaseLog, from: CompiledDefinition, to: CompiledDefinition, opts: RunOptions, current: CaseSnapshot): ReplayReport {
  const input = { caseId: log.caseId, orgPath: log.orgPath, data: log.created.data, meta: log.created.meta, derived: log.created.derived };
  let old = start(from, input, opts).snapshot;
  const first = start(to, input, opts);
  let now = first.snapshot;
  let stops: ReplayReport['stops'] = first.accepted ? undefined : { index: 0, type: 'case.created', diagnostics: first.diagnostics };
  for (let i = 0; i < log.events.length && !stops; i++) {
    const e = log.events[i]!;
    const r1 = step(from, old, e, opts);
    const translated = translate(e, old, now);
    if (r1.accepted) old = r1.snapshot;
    if (!translated) continue;
    const r2 = step(to, now, translated, opts);
    if (r2.accepted) now = r2.snapshot;
    else if (r2.diagnostics.some((d) => d.severity === 'error')) stops = { index: i + 1, type: e.type === 'task.act' ? `task.${(e as { action: string }).action}` : e.type, diagnostics: r2.diagnostics };
  }
  const replayed = persist(now);
  return {
    caseId: log.caseId,
    ...(stops ? { stops } : {}),
    state: { now: current.value, replayed: replayed.value },
    changesState: JSON.stringify(current.value) !== JSON.stringify(replayed.value),
    tasks: { lost: minus(taskStates(current), taskStates(replayed)), gained: minus(taskStates(replayed), taskStates(current)) },
    replayed,
  };
}
