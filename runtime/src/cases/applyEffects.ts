/**
 * Writes what one engine step produced, on the command's write batch: the task projection
 * (created from `task.create`, then reconciled with the snapshot's open tasks), timers, outbox
 * rows for deliveries (idempotency key per effect) and audit entries.
 */
import type { Knex } from 'knex';
import type { Effect, TaskRecord } from '@tongban/engine';
import { orgLevelsOf } from '../identity/orgPath.ts';
import type { AuditEntry } from '../audit/KnexAuditLog.ts';
import type { WriteBatch } from '../store/writeBatch.ts';

/** Far-future due date for tasks without an SLA, so (due_at, id) keyset order stays total. */
export const NO_DUE = 253_402_300_799_000;
const priorities: Record<string, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/** The case a step ran on. */
export interface StepCase { id: string; definitionId: string; orgPath: string }

type TaskCreate = Extract<Effect, { kind: 'task.create' }>;

/** The engine's timer records of the case after the step (owner = the task id for a step's SLA). */
export type TimerView = Record<string, { owner: string; purpose: string; dueAt: number; clock: string }>;

/** The task's SLA clock and 预警 instant, from the timers its creation armed. */
function slaOf(taskId: string, timers: TimerView | undefined): { warn_at: number | null; sla_clock: string | null } {
  const mine = Object.values(timers ?? {}).filter((t) => t.owner === taskId);
  const due = mine.find((t) => t.purpose === 'sla.due');
  return { warn_at: due ? mine.find((t) => t.purpose === 'sla.warn')?.dueAt ?? null : null, sla_clock: due?.clock ?? null };
}

function taskRow(c: StepCase, e: TaskCreate, rec: TaskRecord | undefined, now: number, timers?: TimerView): Record<string, unknown> {
  return {
    id: e.taskId, case_id: c.id, task_key: e.taskId, definition_id: c.definitionId, org_path: c.orgPath, ...orgLevelsOf(c.orgPath),
    state: e.state, title_zh: e.title['zh-CN'].slice(0, 200), title_en: e.title.en.slice(0, 200),
    status: rec?.status ?? 'pending', assignee: rec?.assignee ?? e.assignment.assignee ?? null,
    group_role: e.assignment.group?.role ?? null, group_org: e.assignment.group?.orgPath ?? null,
    candidates: JSON.stringify(rec?.candidates ?? e.assignment.candidates), priority: priorities[e.priority] ?? 2,
    due_at: e.dueAt ?? NO_DUE, ...slaOf(e.taskId, timers), form: e.form ?? null,
    spec: JSON.stringify({ mode: e.mode, fields: e.fields, decisions: e.decisions, why: e.assignment.why }),
    created_at: now,
  };
}

type Ctx = { eventId: string; actorId?: string; now: number; acted?: { taskId: string; action: string }; scrub: (json: string) => string; timers?: TimerView };

/** Rows one step writes, collected so each table gets one multi-row statement. */
interface Collected { tasks: Record<string, unknown>[]; timers: Map<string, Record<string, unknown> | 'cancel'>; outbox: Record<string, unknown>[]; audits: Omit<AuditEntry, 'at'>[]; created: Set<string>; cancelled: Set<string> }

function collect(c: StepCase, effects: Effect[], after: Record<string, TaskRecord>, ctx: Ctx): Collected {
  const out: Collected = { tasks: [], timers: new Map(), outbox: [], audits: [], created: new Set(), cancelled: new Set() };
  for (const [i, e] of effects.entries()) {
    if (e.kind === 'task.create') {
      out.created.add(e.taskId);
      out.tasks.push(taskRow(c, e, after[e.taskId], ctx.now, ctx.timers));
    } else if (e.kind === 'task.cancel') out.cancelled.add(e.taskId);
    else if (e.kind === 'timer.start') out.timers.set(e.timerId, { case_id: c.id, timer_key: e.timerId, due_at: e.dueAt, purpose: e.purpose, status: 'armed' });
    else if (e.kind === 'timer.cancel') {
      // Net effect per timer, in effect order: a timer started then cancelled in one step is stored cancelled.
      const started = out.timers.get(e.timerId);
      out.timers.set(e.timerId, started && started !== 'cancel' ? { ...started, status: 'cancelled' } : 'cancel');
    } else if (e.kind === 'audit') out.audits.push({ actorId: ctx.actorId, orgPath: c.orgPath, caseId: c.id, action: e.action, detail: e.detail });
    else if (e.kind === 'notify' || e.kind === 'adapter.invoke' || e.kind === 'case.spawn') {
      out.outbox.push({ case_id: c.id, kind: e.kind, operation: e.kind === 'adapter.invoke' ? e.operation : null, idempotency_key: `${c.id}:${ctx.eventId}:${i}`, payload: ctx.scrub(JSON.stringify(e)), status: 'pending', attempts: 0, available_at: ctx.now, created_at: ctx.now });
    }
  }
  return out;
}

/**
 * Queues the effects' writes on the command's batch (one statement per table, not per row);
 * returns audit entries for the caller to chain or stage.
 */
export function applyEffects(trx: Knex.Transaction, batch: WriteBatch, c: StepCase, effects: Effect[], before: Record<string, TaskRecord>, after: Record<string, TaskRecord>, ctx: Ctx): Omit<AuditEntry, 'at'>[] {
  const w = collect(c, effects, after, ctx);
  if (w.tasks.length) batch.add(trx('tasks').insert(w.tasks).onConflict('id').merge());
  syncCandidates(trx, batch, c, before, after, w.created);
  const cancels = [...w.timers].filter(([, v]) => v === 'cancel').map(([k]) => k);
  const starts = [...w.timers.values()].filter((v): v is Record<string, unknown> => v !== 'cancel');
  if (cancels.length) batch.add(trx('timers').where({ case_id: c.id }).whereIn('timer_key', cancels).update({ status: 'cancelled' }));
  if (starts.length) batch.add(trx('timers').insert(starts).onConflict(['case_id', 'timer_key']).merge());
  if (w.outbox.length) batch.add(trx('outbox').insert(w.outbox));
  reconcileTasks(trx, batch, before, after, w.created, w.cancelled, ctx);
  return w.audits;
}

/**
 * Named candidates as rows (`task_candidates`, indexed by user): a candidate outside the org scope
 * finds the task in their queue and may read its case while it is open. Rewritten for each task
 * whose candidates changed; removed when the task closes.
 */
function syncCandidates(trx: Knex.Transaction, batch: WriteBatch, c: StepCase, before: Record<string, TaskRecord>, after: Record<string, TaskRecord>, created: Set<string>): void {
  const changed = new Set<string>();
  for (const id of new Set([...Object.keys(before), ...Object.keys(after), ...created])) {
    if (created.has(id) || JSON.stringify(before[id]?.candidates ?? []) !== JSON.stringify(after[id]?.candidates ?? [])) changed.add(id);
  }
  if (!changed.size) return;
  // a task created by this step has no rows yet: only tasks that existed before need theirs removed
  const existing = [...changed].filter((id) => before[id]);
  if (existing.length) batch.add(trx('task_candidates').whereIn('task_id', existing).delete());
  const rows = [...changed].flatMap((id) => [...new Set(after[id]?.candidates ?? [])].map((user_id) => ({ task_id: id, user_id, case_id: c.id })));
  if (rows.length) batch.add(trx('task_candidates').insert(rows).onConflict(['task_id', 'user_id']).ignore());
}

function reconcileTasks(trx: Knex.Transaction, batch: WriteBatch, before: Record<string, TaskRecord>, after: Record<string, TaskRecord>, created: Set<string>, cancelled: Set<string>,
  ctx: { now: number; acted?: { taskId: string; action: string } }): void {
  for (const [id, old] of Object.entries(before)) {
    const now = after[id];
    if (!now) {
      const done = !cancelled.has(id);
      const outcome = done && ctx.acted?.taskId === id ? ctx.acted.action : null;
      batch.add(trx('tasks').where({ id }).update({ status: done ? 'done' : 'cancelled', outcome, completed_at: ctx.now, draft: null }));
    } else if (!created.has(id) && (now.status !== old.status || now.assignee !== old.assignee || JSON.stringify(now.candidates) !== JSON.stringify(old.candidates))) {
      batch.add(trx('tasks').where({ id }).update({ status: now.status, assignee: now.assignee ?? null, candidates: JSON.stringify(now.candidates) }));
    }
  }
  for (const id of cancelled) if (!before[id] && !after[id]) batch.add(trx('tasks').where({ id }).update({ status: 'cancelled', completed_at: ctx.now }));
  for (const [id, rec] of Object.entries(after)) {
    if (!before[id] && !created.has(id)) {
      // A task the engine re-opened without a create effect (e.g. delegation returning): keep the row in step.
      batch.add(trx('tasks').where({ id }).update({ status: rec.status, assignee: rec.assignee ?? null, completed_at: null }));
    }
  }
}
