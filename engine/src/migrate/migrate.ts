/**
 * `migrate(snapshot, from, to, mapping)`: moves one running case from one version of its item to
 * another. Each active state maps to a state of the new version (the same id, unless `mapping`
 * says otherwise); open tasks whose step still exists are kept (claims and deadlines included),
 * the others are cancelled, and a human step of the new version that has no task yet gets its tasks.
 * States that cannot be placed are refused with coded diagnostics; nothing is half-moved. Pure.
 */
import type { CompiledDefinition } from '../compile/compile.ts';
import { ancestors } from '../compile/model.ts';
import { diag } from '../diagnostics/catalog.ts';
import type { Diagnostic } from '../diagnostics/Diagnostic.ts';
import { draft, type CaseContext, type StepPayload } from '../run/context.ts';
import { calendarFor, type RunOptions } from '../run/env.ts';
import { machineOf } from '../run/machine.ts';
import { cancelTimers } from '../run/sla.ts';
import { persist, restore, type CaseSnapshot } from '../run/step.ts';
import { enterHumanStep } from '../run/tasks.ts';
import { TimerOwners, type TimerOwner } from '../run/timerOwners.ts';
import type { Effect, EventMeta } from '../run/types.ts';

/** Which state of the new version each active state of the old one goes to (unlisted: the same id). */
export interface MigrationMapping {
  states?: Record<string, string>;
}

/** What a migration did to one case. */
export interface MigrationReport {
  from: { version: number; state: unknown };
  to: { version: number; state: unknown };
  /** open task ids kept, cancelled (their step is gone), and created (a new step to serve) */
  tasks: { kept: string[]; lost: string[]; gained: string[] };
  /** data fields the new version no longer declares (dropped from the case data) */
  droppedFields: string[];
}

export type MigrationResult =
  | { ok: true; snapshot: CaseSnapshot; effects: Effect[]; report: MigrationReport; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

/** The active leaf states of a snapshot value. */
export function activeLeaves(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (!value || typeof value !== 'object') return [];
  return Object.values(value).flatMap(activeLeaves);
}

/** The snapshot value for a set of leaf states of a definition (nested by their ancestors). */
function valueOf(c: CompiledDefinition, leaves: string[]): unknown {
  if (leaves.length === 1 && ancestors(c.model, leaves[0]!).length === 0) return leaves[0];
  const root: Record<string, unknown> = {};
  for (const leaf of leaves) {
    const chain = [...ancestors(c.model, leaf)].reverse();
    let cur = root;
    chain.forEach((id, i) => {
      if (i === chain.length - 1) cur[id] = leaf;
      else cur = (cur[id] ??= {}) as Record<string, unknown>;
    });
  }
  return root;
}

function placeStates(snapshot: CaseSnapshot, from: CompiledDefinition, to: CompiledDefinition, mapping: MigrationMapping): { map: Map<string, string>; diagnostics: Diagnostic[] } {
  const map = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const leaf of activeLeaves(snapshot.value)) {
    const target = mapping.states?.[leaf] ?? (to.model.states.has(leaf) ? leaf : undefined);
    const path = '/mapping/states/' + leaf;
    if (target === undefined) diagnostics.push(diag('migrate.state-unmapped', path, { state: leaf, version: to.definition.version }));
    else if (!to.model.states.has(target)) diagnostics.push(diag('migrate.target-unknown', path, { state: leaf, target }));
    else if (!['atomic', 'final'].includes(to.model.states.get(target)!.kind)) diagnostics.push(diag('migrate.target-not-leaf', path, { state: leaf, target }));
    else map.set(leaf, target);
  }
  for (const from2 of Object.keys(mapping.states ?? {})) if (!from.model.states.has(from2)) diagnostics.push(diag('migrate.source-unknown', '/mapping/states/' + from2, { state: from2 }));
  return { map, diagnostics };
}

/**
 * Keeps the open tasks whose step exists in the new version with the same task mode (renamed when
 * mapped); cancels the others — a step whose mode changed (countersign → single) starts afresh.
 */
function moveTasks(ctx: CaseContext, from: CompiledDefinition, to: CompiledDefinition, map: Map<string, string>, out: Effect[], report: MigrationReport): void {
  const modeOf = (c: CompiledDefinition, s: string) => c.model.states.get(s)?.spec.task?.mode ?? 'single';
  const keeps = (s: string) => map.has(s) && Boolean(to.model.states.get(map.get(s)!)?.spec.task) && modeOf(from, s) === modeOf(to, map.get(s)!);
  for (const task of Object.values(ctx.tasks)) {
    const target = map.get(task.state) ?? task.state;
    if (keeps(task.state)) {
      ctx.tasks[task.id] = { ...task, state: target };
      if (target !== task.state) out.push({ kind: 'task.update', taskId: task.id, status: task.status, assignee: task.assignee ?? null, candidates: task.candidates, state: target });
      report.tasks.kept.push(task.id);
    } else {
      delete ctx.tasks[task.id];
      out.push(...cancelTimers(ctx, TimerOwners.task(task.id, task.state)), { kind: 'task.cancel', taskId: task.id, reason: 'migrated' });
      report.tasks.lost.push(task.id);
    }
  }
  ctx.steps = Object.fromEntries(Object.entries(ctx.steps).filter(([s]) => keeps(s)).map(([s, st]) => [map.get(s)!, st]));
}

/** Timers whose owner no longer exists in the new version (a state, a clock, a schedule) are cancelled. */
function dropTimers(ctx: CaseContext, to: CompiledDefinition, map: Map<string, string>, out: Effect[]): void {
  const alive = (o: TimerOwner) => (o.kind === 'task' ? Boolean(ctx.tasks[o.taskId]) : o.kind === 'clock' ? Boolean(to.definition.clocks?.[o.clock])
    : o.kind === 'schedule' ? Boolean(to.definition.schedules?.[o.schedule]) : map.has(o.state) && Boolean(to.model.states.get(map.get(o.state)!)));
  for (const [id, t] of Object.entries(ctx.timers)) {
    if (alive(t.owner)) {
      if ((t.owner.kind === 'step' || t.owner.kind === 'wait') && map.get(t.owner.state) !== t.owner.state) ctx.timers[id] = { ...t, owner: { ...t.owner, state: map.get(t.owner.state)! } };
      if (t.owner.kind === 'task') ctx.timers[id] = { ...ctx.timers[id]!, owner: { ...t.owner, state: ctx.tasks[t.owner.taskId]!.state } };
      continue;
    }
    delete ctx.timers[id];
    out.push({ kind: 'timer.cancel', timerId: id });
  }
  ctx.clocks = Object.fromEntries(Object.entries(ctx.clocks).filter(([k]) => to.definition.clocks?.[k]));
  if (ctx.schedules) ctx.schedules = Object.fromEntries(Object.entries(ctx.schedules).filter(([k]) => to.definition.schedules?.[k]));
  if (ctx.rejectReturn && !(to.model.states.has(ctx.rejectReturn.from) && to.model.states.has(ctx.rejectReturn.to))) ctx.rejectReturn = undefined;
}

/** Migrates one case snapshot; `meta` is the migration's own event (time, id, who). */
export function migrate(snapshot: CaseSnapshot, from: CompiledDefinition, to: CompiledDefinition, mapping: MigrationMapping, opts: RunOptions, meta: EventMeta): MigrationResult {
  if (from.definition.id !== to.definition.id) return { ok: false, diagnostics: [diag('migrate.different-item', '', { from: from.definition.id, to: to.definition.id })] };
  if (snapshot.status !== 'active') return { ok: false, diagnostics: [diag('migrate.case-finished', '')] };
  const calendar = calendarFor(to.definition.calendar, opts);
  if (!calendar) return { ok: false, diagnostics: [diag('run.unknown-calendar', '/calendar', { calendar: to.definition.calendar, known: opts.calendar.id })] };
  const placed = placeStates(snapshot, from, to, mapping);
  if (placed.diagnostics.length) return { ok: false, diagnostics: placed.diagnostics };
  const out: Effect[] = [];
  const report: MigrationReport = { from: { version: from.definition.version, state: snapshot.value }, to: { version: to.definition.version, state: undefined }, tasks: { kept: [], lost: [], gained: [] }, droppedFields: [] };
  const ctx = draft(restore(from, snapshot).context);
  ctx.version = to.definition.version;
  const props = (to.definition.data.properties ?? {}) as Record<string, unknown>;
  report.droppedFields = Object.keys(ctx.data).filter((k) => !Object.hasOwn(props, k) && k !== 'subcaseOutcome' && !k.endsWith('_result'));
  if (report.droppedFields.length) ctx.data = Object.fromEntries(Object.entries(ctx.data).filter(([k]) => !report.droppedFields.includes(k)));
  moveTasks(ctx, from, to, placed.map, out, report);
  dropTimers(ctx, to, placed.map, out);
  const leaves = [...new Set(placed.map.values())];
  const p: StepPayload = { env: { ...opts, calendar, compiled: to, meta }, meta, actor: meta.actor, label: 'case.migrated', refusals: [], warnings: [], budget: { hooks: 0 } };
  for (const leaf of leaves) {
    if (!to.model.states.get(leaf)!.spec.task || Object.values(ctx.tasks).some((t) => t.state === leaf)) continue;
    const before = out.length;
    enterHumanStep(ctx, p, leaf, out);
    report.tasks.gained.push(...out.slice(before).flatMap((e) => (e.kind === 'task.create' ? [e.taskId] : [])));
  }
  if (p.refusals.length) return { ok: false, diagnostics: p.refusals };
  const value = valueOf(to, leaves);
  report.to.state = value;
  let next: CaseSnapshot;
  try {
    next = persist(machineOf(to).resolveState({ value, context: ctx, status: 'active' } as never) as never);
  } catch (err) {
    return { ok: false, diagnostics: [diag('migrate.invalid-configuration', '/mapping', { reason: (err as Error).message })] };
  }
  out.push({ kind: 'audit', action: 'case.migrated', detail: { eventId: meta.id, at: meta.at, actor: meta.actor?.userId ?? 'system', fromVersion: from.definition.version, toVersion: to.definition.version, from: snapshot.value, to: value, mapping } });
  const warnings = report.droppedFields.length ? [diag('migrate.fields-dropped', '/data', { fields: report.droppedFields.join(', ') })] : [];
  return { ok: true, snapshot: next, effects: out, report, diagnostics: warnings };
}
