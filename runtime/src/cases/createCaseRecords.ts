/**
 * Case rows the case routes read or write outside the command path: comments, the open tasks a
 * list or the case page tells deadlines from, the viewer's field matrix, the events and outbox
 * rows behind the case page, parent and child links, and the lookup of cases by an ID number
 * (through its keyed hash). Scope is the caller's business (`cases.getVisible` first).
 */
import type { Knex } from 'knex';
import { displayNames } from '../identity/displayNames.ts';
import type { UserRecord } from '../identity/KnexIdentityStore.ts';
import type { PiiCodec } from '../pii/createPiiCodec.ts';
import { casesWithValue } from '../pii/piiLookup.ts';
import type { Viewer } from '../pii/viewPolicy.ts';
import { taskCols } from '../tasks/KnexTaskQueries.ts';
import { viewerOf } from './caseView.ts';

const openStatuses = ['pending', 'waiting', 'delegated'];

/** A case in a parent/child list. */
export interface CaseBrief { id: string; ref: string; definition_id: string; definition_version: number; state: string; status: string }

/** Creates the case records. */
export function createCaseRecords(knex: Knex, codec: PiiCodec) {
  return {
    /** The viewer of a case: roles plus the field matrix of an open task they hold on it. */
    viewerOf: (user: UserRecord, caseId: string): Promise<Viewer> => viewerOf(knex, user, caseId),
    /** The ids of cases holding this value in an indexed personal-data field (a subquery: never decrypts, never loads). */
    withValue: (plain: string): Knex.QueryBuilder => casesWithValue(knex, codec, plain),
    /** A case's comments, oldest first. */
    async comments(caseId: string): Promise<Array<{ id: number; userId: string; userName: string | null; body: string; createdAt: number }>> {
      const rows = (await knex('comments').where({ case_id: caseId }).orderBy('id')) as Array<Record<string, unknown>>;
      // the author's name comes with each comment (a reader sees who wrote it, not an account id), masked for a resident
      const names = await displayNames(knex, [...new Set(rows.map((r) => String(r.user_id)))]);
      return rows.map((r) => ({ id: Number(r.id), userId: String(r.user_id), userName: names.get(String(r.user_id)) ?? null, body: String(r.body), createdAt: Number(r.created_at) }));
    },
    /** Adds a comment; its id. */
    async addComment(caseId: string, userId: string, body: string): Promise<number> {
      const [id] = await knex('comments').insert({ case_id: caseId, user_id: userId, body, created_at: Date.now() });
      return Number(id);
    },
    /** The open task rows (queue columns) of these cases. */
    async openTasksOf(caseIds: string[]): Promise<Array<Record<string, unknown>>> {
      if (!caseIds.length) return [];
      return (await knex('tasks').whereIn('case_id', caseIds).whereIn('status', openStatuses).select(taskCols)) as Array<Record<string, unknown>>;
    },
    /** What the case page reads beside the snapshot: open task rows (all columns), events, adapter and spawn rows, and the case that spawned it. */
    async pageRows(caseId: string) {
      return (await Promise.all([
        knex('tasks').where({ case_id: caseId }).whereIn('status', openStatuses).orderBy('created_at'),
        knex('case_events').where({ case_id: caseId }).orderBy('seq').select('payload', 'type', 'at'),
        knex('outbox').where({ case_id: caseId }).whereIn('kind', ['adapter.invoke', 'case.spawn']).orderBy('id').select('kind', 'payload', 'status', 'attempts', 'created_at'),
        knex('outbox').where({ kind: 'case.spawn' }).where('payload', 'like', `%"childId":"${caseId.replace(/[%_"\\]/g, '')}"%`).select('case_id').limit(1),
      ])) as [Array<Record<string, unknown>>, Array<{ payload: string; type: string; at: number | string }>, Array<{ kind: string; payload: string; status: string; attempts: number; created_at: number | string }>, Array<{ case_id: string }>];
    },
    /** Names to show for users a case's data or comments refer to: staff in full, residents, volunteers and providers masked. */
    displayNames: (ids: string[]): Promise<Map<string, string>> => displayNames(knex, ids),
    /** Names of org units by path and of grids by code (a map holding both kinds of key). */
    async unitNames(paths: string[], codes: string[]): Promise<Map<string, string>> {
      if (!paths.length && !codes.length) return new Map();
      const rows = (await knex('org_units').whereIn('path', paths.length ? paths : ['']).orWhereIn('code', codes.length ? codes : ['']).select('path', 'code', 'name')) as Array<{ path: string; code: string; name: string }>;
      const out = new Map<string, string>();
      for (const r of rows) { if (paths.includes(r.path)) out.set(r.path, r.name); if (codes.includes(r.code)) out.set(r.code, r.name); }
      return out;
    },
    /** Cases by id, briefly (for parent and child lists). */
    async briefs(ids: string[]): Promise<CaseBrief[]> {
      if (!ids.length) return [];
      return (await knex('cases').whereIn('id', ids).select('id', 'ref', 'definition_id', 'definition_version', 'state', 'status')) as CaseBrief[];
    },
    /** The case that spawned this one (if any), and the sub-cases it spawned with their link status and outcome. */
    async links(caseId: string) {
      const parent = (await knex('case_links as l').join('cases as c', 'c.id', 'l.parent_case_id').where('l.child_case_id', caseId)
        .first('l.parent_case_id as id', 'c.ref', 'c.definition_id as definitionId', 'c.state', 'c.status', 'l.child_key as childKey')) as Record<string, unknown> | undefined;
      const children = (await knex('case_links as l').join('cases as c', 'c.id', 'l.child_case_id').where('l.parent_case_id', caseId).orderBy('l.created_at')
        .select('l.child_case_id as id', 'c.ref', 'l.definition_id as definitionId', 'c.state', 'c.status', 'l.child_key as childKey', 'l.status as link', 'l.outcome', 'l.spawned_by as spawnedBy')) as Array<Record<string, unknown>>;
      return { parent: parent ?? null, children };
    },
  };
}

/** The case records type. */
export type CaseRecords = ReturnType<typeof createCaseRecords>;
