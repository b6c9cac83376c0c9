/**
 * Writes what one engine step produced, on the command's write batch: task rows from the engine's
 * task effects alone (`task.create` inserts, `task.update` / `task.complete` / `task.cancel` update —
 * the engine emits one for every change of a task, checked against its snapshot after every scenario
 * step, so no snapshot diff is needed), timers, outbox rows for deliveries (idempotency key per
 * effect) and audit entries.
 */
import type { Effect, TimerRecord } from '@tongban/engine';
import { orgLevelsOf } from '../identity/orgPath.ts';
import type { AuditEntry } from '../audit/KnexAuditLog.ts';
import type { WriteBatch } from '../store/writeBatch.ts';
import { outboundStatus, OutboxStatus, type OutboxOrigin } from '../effects/claimOutbox.ts';

/** Far-future due date for tasks without an SLA, so (due_at, id) keyset order stays total. */
export const NO_DUE = 253_402_300_799_000;
const priorities: Record<string, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/** The case a step ran on. */
export interface StepCase { id: string; definitionId: string; orgPath: string; /** the definition's `calendar` (undefined: the default) */ calendar?: string }

type TaskCreate = Extract<Effect, { kind: 'task.create' }>;

/** The engine's timer records of the case after the step. */
export type TimerView = Record<string, TimerRecord>;

/** The task's SLA clock and 预警 instant, from the timers its creation armed (its own, or its step's for a countersign / or-sign / vote). */
function slaOf(e: TaskCreate, timers: TimerView | undefined): { warn_at: number | null; sla_clock: string | null } {
  const mine = Object.values(timers ?? {}).filter(({ owner: o }) => (o.kind === 'task' && o.taskId === e.taskId) || (o.kind === 'step' && o.state === e.state));
  const due = mine.find((t) => t.purpose === 'sla.due');
  return { warn_at: due ? mine.find((t) => t.purpose === 'sla.warn')?.dueAt ?? null : null, sla_clock: due?.clock ?? null };
}

function taskRow(c: StepCase, e: TaskCreate, now: number, timers?: TimerView): Record<string, unknown> {
  return {
    id: e.taskId, case_id: c.id, task_key: e.taskId, definition_id: c.definitionId, org_path: c.orgPath, ...orgLevelsOf(c.orgPath),
    state: e.state, title_zh: e.title['zh-CN'].slice(0, 200), title_en: e.title.en.slice(0, 200),
    status: 'pending', assignee: e.assignment.assignee ?? null,
    group_role: e.assignment.group?.role ?? null, group_org: e.assignment.group?.orgPath ?? null,
    candidates: JSON.stringify(e.assignment.candidates), priority: priorities[e.priority] ?? 2,
    due_at: e.dueAt ?? NO_DUE, ...slaOf(e, timers), calendar: c.calendar ?? null, form: e.form ?? null,
    spec: JSON.stringify({ mode: e.mode, fields: e.fields, decisions: e.decisions, why: e.assignment.why }),
    created_at: now,
  };
}

type Ctx = { eventId: string; actorId?: string; now: number; scrub: (json: string) => string; timers?: TimerView; /** set while seeding: adapter calls are written settled */ origin?: OutboxOrigin };

/** Rows one step writes, collected so each table gets one multi-row statement (task updates keep their order). */
interface Collected { tasks: Record<string, unknown>[]; taskUpdates: Array<[string, Record<string, unknown>]>; candidates: Map<string, string[]>; timers: Map<string, Record<string, unknown> | 'cancel'>; outbox: Record<string, unknown>[]; audits: Omit<AuditEntry, 'at'>[] }

/** The row change a task effect makes (none for a task.create, which inserts). */
function taskChange(e: Effect, now: number): Record<string, unknown> | undefined {
  if (e.kind === 'task.update') return { status: e.status, assignee: e.assignee, candidates: JSON.stringify(e.candidates), ...(e.state ? { state: e.state } : {}), completed_at: null };
  if (e.kind === 'task.complete') return { status: 'done', outcome: e.decision, completed_at: now, draft: null };
  if (e.kind === 'task.cancel') return { status: 'cancelled', completed_at: now, draft: null };
  return undefined;
}

function collect(c: StepCase, effects: Effect[], ctx: Ctx): Collected {
  const out: Collected = { tasks: [], taskUpdates: [], candidates: new Map(), timers: new Map(), outbox: [], audits: [] };
  for (const [i, e] of effects.entries()) {
    const change = taskChange(e, ctx.now);
    if (e.kind === 'task.create') {
      out.tasks.push(taskRow(c, e, ctx.now, ctx.timers));
      out.candidates.set(e.taskId, e.assignment.candidates);
    } else if (change) {
      out.taskUpdates.push([(e as { taskId: string }).taskId, change]);
      out.candidates.set((e as { taskId: string }).taskId, e.kind === 'task.update' ? e.candidates : []);
    }
    else if (e.kind === 'timer.start') out.timers.set(e.timerId, { case_id: c.id, timer_key: e.timerId, due_at: e.dueAt, purpose: e.purpose, status: 'armed' });
    else if (e.kind === 'timer.cancel') {
      // Net effect per timer, in effect order: a timer started then cancelled in one step is stored cancelled.
      const started = out.timers.get(e.timerId);
      out.timers.set(e.timerId, started && started !== 'cancel' ? { ...started, status: 'cancelled' } : 'cancel');
    } else if (e.kind === 'audit') out.audits.push({ actorId: ctx.actorId, orgPath: c.orgPath, caseId: c.id, action: e.action, detail: e.detail });
    else if (e.kind === 'notify' || e.kind === 'adapter.invoke' || e.kind === 'case.spawn' || e.kind === 'points.award') {
      // an adapter call leaves this system (a device, a hospital): seeded history never sends one; internal work still runs
      const status = e.kind === 'adapter.invoke' ? outboundStatus(ctx.origin) : OutboxStatus.pending;
      out.outbox.push({ case_id: c.id, kind: e.kind, operation: e.kind === 'adapter.invoke' ? e.operation : null, idempotency_key: `${c.id}:${ctx.eventId}:${i}`, payload: ctx.scrub(JSON.stringify(e)), status, attempts: 0, available_at: ctx.now, created_at: ctx.now, origin: ctx.origin ?? null });
    }
  }
  return out;
}

/**
 * Queues the effects' writes on the command's batch (one statement per table, not per row);
 * returns audit entries for the caller to chain or stage.
 */
export function applyEffects(batch: WriteBatch, c: StepCase, effects: Effect[], ctx: Ctx): Omit<AuditEntry, 'at'>[] {
  const w = collect(c, effects, ctx);
  if (w.tasks.length) batch.add({ insert: 'tasks', rows: w.tasks, conflict: { target: ['id'], action: 'merge' } });
  // after the inserts: a task created and decided in one step (an automatic pass) is inserted, then closed
  for (const [id, change] of w.taskUpdates) batch.add({ update: 'tasks', where: { id }, set: change });
  syncCandidates(batch, c, w.candidates, new Set(w.tasks.map((t) => String(t.id))));
  const cancels = [...w.timers].filter(([, v]) => v === 'cancel').map(([k]) => k);
  const starts = [...w.timers.values()].filter((v): v is Record<string, unknown> => v !== 'cancel');
  if (cancels.length) batch.add({ update: 'timers', where: { case_id: c.id }, whereIn: ['timer_key', cancels], set: { status: 'cancelled' } });
  if (starts.length) batch.add({ insert: 'timers', rows: starts, conflict: { target: ['case_id', 'timer_key'], action: 'merge' } });
  if (w.outbox.length) batch.add({ insert: 'outbox', rows: w.outbox });
  return w.audits;
}

/**
 * Named candidates as rows (`task_candidates`, indexed by user): a candidate outside the org scope
 * finds the task in their queue and may read its case while it is open. Rewritten for each task a
 * task effect touched (its last candidates in effect order); removed when the task closes.
 */
function syncCandidates(batch: WriteBatch, c: StepCase, candidates: Map<string, string[]>, created: Set<string>): void {
  if (!candidates.size) return;
  // a task created by this step has no rows yet: only tasks that existed before need theirs removed
  const existing = [...candidates.keys()].filter((id) => !created.has(id));
  if (existing.length) batch.add({ delete: 'task_candidates', whereIn: ['task_id', existing] });
  const rows = [...candidates].flatMap(([id, users]) => [...new Set(users)].map((user_id) => ({ task_id: id, user_id, case_id: c.id })));
  if (rows.length) batch.add({ insert: 'task_candidates', rows, conflict: { target: ['task_id', 'user_id'], action: 'ignore' } });
}
