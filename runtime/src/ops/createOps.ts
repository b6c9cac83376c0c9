/**
 * The operator services of one runtime: readiness, metrics, dead letters, and whether the process
 * is draining (SIGTERM received: readiness fails so a load balancer stops sending, work in flight ends).
 */
import type { Knex } from 'knex';
import type { Dialect } from '../store/createDb.ts';
import type { ProcessRole } from '../config/loadConfig.ts';
import { checkReadiness, type Readiness } from './readiness.ts';
import { createDeadLetters, type DeadLetters } from './KnexDeadLetters.ts';
import type { RuntimeMetrics } from './createRuntimeMetrics.ts';
import type { TimerRef } from '../jobs/JobDriver.ts';

/** What the ops endpoints use. */
export interface OpsServices {
  role: ProcessRole;
  startedAt: number;
  metrics: RuntimeMetrics;
  deadLetters: DeadLetters;
  readiness(): Promise<Readiness>;
  /** true once SIGTERM (or close) began */
  draining(): boolean;
  setDraining(): void;
  /** after a retried timer: wake whatever fires timers (a BullMQ job, or the embedded poll) */
  timerRetried(t: TimerRef): void;
  /** after a retried outbox row */
  outboxRetried(): void;
}

/** Wires the ops services. */
export function createOps(o: { knex: Knex; dialect: Dialect; role: ProcessRole; metrics: RuntimeMetrics; pingRedis?: () => Promise<void>; timerRetried(t: TimerRef): void; outboxRetried(): void }): OpsServices {
  let draining = false;
  const startedAt = Date.now();
  return {
    role: o.role, startedAt, metrics: o.metrics,
    deadLetters: createDeadLetters(o.knex, o.dialect),
    async readiness() {
      const r = await checkReadiness({ knex: o.knex, pingRedis: o.pingRedis });
      if (!draining) return r;
      return { ready: false, checks: [...r.checks, { name: 'process', ok: false, code: 'ops.draining', message: '进程正在停止，处理完手头请求后退出 (The process is stopping: it finishes the work in hand, then exits)' }] };
    },
    draining: () => draining,
    setDraining: () => { draining = true; },
    timerRetried: o.timerRetried,
    outboxRetried: o.outboxRetried,
  };
}
