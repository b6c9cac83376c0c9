/**
 * Writes what one engine step produced, inside the command's transaction: the task projection
 * (created from `task.create`, then reconciled with the snapshot's open tasks), timers, outbox
 * rows for deliveries (idempotency key per effect) and audit entries.
 */
import type { Knex } from 'knex';
import type { Effect, TaskRecord } from '@tongban/engine';
import { orgLevelsOf } from '../identity/orgPath.ts';
import type { AuditEntry } from '../audit/KnexAuditLog.ts';

/** Far-future due date for tasks without an SLA, so (due_at, id) keyset order stays total. */
export const NO_DUE = 253_402_300_799_000;
const priorities: Record<string, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/** The case a step ran on. */
export interface StepCase { id: string; definitionId: string; orgPath: string }

type TaskCreate = Extract<Effect, { kind: 'task.create' }>;

function taskRow(c: StepCase, e: TaskCreate, rec: TaskRecord | undefined, now: number): Record<string, unknown> {
  return {
    id: e.taskId, case_id: c.id, task_key: e.taskId, definition_id: c.definitionId, org_path: c.orgPath, ...orgLevelsOf(c.orgPath),
    state: e.state, title_zh: e.title['zh-CN'].slice(0, 200), title_en: e.title.en.slice(0, 200),
    status: rec?.status ?? 'pending', assignee: rec?.assignee ?? e.assignment.assignee ?? null,
    group_role: e.assignment.group?.role ?? null, group_org: e.assignment.group?.orgPath ?? null,
    candidates: JSON.stringify(rec?.candidates ?? e.assignment.candidates), priority: priorities[e.priority] ?? 2,
    due_at: e.dueAt ?? NO_DUE, form: e.form ?? null,
    spec: JSON.stringify({ mode: e.mode, fields: e.fields, decisions: e.decisions, why: e.assignment.why }),
    created_at: now,
  };
}

/** Applies effects; returns audit entries for the caller to append last (shortest chain lock). */
export async function applyEffects(trx: Knex.Transaction, c: StepCase, effects: Effect[], before: Record<string, TaskRecord>, after: Record<string, TaskRecord>,
  ctx: { eventId: string; actorId?: string; now: number; acted?: { taskId: string; action: string }; scrub: (json: string) => string }): Promise<Omit<AuditEntry, 'at'>[]> {
  const audits: Omit<AuditEntry, 'at'>[] = [];
  const cancelled = new Set<string>();
  const created = new Set<string>();
  const outbox: Record<string, unknown>[] = [];
  for (const [i, e] of effects.entries()) {
    if (e.kind === 'task.create') {
      created.add(e.taskId);
      await trx('tasks').insert(taskRow(c, e, after[e.taskId], ctx.now)).onConflict('id').merge();
    } else if (e.kind === 'task.cancel') cancelled.add(e.taskId);
    else if (e.kind === 'timer.start') {
      await trx('timers').insert({ case_id: c.id, timer_key: e.timerId, due_at: e.dueAt, purpose: e.purpose, status: 'armed' }).onConflict(['case_id', 'timer_key']).merge();
    } else if (e.kind === 'timer.cancel') {
      await trx('timers').where({ case_id: c.id, timer_key: e.timerId }).update({ status: 'cancelled' });
    } else if (e.kind === 'audit') {
      audits.push({ actorId: ctx.actorId, orgPath: c.orgPath, caseId: c.id, action: e.action, detail: e.detail });
    } else if (e.kind === 'notify' || e.kind === 'adapter.invoke' || e.kind === 'case.spawn') {
      outbox.push({ case_id: c.id, kind: e.kind, idempotency_key: `${c.id}:${ctx.eventId}:${i}`, payload: ctx.scrub(JSON.stringify(e)), status: 'pending', attempts: 0, available_at: ctx.now, created_at: ctx.now });
    }
  }
  if (outbox.length) await trx('outbox').insert(outbox);
  await reconcileTasks(trx, before, after, created, cancelled, ctx);
  return audits;
}

async function reconcileTasks(trx: Knex.Transaction, before: Record<string, TaskRecord>, after: Record<string, TaskRecord>, created: Set<string>, cancelled: Set<string>,
  ctx: { now: number; acted?: { taskId: string; action: string } }): Promise<void> {
  for (const [id, old] of Object.entries(before)) {
    const now = after[id];
    if (!now) {
      const done = !cancelled.has(id);
      const outcome = done && ctx.acted?.taskId === id ? ctx.acted.action : null;
      await trx('tasks').where({ id }).update({ status: done ? 'done' : 'cancelled', outcome, completed_at: ctx.now, draft: null });
    } else if (!created.has(id) && (now.status !== old.status || now.assignee !== old.assignee || JSON.stringify(now.candidates) !== JSON.stringify(old.candidates))) {
      await trx('tasks').where({ id }).update({ status: now.status, assignee: now.assignee ?? null, candidates: JSON.stringify(now.candidates) });
    }
  }
  for (const id of cancelled) if (!before[id] && !after[id]) await trx('tasks').where({ id }).update({ status: 'cancelled', completed_at: ctx.now });
  for (const [id, rec] of Object.entries(after)) {
    if (!before[id] && !created.has(id)) {
      // A task the engine re-opened without a create effect (e.g. delegation returning): keep the row in step.
      await trx('tasks').where({ id }).update({ status: rec.status, assignee: rec.assignee ?? null, completed_at: null });
    }
  }
}
