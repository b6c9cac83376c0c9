/**
 * Dead letters for operators: outbox rows (`dead`) and timers (`failed`) that exhausted their
 * attempts or were refused for good. County admins list them (only cases under the org units where
 * they hold the admin role), retry them (back to `pending` / `armed` with fresh attempts) or discard
 * them (`discarded`: kept for the record, never run). Every change is audited in the same transaction.
 */
import type { Knex } from 'knex';
import type { Dialect } from '../store/createDb.ts';
import { appendAudit } from '../audit/KnexAuditLog.ts';

/** Where a dead letter comes from. */
export type DeadLetterSource = 'outbox' | 'timer';

/** One dead letter as the API shows it (`id`: the outbox row id, or `<caseId>/<timerKey>` for a timer). */
export interface DeadLetterItem { source: DeadLetterSource; id: string; caseId: string; kind: string; operation: string | null; attempts: number; lastError: string | null; failedAt: number | null }

/** Who acts, for scoping and the audit entry. */
export interface OpsActor { id: string; roles: string[]; orgPath: string; scopes: string[] }

/** The dead-letter service. */
export interface DeadLetters {
  list(actor: OpsActor, q: { source: DeadLetterSource; cursor?: string; limit: number }): Promise<{ items: DeadLetterItem[]; nextCursor: string | null }>;
  /** true when the row was dead and in scope, and is now queued again / discarded */
  settle(actor: OpsActor, source: DeadLetterSource, id: string, action: 'retry' | 'discard'): Promise<{ caseId: string; timerKey?: string } | undefined>;
}

function inScope(q: Knex.QueryBuilder, scopes: string[], column = 'c.org_path'): void {
  q.where((w) => { for (const p of scopes) w.orWhere(column, p).orWhere(column, 'like', `${p.replace(/[%_\\]/g, '')}/%`); });
  if (!scopes.length) q.whereRaw('1 = 0');
}

/** Splits a timer's API id `<caseId>/<timerKey>`. */
export function timerIdParts(id: string): { caseId: string; timerKey: string } | undefined {
  const at = id.indexOf('/');
  return at > 0 && at < id.length - 1 ? { caseId: id.slice(0, at), timerKey: id.slice(at + 1) } : undefined;
}

/** Creates the service over one store. */
export function createDeadLetters(knex: Knex, dialect: Dialect, now: () => number = Date.now): DeadLetters {
  async function listOutbox(actor: OpsActor, cursor: string | undefined, limit: number) {
    const q = knex('outbox as o').join('cases as c', 'c.id', 'o.case_id').where('o.status', 'dead').orderBy('o.id', 'desc').limit(limit + 1)
      .select('o.id', 'o.case_id', 'o.kind', 'o.operation', 'o.attempts', 'o.last_error', 'o.updated_at', 'o.created_at');
    inScope(q, actor.scopes);
    if (cursor) q.where('o.id', '<', Number(cursor));
    const rows = (await q) as Array<Record<string, string | number | null>>;
    const items: DeadLetterItem[] = rows.slice(0, limit).map((r) => ({ source: 'outbox', id: String(r.id), caseId: String(r.case_id), kind: String(r.kind), operation: r.operation == null ? null : String(r.operation),
      attempts: Number(r.attempts), lastError: r.last_error == null ? null : String(r.last_error), failedAt: Number(r.updated_at ?? r.created_at) }));
    return { items, nextCursor: rows.length > limit ? items.at(-1)!.id : null };
  }
  async function listTimers(actor: OpsActor, cursor: string | undefined, limit: number) {
    const q = knex('timers as t').join('cases as c', 'c.id', 't.case_id').where('t.status', 'failed').orderBy([{ column: 't.case_id' }, { column: 't.timer_key' }]).limit(limit + 1)
      .select('t.case_id', 't.timer_key', 't.purpose', 't.attempts', 't.last_error', 't.due_at');
    inScope(q, actor.scopes);
    const after = cursor ? timerIdParts(cursor) : undefined;
    if (after) q.where((w) => w.where('t.case_id', '>', after.caseId).orWhere((x) => x.where('t.case_id', after.caseId).where('t.timer_key', '>', after.timerKey)));
    const rows = (await q) as Array<Record<string, string | number | null>>;
    const items: DeadLetterItem[] = rows.slice(0, limit).map((r) => ({ source: 'timer', id: `${r.case_id}/${r.timer_key}`, caseId: String(r.case_id), kind: String(r.purpose), operation: null,
      attempts: Number(r.attempts), lastError: r.last_error == null ? null : String(r.last_error), failedAt: null }));
    return { items, nextCursor: rows.length > limit ? items.at(-1)!.id : null };
  }
  return {
    list: (actor, q) => (q.source === 'timer' ? listTimers(actor, q.cursor, q.limit) : listOutbox(actor, q.cursor, q.limit)),
    async settle(actor, source, id, action) {
      const at = now();
      return knex.transaction(async (trx) => {
        let caseId: string | undefined;
        let timerKey: string | undefined;
        if (source === 'outbox') {
          if (!/^[0-9]{1,15}$/.test(id)) return undefined;
          const q = trx('outbox as o').join('cases as c', 'c.id', 'o.case_id').where({ 'o.id': Number(id), 'o.status': 'dead' }).first('o.case_id');
          inScope(q, actor.scopes);
          const row = (await q) as { case_id: string } | undefined;
          if (!row) return undefined;
          const patch = action === 'retry' ? { status: 'pending', attempts: 0, available_at: at, result: null, claim_token: null, claimed_until: null, updated_at: at } : { status: 'discarded', updated_at: at };
          if (!(await trx('outbox').where({ id: Number(id), status: 'dead' }).update(patch))) return undefined;
          caseId = row.case_id;
        } else {
          const parts = timerIdParts(id);
          if (!parts) return undefined;
          const q = trx('timers as t').join('cases as c', 'c.id', 't.case_id').where({ 't.case_id': parts.caseId, 't.timer_key': parts.timerKey, 't.status': 'failed' }).first('t.case_id');
          inScope(q, actor.scopes);
          if (!(await q)) return undefined;
          // a retried timer is due now (its time has passed): the next poll, sweep or wake-up fires it
          const patch = action === 'retry' ? { status: 'armed', attempts: 0, due_at: at, claimed_by: null, claimed_until: null, last_error: null } : { status: 'discarded' };
          if (!(await trx('timers').where({ case_id: parts.caseId, timer_key: parts.timerKey, status: 'failed' }).update(patch))) return undefined;
          ({ caseId, timerKey } = parts);
        }
        await appendAudit(trx, dialect, [{ at, actorId: actor.id, actorRoles: actor.roles, orgPath: actor.orgPath, caseId, action: `ops.dead-letter-${action === 'retry' ? 'retried' : 'discarded'}`, detail: { source, id } }]);
        return { caseId, timerKey };
      });
    },
  };
}
