/**
 * Claims due outbox rows with a lease, so several runtimes sharing one database never deliver a
 * row twice at once, and a row whose runtime died is taken over when its lease runs out. A claim
 * counts as an attempt: a call that crashed its process still uses up one of its tries.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';

/** An outbox row as the effect runner sees it. */
export interface OutboxRow {
  id: number; case_id: string; kind: string; idempotency_key: string; payload: string; status: string;
  attempts: number; available_at: number; operation: string | null; last_error: string | null; result: string | null;
  /** `seed` when written while seeding (see OutboxOrigin); null or absent for live commands */
  origin?: string | null;
}

/**
 * Row statuses: `pending` (due at available_at), `running` (claimed), `done`, `dead` (dead letter), `parked` (waits for adapter config),
 * `seeded` (an outbound call of the sample county's seeded history: settled as written, never dispatched).
 */
export const OutboxStatus = { pending: 'pending', running: 'running', done: 'done', dead: 'dead', parked: 'parked', seeded: 'seeded' } as const;

/**
 * Where a row came from: `seed` — written while the sample county was seeded. Seeded cases are history the
 * county already lived, so their calls to devices, hospitals and gateways were answered in the seed or never
 * meant to go out; internal work (inbox notices, sub-cases, points) still runs and passes the origin on.
 */
export const OutboxOrigin = { seed: 'seed' } as const;
/** An outbox row's origin (absent: a live command). */
export type OutboxOrigin = (typeof OutboxOrigin)[keyof typeof OutboxOrigin];

/** The status an outbound row (an adapter call, a channel send) is written with: seeded history is settled at once. */
export function outboundStatus(origin: OutboxOrigin | null | undefined): 'pending' | 'seeded' {
  return origin === OutboxOrigin.seed ? OutboxStatus.seeded : OutboxStatus.pending;
}

/** Claims up to `limit` due rows (pending and due, or running with an expired lease). */
export async function claimOutbox(knex: Knex, now: number, limit: number, leaseMs = 60_000): Promise<OutboxRow[]> {
  const due = (await knex('outbox').where({ status: 'pending' }).where('available_at', '<=', now).orderBy('available_at').limit(limit).pluck('id')) as number[];
  const stale = due.length < limit
    ? ((await knex('outbox').where({ status: 'running' }).where('claimed_until', '<', now).orderBy('id').limit(limit - due.length).pluck('id')) as number[]) : [];
  const ids = [...due, ...stale];
  if (!ids.length) return [];
  const token = randomUUID();
  await knex('outbox').whereIn('id', ids)
    .andWhere((q) => q.where((p) => p.where({ status: 'pending' }).where('available_at', '<=', now)).orWhere((r) => r.where({ status: 'running' }).where('claimed_until', '<', now)))
    .update({ status: 'running', claim_token: token, claimed_until: now + leaseMs, attempts: knex.raw('?? + 1', ['attempts']), updated_at: now });
  const rows = (await knex('outbox').where({ claim_token: token, status: 'running' }).orderBy('id')) as OutboxRow[];
  return rows.map((r) => ({ ...r, id: Number(r.id), attempts: Number(r.attempts), available_at: Number(r.available_at) }));
}

/** Finishes a claimed row (only while this claim still holds it). */
export function settle(q: Knex | Knex.Transaction, row: OutboxRow, patch: Record<string, unknown>) {
  return q('outbox').where({ id: row.id, status: 'running' }).update({ ...patch, claim_token: null, claimed_until: null, updated_at: Date.now() });
}
