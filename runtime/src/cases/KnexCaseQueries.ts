/** Case reads: scoped lists (scope in SQL, keyset paging), single cases (404 when out of scope), timelines. */
import type { Knex } from 'knex';
import type { AppAbility } from '../authz/defineAbilities.ts';
import { applyScope } from '../authz/scopeToSql.ts';
import { NotFoundError } from '../errors/DomainError.ts';
import { decodeCursor, encodeCursor } from '../http/cursor.ts';
import type { CaseRow } from './createCaseCommands.ts';

/** Filters of the case list. */
export interface CaseFilter {
  definitionId?: string; status?: string; orgPath?: string; cursor?: string; limit: number;
  /** only these cases (a subquery of ids) */
  caseIds?: Knex.QueryBuilder;
  /** only cases the caller started (我发起的) */
  startedBy?: string;
  /** cases with an open step overdue or past its 预警 point (督办 drill-down) */
  sla?: 'overdue' | 'at-risk';
}

/** Case summary in lists (no personal data). */
export interface CaseSummary { id: string; ref: string; definitionId: string; definitionVersion: number; orgPath: string; state: string; status: string; version: number; createdAt: number; updatedAt: number }

const summaryCols = ['id', 'ref', 'definition_id', 'definition_version', 'org_path', 'state', 'status', 'version', 'created_at', 'updated_at'];

/** Maps a row to its summary. */
export function toCaseSummary(r: Omit<CaseRow, 'snapshot' | 'created_by'>): CaseSummary {
  return { id: r.id, ref: r.ref, definitionId: r.definition_id, definitionVersion: Number(r.definition_version), orgPath: r.org_path, state: r.state,
    status: r.status, version: Number(r.version), createdAt: Number(r.created_at), updatedAt: Number(r.updated_at) };
}

/** Creates the case queries. */
export function createCaseQueries(knex: Knex) {
  return {
    async list(ability: AppAbility, f: CaseFilter): Promise<{ items: CaseSummary[]; nextCursor: string | null }> {
      const q = knex('cases').select(summaryCols.map((c) => 'cases.' + c)).orderBy([{ column: 'cases.created_at', order: 'desc' }, { column: 'cases.id', order: 'desc' }]).limit(f.limit + 1);
      if (!applyScope(q, knex, ability, 'read', 'Case', 'cases')) return { items: [], nextCursor: null };
      if (f.definitionId) q.where('cases.definition_id', f.definitionId);
      if (f.status) q.where('cases.status', f.status);
      if (f.startedBy) q.where('cases.created_by', f.startedBy);
      if (f.sla) {
        const now = Date.now();
        const late = knex('tasks as st').select(knex.raw('1')).whereRaw('st.case_id = cases.id').whereIn('st.status', ['pending', 'waiting', 'delegated']);
        if (f.sla === 'overdue') late.where('st.due_at', '<=', now);
        else late.where('st.due_at', '>', now).where('st.warn_at', '<=', now);
        q.whereExists(late);
      }
      if (f.caseIds) q.whereIn('cases.id', f.caseIds);
      if (f.orgPath) q.where((w) => w.where('cases.org_path', f.orgPath!).orWhere('cases.org_path', 'like', f.orgPath!.replace(/[%_\\]/g, '') + '/%'));
      const after = decodeCursor(f.cursor, 2);
      if (after) q.where((w) => w.where('cases.created_at', '<', after[0]!).orWhere((w2) => w2.where('cases.created_at', after[0]!).where('cases.id', '<', after[1]!)));
      const rows = (await q) as CaseRow[];
      const page = rows.slice(0, f.limit).map(toCaseSummary);
      const last = page[page.length - 1];
      return { items: page, nextCursor: rows.length > f.limit && last ? encodeCursor([last.createdAt, last.id]) : null };
    },

    /** The case row when the ability may read it; otherwise case.not-found (never 403: existence is not revealed). */
    async getVisible(ability: AppAbility, id: string): Promise<CaseRow> {
      const q = knex('cases').where('cases.id', id).first();
      const row = applyScope(q, knex, ability, 'read', 'Case', 'cases') ? ((await q) as CaseRow | undefined) : undefined;
      if (!row) throw new NotFoundError('case.not-found', { id });
      return row;
    },

    /**
     * The case's events in order. Acts on tasks of `secretStates` (无记名投票 steps) show that the
     * voter acted, not what they chose: their action reads `voted` and their comment is left out.
     */
    async timeline(caseId: string, secretStates: string[] = []): Promise<Array<{ seq: number; type: string; actorId: string | null; at: number; action?: string; taskId?: string; comment?: string }>> {
      const rows = (await knex('case_events').where({ case_id: caseId }).orderBy('seq')) as Array<{ seq: number; type: string; actor_id: string | null; at: number | string; payload: string }>;
      const secret = new Set(secretStates.length
        ? ((await knex('tasks').where({ case_id: caseId }).whereIn('state', secretStates).select('id')) as Array<{ id: string }>).map((t) => t.id) : []);
      return rows.map((r) => {
        const p = JSON.parse(r.payload) as { action?: string; taskId?: string; comment?: string };
        const hidden = p.taskId !== undefined && secret.has(p.taskId);
        return { seq: Number(r.seq), type: r.type, actorId: r.actor_id, at: Number(r.at), action: hidden ? 'voted' : p.action, taskId: p.taskId, comment: hidden ? undefined : p.comment };
      });
    },
  };
}

/** The case queries type. */
export type CaseQueries = ReturnType<typeof createCaseQueries>;
