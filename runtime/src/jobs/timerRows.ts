/**
 * Timer rows: find due ones, claim one with a conditional UPDATE (exactly one claimant wins, even
 * across runtimes sharing a database), and record how it ended. A claim is a lease: a runtime that
 * dies mid-fire leaves a 'firing' row that becomes claimable again when the lease ends.
 */
import type { Knex } from 'knex';

/** A due timer. */
export interface DueTimer { caseId: string; timerKey: string; dueAt: number; purpose: string }

/** How long a claim holds before another runtime may retry it (also the back-off after an error). */
export const LEASE_MS = 60_000;
/** Attempts before a timer is parked as 'failed' (a poison timer must not spin forever). */
export const MAX_ATTEMPTS = 5;

type Row = { case_id: string; timer_key: string; due_at: number | string; purpose: string };

/** Timers due at `now` (armed, or claimed by a runtime whose lease ran out), oldest first. */
export async function dueTimers(knex: Knex, now: number, limit: number, caseId?: string): Promise<DueTimer[]> {
  const q = knex('timers').select('case_id', 'timer_key', 'due_at', 'purpose')
    .where((w) => w.where('status', 'armed').orWhere((f) => f.where('status', 'firing').where('claimed_until', '<', now)))
    .where('due_at', '<=', now).orderBy([{ column: 'due_at' }, { column: 'case_id' }, { column: 'timer_key' }]).limit(limit);
  if (caseId) q.where('case_id', caseId);
  const rows = (await q) as Row[];
  return rows.map((r) => ({ caseId: r.case_id, timerKey: r.timer_key, dueAt: Number(r.due_at), purpose: r.purpose }));
}

/** Claims a timer for `owner`; true only for the one claimant whose UPDATE changed the row. */
export async function claimTimer(knex: Knex, t: DueTimer, owner: string, now: number, leaseMs = LEASE_MS): Promise<boolean> {
  const n = await knex('timers').where({ case_id: t.caseId, timer_key: t.timerKey })
    .where((w) => w.where('status', 'armed').orWhere((f) => f.where('status', 'firing').where('claimed_until', '<', now)))
    .update({ status: 'firing', claimed_by: owner, claimed_until: now + leaseMs, attempts: knex.raw('?? + 1', ['attempts']) });
  return n === 1;
}

/** Records the end of a claim: 'fired', or 'stale' when the case no longer knows the timer. */
export async function finishTimer(knex: Knex, t: DueTimer, owner: string, status: 'fired' | 'stale', now: number): Promise<void> {
  // Only our own claim: a timer re-armed or cancelled by a command meanwhile keeps its new status.
  await knex('timers').where({ case_id: t.caseId, timer_key: t.timerKey, status: 'firing', claimed_by: owner })
    .update({ status, fired_at: now, claimed_until: null });
}

/** Leaves a failed claim to be retried after its lease, or parks it after MAX_ATTEMPTS (at once when `final`: a retry cannot help). */
export async function failTimer(knex: Knex, t: DueTimer, owner: string, error: string, opts: { final?: boolean } = {}): Promise<void> {
  const row = (await knex('timers').where({ case_id: t.caseId, timer_key: t.timerKey }).first('attempts')) as { attempts: number } | undefined;
  const patch = opts.final || Number(row?.attempts ?? 0) >= MAX_ATTEMPTS ? { status: 'failed', last_error: error.slice(0, 400) } : { last_error: error.slice(0, 400) };
  await knex('timers').where({ case_id: t.caseId, timer_key: t.timerKey, status: 'firing', claimed_by: owner }).update(patch);
}

/** Armed timers (whatever their due time), oldest first, keyset-paged after `after`; for wake-up drivers' reconcile. */
export async function armedTimers(knex: Knex, opts: { caseId?: string; after?: DueTimer; limit?: number } = {}): Promise<DueTimer[]> {
  const q = knex('timers').select('case_id', 'timer_key', 'due_at', 'purpose').where('status', 'armed')
    .orderBy([{ column: 'due_at' }, { column: 'case_id' }, { column: 'timer_key' }]).limit(opts.limit ?? 500);
  if (opts.caseId) q.where('case_id', opts.caseId);
  const a = opts.after;
  if (a) {
    q.where((w) => w.where('due_at', '>', a.dueAt)
      .orWhere((x) => x.where('due_at', a.dueAt).where('case_id', '>', a.caseId))
      .orWhere((x) => x.where('due_at', a.dueAt).where('case_id', a.caseId).where('timer_key', '>', a.timerKey)));
  }
  const rows = (await q) as Row[];
  return rows.map((r) => ({ caseId: r.case_id, timerKey: r.timer_key, dueAt: Number(r.due_at), purpose: r.purpose }));
}

/** Where one timer stands (undefined: no such row). */
export interface TimerState { status: string; dueAt: number; claimedUntil?: number }

/** Reads one timer's status, due time and lease. */
export async function timerState(knex: Knex, caseId: string, timerKey: string): Promise<TimerState | undefined> {
  const row = (await knex('timers').where({ case_id: caseId, timer_key: timerKey }).first('status', 'due_at', 'claimed_until')) as
    { status: string; due_at: number | string; claimed_until: number | string | null } | undefined;
  if (!row) return undefined;
  return { status: row.status, dueAt: Number(row.due_at), claimedUntil: row.claimed_until == null ? undefined : Number(row.claimed_until) };
}

/** The earliest due time among armed timers (undefined: none armed); the `(status, due_at)` index answers it. */
export async function nextDueAt(knex: Knex): Promise<number | undefined> {
  const row = (await knex('timers').where('status', 'armed').min({ at: 'due_at' }).first()) as { at: number | string | null } | undefined;
  return row?.at == null ? undefined : Number(row.at);
}
