/**
 * Worker heartbeats: every process that fires timers and delivers the outbox (role `worker` or
 * `all`) upserts its row every few seconds, so `/readyz` on any server can tell whether some worker
 * is alive, and an operator can see which ones are. Rows of stopped workers are removed on a clean
 * stop and age out of the check otherwise (a SIGKILL leaves one behind until it is pruned).
 */
import { hostname } from 'node:os';
import type { Knex } from 'knex';
import type { Logger } from 'pino';

/** A worker counts as alive while its last beat is younger than this. */
export const HEARTBEAT_FRESH_MS = 30_000;
/** How often a worker beats. */
export const HEARTBEAT_EVERY_MS = 5_000;

/** One worker's last beat. */
export interface Heartbeat { id: string; role: string; host: string; pid: number; startedAt: number; seenAt: number }

/** Records one beat (insert or update: the same statement on SQLite and MariaDB). */
export async function beat(knex: Knex, hb: Heartbeat): Promise<void> {
  await knex('worker_heartbeats').insert({ id: hb.id, role: hb.role, host: hb.host.slice(0, 191), pid: hb.pid, started_at: hb.startedAt, seen_at: hb.seenAt })
    .onConflict('id').merge(['seen_at', 'role']);
}

/** The newest beats, newest first. */
export async function recentHeartbeats(knex: Knex, limit = 20): Promise<Heartbeat[]> {
  const rows = (await knex('worker_heartbeats').orderBy('seen_at', 'desc').limit(limit)) as Array<Record<string, string | number>>;
  return rows.map((r) => ({ id: String(r.id), role: String(r.role), host: String(r.host), pid: Number(r.pid), startedAt: Number(r.started_at), seenAt: Number(r.seen_at) }));
}

/** A running heartbeat: `stop()` ends it and removes the row (a clean exit is not a dead worker). */
export interface HeartbeatLoop { stop(): Promise<void> }

/** Starts beating for this process; a failed beat (database away) is logged and the next one retries. */
export function startHeartbeat(knex: Knex, o: { id: string; role: string; logger: Logger; everyMs?: number }): HeartbeatLoop {
  const startedAt = Date.now();
  let inFlight: Promise<void> = Promise.resolve();
  const once = () => {
    inFlight = inFlight.then(() => beat(knex, { id: o.id, role: o.role, host: hostname(), pid: process.pid, startedAt, seenAt: Date.now() }))
      .catch((err) => o.logger.warn({ code: 'ops.heartbeat-failed', err: (err as Error).message }, 'worker heartbeat failed; retrying'));
  };
  once();
  const handle = setInterval(once, o.everyMs ?? HEARTBEAT_EVERY_MS);
  handle.unref();
  return {
    async stop() {
      clearInterval(handle);
      await inFlight;
      await knex('worker_heartbeats').where({ id: o.id }).delete().catch(() => undefined);
    },
  };
}
