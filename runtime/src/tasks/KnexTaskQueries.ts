/**
 * The task queue. Scope, filters, sort and keyset paging all run in SQL: each scope branch
 * (org level, candidate group, assignee) is its own indexed, ordered, limited subquery, and the
 * branches are merged by a UNION, so a township queue page never sorts the township's history.
 */
import type { Knex } from 'knex';
import type { AppAbility } from '../authz/defineAbilities.ts';
import { applyCondition, applyScope, scopeBranches } from '../authz/scopeToSql.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import { InvalidRequestError, NotFoundError } from '../errors/DomainError.ts';
import { depthOfPath } from '../identity/orgPath.ts';
import { NO_DUE } from '../cases/applyEffects.ts';
import type { WorkCalendar } from '@tongban/engine';
import { describeDeadline, type Deadline } from '../deadlines/describeDeadline.ts';

/** Queue filters. */
export interface TaskFilter {
  definitionId?: string; status?: string; dueBefore?: number; dueAfter?: number; overdue?: boolean;
  orgPath?: string; assigned?: 'me' | 'unassigned' | 'any'; sort?: 'due' | 'priority'; cursor?: string; limit: number;
  /** SLA status of open tasks: on track, at risk (past the 预警 point), overdue, or without a deadline */
  sla?: 'on-track' | 'at-risk' | 'overdue' | 'none';
}

/** A task as queues show it (no case data). */
export interface TaskSummary { id: string; caseId: string; caseRef: string | null; definitionId: string; state: string; title: { 'zh-CN': string; en: string }; status: string; assignee: string | null;
  group: { role: string; orgPath: string } | null; orgPath: string; priority: number; dueAt: number | null; overdue: boolean; createdAt: number; outcome: string | null; deadline: Deadline }

export const taskCols = ['id', 'case_id', 'definition_id', 'state', 'title_zh', 'title_en', 'status', 'assignee', 'group_role', 'group_org', 'org_path', 'priority', 'due_at', 'created_at', 'outcome', 'warn_at', 'sla_clock', 'calendar'];

/** The county calendars by id (the default for null or an unknown id). */
export interface CalendarLookup { of(id: string | null | undefined): WorkCalendar }

/** Maps a row to a summary; the deadline is counted on the task's SLA clock, on the calendar its row records. */
export function toTaskSummary(r: Record<string, unknown>, calendars: CalendarLookup, now = Date.now()): TaskSummary {
  const calendar = calendars.of(r.calendar as string | null | undefined);
  const due = Number(r.due_at);
  const open = ['pending', 'waiting', 'delegated'].includes(String(r.status));
  const clock = (r.sla_clock ?? null) as 'natural' | 'working' | 'urgent' | null;
  const deadline = describeDeadline(calendar, { dueAt: due >= NO_DUE ? null : due, warnAt: r.warn_at == null ? null : Number(r.warn_at), clock, open }, now);
  return { id: String(r.id), caseId: String(r.case_id), caseRef: (r.case_ref as string | undefined) ?? null, definitionId: String(r.definition_id), state: String(r.state), title: { 'zh-CN': String(r.title_zh), en: String(r.title_en) },
    status: String(r.status), assignee: (r.assignee as string | null) ?? null, group: r.group_role ? { role: String(r.group_role), orgPath: String(r.group_org) } : null,
    orgPath: String(r.org_path), priority: Number(r.priority), dueAt: due >= NO_DUE ? null : due, overdue: open && due < now, createdAt: Number(r.created_at), outcome: (r.outcome as string | null) ?? null, deadline };
}

const openStatuses = ['pending', 'waiting', 'delegated'];

/** The statuses a filter covers: `open` is three, each queried on its own so the index order holds. */
function statusesOf(f: TaskFilter): string[] {
  return f.status === 'open' ? openStatuses : [f.status ?? 'pending'];
}

function applyFilters(q: Knex.QueryBuilder, f: TaskFilter, userId: string, now: number): void {
  if (f.definitionId) q.where('definition_id', f.definitionId);
  if (f.orgPath) {
    const depth = depthOfPath(f.orgPath);
    if (depth < 1 || depth > 4) throw new InvalidRequestError('request.invalid', { errors: [{ path: '/query/orgPath', message: 'bad org path' }] });
    q.where(`org_l${depth}`, f.orgPath);
  }
  if (f.assigned === 'me') q.where('assignee', userId);
  if (f.assigned === 'unassigned') q.whereNull('assignee');
  if (f.overdue) q.where('due_at', '<', now);
  if (f.dueBefore !== undefined) q.where('due_at', '<', f.dueBefore);
  if (f.dueAfter !== undefined) q.where('due_at', '>=', f.dueAfter);
  if (f.sla === 'overdue') q.where('due_at', '<=', now);
  if (f.sla === 'at-risk') q.where('due_at', '>', now).where('warn_at', '<=', now);
  if (f.sla === 'on-track') q.where('due_at', '>', now).where('due_at', '<', NO_DUE).where((w) => w.whereNull('warn_at').orWhere('warn_at', '>', now));
  if (f.sla === 'none') q.where('due_at', '>=', NO_DUE);
}

function applyKeyset(q: Knex.QueryBuilder, f: TaskFilter, after: Array<string | number> | undefined): void {
  const cols = f.sort === 'priority' ? ['priority', 'due_at', 'id'] : ['due_at', 'id'];
  q.orderBy(cols.map((column) => ({ column, order: 'asc' as const })));
  if (!after) return;
  // (a, b[, c]) > cursor, written so the first column gives an index range.
  q.where(cols[0]!, '>=', after[0]!).where((w) => {
    w.where(cols[0]!, '>', after[0]!);
    if (cols.length === 2) w.orWhere((w2) => w2.where(cols[0]!, after[0]!).where(cols[1]!, '>', after[1]!));
    else w.orWhere((w2) => w2.where(cols[0]!, after[0]!).where((w3) => w3.where(cols[1]!, '>', after[1]!).orWhere((w4) => w4.where(cols[1]!, after[1]!).where(cols[2]!, '>', after[2]!))));
  });
}

/**
 * Merges the parts (each selects only key columns, so MariaDB answers it from the index alone),
 * keeps the first `limit` keys, and only then reads those rows: `limit` primary-key lookups
 * instead of one per candidate row of every part.
 */
async function pageRows(knex: Knex, parts: Knex.QueryBuilder[], keyCols: string[], limit: number): Promise<Array<Record<string, unknown>>> {
  const order = keyCols.map((column) => ({ column, order: 'asc' as const }));
  const union = parts.map((p, i) => `select * from (${p.toQuery()}) as b${i}`).join(' union ');
  const keys = knex.select('id').from(knex.raw(`(${union}) as u`)).orderBy(order).limit(limit).as('k');
  return (await knex('tasks').join(keys, 'k.id', 'tasks.id').leftJoin('cases', 'cases.id', 'tasks.case_id').select([...taskCols.map((c) => `tasks.${c}`), 'cases.ref as case_ref']).orderBy(order.map((o) => ({ ...o, column: `tasks.${o.column}` })))) as Array<Record<string, unknown>>;
}

/** Creates the task queries. */
export function createTaskQueries(knex: Knex, calendars: CalendarLookup) {
  return {
    /** the county calendars deadlines are told on (each task on the one its row records) */
    calendars,
    async queue(ability: AppAbility, userId: string, f: TaskFilter, now = Date.now()): Promise<{ items: TaskSummary[]; nextCursor: string | null }> {
      const branches = scopeBranches(ability, 'read', 'Task');
      if (branches === 'none') return { items: [], nextCursor: null };
      const after = decodeCursor(f.cursor, f.sort === 'priority' ? 3 : 2);
      const keyCols = f.sort === 'priority' ? ['priority', 'due_at', 'id'] : ['due_at', 'id'];
      // One part per (scope branch × status): an equality prefix, then the index's own order.
      const part = (cond: Record<string, unknown> | undefined, status: string) => {
        const q = knex('tasks').select(keyCols).where('status', status).limit(f.limit + 1);
        if (cond) q.where((w) => applyCondition(w, 'tasks', cond, knex));
        applyFilters(q, f, userId, now);
        applyKeyset(q, f, after);
        return q;
      };
      const parts = (branches === 'all' ? [undefined] : branches).flatMap((b) => statusesOf(f).map((st) => part(b, st)));
      const rows = await pageRows(knex, parts, keyCols, f.limit + 1);
      const items = rows.slice(0, f.limit).map((r) => toTaskSummary(r, calendars, now));
      const last = rows.length > f.limit ? rows[f.limit - 1] : undefined;
      const key = last ? (f.sort === 'priority' ? [Number(last.priority), Number(last.due_at), String(last.id)] : [Number(last.due_at), String(last.id)]) : undefined;
      return { items, nextCursor: key ? encodeCursor(key) : null };
    },

    /** Counts by status within the user's scope. */
    async counts(ability: AppAbility): Promise<Record<string, number>> {
      const branches = scopeBranches(ability, 'read', 'Task');
      if (branches === 'none') return {};
      const q = knex('tasks').select('status').count({ n: '*' }).groupBy('status');
      if (branches !== 'all') q.where((outer) => { for (const c of branches) outer.orWhere((w) => applyCondition(w, 'tasks', c, knex)); });
      const rows = (await q) as Array<{ status: string; n: number | string }>;
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    },

    /**
     * Counts per queue tab (全部 / 待认领 / 已认领 / 即将超时 / 已超时) of the open tasks in the user's
     * scope, one SQL aggregate (zeros when nothing is in scope).
     */
    async tabCounts(ability: AppAbility, userId: string, f: { definitionId?: string; orgPath?: string }, now: number): Promise<{ all: number; unclaimed: number; mine: number; atRisk: number; overdue: number }> {
      const q = knex('tasks').whereIn('status', openStatuses).select(
        knex.raw('count(*) as n_all'),
        knex.raw('sum(case when assignee is null then 1 else 0 end) as n_unclaimed'),
        knex.raw('sum(case when assignee = ? then 1 else 0 end) as n_mine', [userId]),
        knex.raw('sum(case when warn_at <= ? and due_at > ? then 1 else 0 end) as n_risk', [now, now]),
        knex.raw('sum(case when due_at <= ? and due_at < ? then 1 else 0 end) as n_over', [now, NO_DUE]),
      );
      if (!applyScope(q, knex, ability, 'read', 'Task', 'tasks')) return { all: 0, unclaimed: 0, mine: 0, atRisk: 0, overdue: 0 };
      if (f.definitionId) q.where('definition_id', f.definitionId);
      if (f.orgPath) q.where(`org_l${depthOfPath(f.orgPath)}`, f.orgPath);
      const r = ((await q) as Array<Record<string, unknown>>)[0] ?? {};
      const n = (k: string) => Number(r[k] ?? 0);
      return { all: n('n_all'), unclaimed: n('n_unclaimed'), mine: n('n_mine'), atRisk: n('n_risk'), overdue: n('n_over') };
    },

    /** A task row when the ability may read it (or the user holds it); otherwise task.not-found. */
    async getVisible(ability: AppAbility, id: string, db: Knex = knex): Promise<Record<string, unknown>> {
      const branches = scopeBranches(ability, 'read', 'Task');
      const q = db('tasks').where('tasks.id', id).leftJoin('cases', 'cases.id', 'tasks.case_id').first(['tasks.*', 'cases.ref as case_ref']);
      if (branches === 'none') throw new NotFoundError('task.not-found', { id });
      if (branches !== 'all') q.where((outer) => { for (const c of branches) outer.orWhere((w) => applyCondition(w, 'tasks', c, knex)); });
      const row = (await q) as Record<string, unknown> | undefined;
      if (!row) throw new NotFoundError('task.not-found', { id });
      return row;
    },
  };
}

/** The task queries type. */
export type TaskQueries = ReturnType<typeof createTaskQueries>;
