/**
 * The outbox dispatcher: delivers committed `notify` effects as in-app notifications (inbox rows,
 * one per recipient, deduplicated by the outbox idempotency key, so re-delivery is harmless).
 * Adapter calls and sub-cases are parked for the plugin host and the sub-case driver.
 */
import type { Effect } from '@tongban/engine';
import type { Knex } from 'knex';
import type { RunOptionsSource } from '../cases/createRunOptions.ts';

type Notify = Extract<Effect, { kind: 'notify' }>;

function recipientsOf(e: Notify, opts: Awaited<ReturnType<RunOptionsSource['get']>>, caseRow: { created_by: string | null } | undefined): string[] {
  const users = new Set(e.recipients.users ?? []);
  if (e.recipients.role && e.recipients.orgPath) for (const u of opts.directory.usersWithRole(e.recipients.role, e.recipients.orgPath)) users.add(u);
  if (users.size === 0 && caseRow?.created_by) users.add(caseRow.created_by);
  return [...users];
}

/** Delivers up to `limit` pending outbox rows; returns how many were handled. */
export async function dispatchOutbox(knex: Knex, runOptions: RunOptionsSource, limit = 100, now = Date.now()): Promise<number> {
  const rows = (await knex('outbox').where('status', 'pending').where('available_at', '<=', now).orderBy('id').limit(limit)) as Array<{ id: number; case_id: string; kind: string; idempotency_key: string; payload: string }>;
  if (!rows.length) return 0;
  const opts = await runOptions.get();
  for (const r of rows) {
    if (r.kind !== 'notify') {
      await knex('outbox').where({ id: r.id }).update({ status: 'parked' });
      continue;
    }
    const e = JSON.parse(r.payload) as Notify;
    const caseRow = (await knex('cases').where({ id: r.case_id }).first('created_by')) as { created_by: string | null } | undefined;
    const kind = e.channel === 'cc' ? 'cc' : e.template === 'urge' ? 'urge' : 'notify';
    const taskId = typeof e.vars.taskId === 'string' ? e.vars.taskId : null;
    const inbox = recipientsOf(e, opts, caseRow).map((u) => ({ user_id: u, kind, case_id: r.case_id, task_id: taskId, title: e.template.slice(0, 400), dedupe_key: `${r.idempotency_key}:${u}`, created_at: now }));
    await knex.transaction(async (trx) => {
      if (inbox.length) await trx('notifications').insert(inbox).onConflict('dedupe_key').ignore();
      await trx('outbox').where({ id: r.id }).update({ status: 'done', attempts: knex.raw('?? + 1', ['attempts']) });
    });
  }
  return rows.length;
}
