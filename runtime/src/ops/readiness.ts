/**
 * `/readyz`: whether this process can do its work now — the database answers and is migrated, Redis
 * answers (when the BullMQ driver is configured), and some worker beat recently. Each check says
 * what is wrong with a stable code, in zh-CN and English, so a load balancer takes the process out
 * and an operator reads why in the same answer.
 */
import type { Knex } from 'knex';
import { migrationStatus } from '../store/migrate.ts';
import { HEARTBEAT_FRESH_MS } from './heartbeats.ts';

/** One check's result. */
export interface ReadinessCheck { name: 'database' | 'migrations' | 'redis' | 'worker' | 'process'; ok: boolean; code?: string; message?: string }
/** The answer of `/readyz`. */
export interface Readiness { ready: boolean; checks: ReadinessCheck[] }

/** What the checks read. */
export interface ReadinessDeps {
  knex: Knex;
  /** pings Redis (the jobs driver's connection); absent when no Redis is configured */
  pingRedis?: () => Promise<void>;
  /** how long one check may take before it counts as failed */
  timeoutMs?: number;
  now?: () => number;
}

const messages = {
  'ops.db-unreachable': ['数据库无法连接', 'The database cannot be reached'],
  'ops.db-not-migrated': ['数据库结构未升级到最新', 'The database has migrations still pending'],
  'ops.redis-unreachable': ['Redis 无法连接（定时任务唤醒暂停，数据库仍为准）', 'Redis cannot be reached (timer wake-ups pause; the database stays the truth)'],
  'ops.no-worker': ['近期没有工作进程心跳（定时任务和外发队列无人处理）', 'No worker heartbeat seen recently (nobody fires timers or delivers the outbox)'],
} as const;

function failed(name: ReadinessCheck['name'], code: keyof typeof messages, why?: string): ReadinessCheck {
  const [zh, en] = messages[code];
  return { name, ok: false, code, message: `${zh} (${en})${why ? ': ' + why.slice(0, 200) : ''}` };
}

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let handle: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<T>((_, reject) => { handle = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms); })])
    .finally(() => clearTimeout(handle));
}

/** Runs every check (each bounded), never throws. */
export async function checkReadiness(d: ReadinessDeps): Promise<Readiness> {
  const ms = d.timeoutMs ?? 2_000;
  const now = (d.now ?? Date.now)();
  const checks: ReadinessCheck[] = [];
  let dbUp = false;
  try {
    await within(d.knex.raw('select 1'), ms);
    dbUp = true;
    checks.push({ name: 'database', ok: true });
  } catch (err) {
    checks.push(failed('database', 'ops.db-unreachable', (err as Error).message));
  }
  if (dbUp) {
    try {
      const { pending } = await within(migrationStatus(d.knex), ms);
      checks.push(pending.length ? failed('migrations', 'ops.db-not-migrated', pending.join(', ')) : { name: 'migrations', ok: true });
    } catch (err) {
      checks.push(failed('migrations', 'ops.db-not-migrated', (err as Error).message));
    }
    try {
      const row = (await within(d.knex('worker_heartbeats').max({ seen: 'seen_at' }).first(), ms)) as { seen: number | string | null } | undefined;
      const seen = row?.seen == null ? undefined : Number(row.seen);
      checks.push(seen !== undefined && now - seen < HEARTBEAT_FRESH_MS ? { name: 'worker', ok: true }
        : failed('worker', 'ops.no-worker', seen === undefined ? 'none ever' : `last ${Math.round((now - seen) / 1000)} s ago`));
    } catch (err) {
      checks.push(failed('worker', 'ops.no-worker', (err as Error).message));
    }
  }
  if (d.pingRedis) {
    try {
      await within(d.pingRedis(), ms);
      checks.push({ name: 'redis', ok: true });
    } catch (err) {
      checks.push(failed('redis', 'ops.redis-unreachable', (err as Error).message));
    }
  }
  return { ready: checks.every((c) => c.ok), checks };
}
