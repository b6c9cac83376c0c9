/**
 * Runs a script against a definition through `start`/`step`: the path taken, tasks with assignees,
 * timers with due times, every effect, and the final state. Pure: the directory and calendar are
 * inputs; `advance` fires due timers in due-time order (as the runtime's scheduler would). Bounded
 * (run/limits.ts `simulateLimits`): a definition that keeps firing timers or producing effects
 * stops with a coded diagnostic instead of running out of memory.
 */
import type { CompiledDefinition } from '../compile/compile.ts';
import type { Diagnostic } from '../diagnostics/Diagnostic.ts';
import { diag } from '../diagnostics/catalog.ts';
import type { RunOptions } from '../run/env.ts';
import { checkIntake } from '../run/formCheck.ts';
import { simulateLimits } from '../run/limits.ts';
import { persist, start, step, type CaseSnapshot, type LiveSnapshot } from '../run/step.ts';
import type { Actor, CaseEvent, Effect, EventMeta, StepResult } from '../run/types.ts';
import type { DirectoryData } from '../run/directory.ts';
import type { SimScript, SimStep } from './script.ts';

export interface SimRecord {
  index: number;
  label: string;
  at: number;
  accepted: boolean;
  state: unknown;
  effects: Effect[];
  diagnostics: Diagnostic[];
  /** the step's trace: transitions taken (JSON Pointers, or the event label for reject-back / bookkeeping) and states entered */
  trace: StepResult<unknown>['trace'];
}

export interface SimResult {
  records: SimRecord[];
  final: CaseSnapshot;
  ok: boolean;
}

export interface SimulateOptions {
  /** called after every record with the snapshot it left (tests check invariants; a designer shows each step) */
  observe?: (record: SimRecord, snapshot: CaseSnapshot) => void;
}

function parseAt(s: string | undefined, now: number, add: (from: number, d: string) => number): number {
  if (!s) return now + 1000;
  if (s.startsWith('+')) return add(now, s.slice(1));
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : now + 1000;
}

/** An actor from the directory data: all roles the user holds, and the org of the first. */
export function actorFrom(dir: DirectoryData, userId: string): Actor {
  const u = dir.users.find((x) => x.id === userId);
  return { userId, roles: [...new Set(u?.roles.map((r) => r.role) ?? [])], orgPath: u?.roles[0]?.orgPath ?? '/', ...(u?.name ? { name: u.name } : {}) };
}

class SimulationStopped extends Error {}

/** Runs a simulation script. */
export function simulate(c: CompiledDefinition, script: SimScript, opts: RunOptions, dir: DirectoryData, sim: SimulateOptions = {}): SimResult {
  let now = Date.parse(script.case.at);
  let n = 0;
  const meta = (at: number, by?: string, source?: EventMeta['source']): EventMeta => ({ at, id: `sim-${++n}`, ...(by ? { actor: actorFrom(dir, by) } : {}), ...(source ? { source } : {}) });
  const startMeta = meta(now, script.case.by, script.case.by ? undefined : script.case.source ?? 'system');
  const input = { caseId: script.case.id ?? 'sim', orgPath: script.case.orgPath, data: script.case.data ?? {}, meta: startMeta, derived: script.case.derived };
  const refused = script.case.spawned
    ? checkIntake(c, input.data, { at: now, id: startMeta.id, source: 'system' }, { spawned: true })
    : checkIntake(c, input.data, startMeta);
  const first = start(c, input, opts);
  let snap: LiveSnapshot = first.snapshot;
  // a refused intake opens no case: no effects to show, nothing more to run
  const startProblems = refused.length ? refused : first.diagnostics;
  const records: SimRecord[] = [{ index: 0, label: 'start', at: now, accepted: refused.length === 0 && first.accepted, state: snap.value, effects: refused.length || !first.accepted ? [] : first.effects, diagnostics: startProblems, trace: first.trace }];
  let ok = records[0]!.accepted;
  let effects = records[0]!.effects.length;
  sim.observe?.(records[0]!, persist(snap));
  if (!ok) return { records, final: persist(snap), ok };
  const stop = (d: Diagnostic) => {
    ok = false;
    records.push({ index: records.length, label: 'stopped', at: now, accepted: false, state: snap.value, effects: [], diagnostics: [d], trace: { transitions: [], entered: [] } });
    throw new SimulationStopped();
  };
  const send = (label: string, ev: CaseEvent): boolean => {
    if (records.length >= simulateLimits.maxEvents) stop(diag('sim.limit-exceeded', '', { limit: 'maxEvents', max: simulateLimits.maxEvents }));
    const r = step(c, snap, ev, opts);
    snap = r.snapshot;
    effects += r.effects.length;
    ok &&= r.accepted || r.diagnostics.every((d) => d.severity !== 'error');
    const rec: SimRecord = { index: records.length, label, at: ev.meta.at, accepted: r.accepted, state: snap.value, effects: r.effects, diagnostics: r.diagnostics, trace: r.trace };
    records.push(rec);
    sim.observe?.(rec, persist(snap));
    if (effects > simulateLimits.maxEffects) stop(diag('sim.limit-exceeded', '', { limit: 'maxEffects', max: simulateLimits.maxEffects }));
    return r.accepted;
  };
  // a timer the engine refused stays in the snapshot (refusals change nothing): never fire it again
  const refusedTimers = new Set<string>();
  const advance = (until: number) => {
    for (;;) {
      const next = Object.entries(snap.context.timers).filter(([id]) => !refusedTimers.has(id)).sort((a, b) => a[1].dueAt - b[1].dueAt || a[0].localeCompare(b[0]))[0];
      if (!next || next[1].dueAt > until || snap.status !== 'active') break;
      now = Math.max(now, next[1].dueAt);
      if (!send(`timer ${next[1].purpose}`, { type: 'timer.fired', timerId: next[0], meta: meta(now, undefined, 'system') })) refusedTimers.add(next[0]);
    }
  };
  const runStep = (s: SimStep) => {
    if ('advance' in s) {
      const until = opts.calendar.add(now, s.advance, 'natural');
      advance(until);
      now = until;
      return;
    }
    if ('expect' in s) {
      const same = JSON.stringify(snap.value) === JSON.stringify(s.expect);
      ok &&= same;
      if (!same) records.push({ index: records.length, label: 'expect', at: now, accepted: false, state: snap.value, effects: [], diagnostics: [diag('sim.expect-failed', '/expect', { state: JSON.stringify(snap.value), expected: JSON.stringify(s.expect) })], trace: { transitions: [], entered: [] } });
      return;
    }
    now = parseAt((s as { at?: string }).at, now, (f, d) => opts.calendar.add(f, d, 'natural'));
    if ('act' in s) {
      const mine = (t: { assignee?: string; candidates: string[] }) => s.act === 'urge' || t.assignee === s.by || (!t.assignee && t.candidates.includes(s.by));
      const task = s.task ?? Object.values(snap.context.tasks).find((t) => (!s.state || t.state === s.state) && mine(t) && t.status === 'pending')?.id
        ?? (s.act === 'withdraw' ? [...snap.context.trail].reverse().find((t) => t.by === s.by)?.taskId : undefined) ?? 'none';
      const { act, by, state: _s, task: _t, at: _a, ...rest } = s;
      send(`${by} ${act}`, { type: 'task.act', taskId: task, action: act, ...rest, meta: meta(now, by) } as CaseEvent);
    } else if ('event' in s) {
      send(s.event, { type: s.event, ...(s.data ? { data: s.data } : {}), ...(s.comment ? { comment: s.comment } : {}), meta: meta(now, s.by, s.source ?? (s.by ? 'user' : 'system')) });
    } else if ('adapter' in s) {
      const req = Object.entries(snap.context.requests).find(([, r]) => r.operation === s.adapter)?.[0] ?? 'none';
      send(`adapter ${s.adapter}`, { type: s.ok ? 'adapter.succeeded' : 'adapter.failed', requestId: req, ...(s.output ? { output: s.output } : {}), ...(s.ok ? {} : { error: { code: 'failed' } }), meta: meta(now, undefined, 'external') });
    } else if ('subcase' in s) {
      const child = Object.entries(snap.context.subcases).find(([, x]) => x.definition === s.subcase && x.outcome === undefined)?.[0] ?? 'none';
      send(`subcase ${s.subcase}`, { type: 'subcase.completed', childId: child, outcome: s.outcome, meta: meta(now, undefined, 'system') });
    }
  };
  try {
    for (const s of script.steps) runStep(s);
  } catch (err) {
    if (!(err instanceof SimulationStopped)) throw err;
  }
  return { records, final: persist(snap), ok };
}
